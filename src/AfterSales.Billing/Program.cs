using AfterSales.Billing.Extensions;
using AfterSales.Billing.Grpc;
using AfterSales.Platform.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<BillingGrpcService>();

app.Run();
