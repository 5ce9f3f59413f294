using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTokenEndpoint();

app.Run();
