using AfterSales.Feedback.Extensions;
using AfterSales.Feedback.Grpc;
using AfterSales.Platform.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<FeedbackGrpcService>();

app.Run();
