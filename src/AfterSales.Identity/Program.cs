using AfterSales.Identity.Administration;
using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Extensions;

if (IdentityAdministration.IsCommand(args))
{
    // An operator issuing a station's client or a staff account, not the token server starting.
    return await IdentityAdministration.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTokenEndpoint();

app.Run();
return 0;
