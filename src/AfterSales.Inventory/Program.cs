using AfterSales.Inventory.Extensions;
using AfterSales.Inventory.Grpc;
using AfterSales.Platform.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcPlatform();
builder.AddApplicationServices();

var app = builder.Build();

app.MapGrpcPlatform();
app.MapGrpcService<InventoryGrpcService>();
app.MapGrpcService<StockGrpcService>();
app.MapGrpcService<PlanningGrpcService>();
app.MapGrpcService<OldPartGrpcService>();
app.MapGrpcService<PurchasingGrpcService>();
app.MapGrpcService<RmaGrpcService>();
app.MapGrpcService<StockCountGrpcService>();
app.MapGrpcService<LoanerGrpcService>();
app.MapGrpcService<ToolGrpcService>();
app.MapGrpcService<SupplierClaimGrpcService>();

app.Run();
