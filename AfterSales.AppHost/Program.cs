using AfterSales.AppHost;
using AfterSales.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and Redis: containers, local processes or external servers (Infrastructure:Mode).
var infrastructure = builder.AddInfrastructure();

var customers = builder.AddService<Projects.AfterSales_Customers>(ResourceNames.Customers, infrastructure);
var tickets = builder.AddService<Projects.AfterSales_Tickets>(ResourceNames.Tickets, infrastructure)
    .WithReference(customers);

// Last: partner stations and web front ends come in through the gateway only once every service is up.
builder.AddProject<Projects.AfterSales_Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithServiceReferences([customers, tickets]);

builder.Build().Run();
