using AfterSales.Gateway;
using AfterSales.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTokenValidation();
builder.AddCallerRateLimits();
builder.Services.AddReverseProxy()
    .LoadFromMemory(GatewayRoutes.Routes(), GatewayRoutes.Clusters())
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseTraceIdHeader();
app.UseCallerProblems();
app.UseBodySizeLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseCallerRateLimits();
app.MapDefaultEndpoints();
app.MapReverseProxy(proxy =>
{
    proxy.UseProblemResponsesForProxyErrors();
    proxy.UseBodySizeRefusals();
});

app.Run();
