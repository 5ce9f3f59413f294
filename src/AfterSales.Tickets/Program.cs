using AfterSales.Platform.Grpc;
using AfterSales.Tickets.Extensions;
using AfterSales.Tickets.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<TicketGrpcService>();
app.MapGrpcService<StationGrpcService>();
app.MapGrpcService<BuilderRepairGrpcService>();
app.MapGrpcService<BatchVisitGrpcService>();

app.Run();
