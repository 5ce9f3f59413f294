using AfterSales.Documents.Extensions;
using AfterSales.Documents.Grpc;
using AfterSales.Platform.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<DocumentGrpcService>();

app.Run();
