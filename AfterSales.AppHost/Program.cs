using AfterSales.AppHost;
using AfterSales.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and Redis: containers, local processes or external servers (Infrastructure:Mode).
var infrastructure = builder.AddInfrastructure();

// The token server every service trusts; partner stations and staff get their tokens from it.
var (identity, demoPassword) = builder.AddIdentity(infrastructure);

var customers = builder.AddService<Projects.AfterSales_Customers>(ResourceNames.Customers, infrastructure, identity);
var inventory = builder.AddService<Projects.AfterSales_Inventory>(ResourceNames.Inventory, infrastructure, identity);
var tickets = builder.AddService<Projects.AfterSales_Tickets>(ResourceNames.Tickets, infrastructure, identity)
    .WithReference(customers).WithReference(inventory);
var billing = builder.AddService<Projects.AfterSales_Billing>(ResourceNames.Billing, infrastructure, identity);
var feedback = builder.AddService<Projects.AfterSales_Feedback>(ResourceNames.Feedback, infrastructure, identity);
var documents = builder.AddService<Projects.AfterSales_Documents>(ResourceNames.Documents, infrastructure, identity)
    .WithReference(tickets).WithReference(customers);
// Tickets checks that the photos and agreements it is given are archived about the ticket, customers that a
// customer's serving station is in the network and that a signed visit record is archived about the customer;
// each calls the other.
tickets.WithReference(documents);
customers.WithReference(tickets).WithReference(documents);
// Inventory draws requisitions for tickets, and keeps ledgers for stations, of the tickets service; it archives each
// receipt's slip in documents, which asks inventory whose warehouse a slip is about.
inventory.WithReference(tickets).WithReference(documents);
documents.WithReference(inventory);

// Where demo identities exist, the dashboard's menu of each domain service replays its parked events.
// and PostgreSQL's menu resets the demo data.
if (demoPassword is not null)
{
    IResourceBuilder<ProjectResource>[] domain = [customers, inventory, tickets, billing, feedback, documents];
    foreach (var service in domain)
    {
        service.WithReplayParkedEventsCommand(identity, demoPassword);
    }
    infrastructure.AddDemoDataReset(domain);
}

// Last: partner stations and web front ends come in through the gateway only once every service is up.
builder.AddProject<Projects.AfterSales_Gateway>(ResourceNames.Gateway)
    .RunBuiltAssembly<Projects.AfterSales_Gateway>()
    .WithoutProxyWhenSingle(replicas: 1)
    .WithHttpHealthCheck(Extensions.HealthPath)
    .WithExternalHttpEndpoints()
    .WithServiceReferences([identity, customers, tickets, inventory, billing, feedback, documents]);

builder.Build().Run();
