using AfterSales.Customers.Extensions;
using AfterSales.Customers.Grpc;
using AfterSales.Platform.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<CustomerGrpcService>();
app.MapGrpcService<CustomerCareGrpcService>();
app.MapGrpcService<ProjectGrpcService>();

app.Run();
