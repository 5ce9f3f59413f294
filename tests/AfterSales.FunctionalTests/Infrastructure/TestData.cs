using AfterSales.Customers.Grpc;
using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Identity;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Inventory.Grpc;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Model;
using AfterSales.TestKit;
using AfterSales.Tickets.Grpc;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// Builders of a test's own data, written straight into the owning service's database with the domain's
/// own constructors (the APIs have no write RPCs for most of it yet).
/// </summary>
/// <remarks>
/// <para>How a functional test makes its own data. Nothing is reset between tests and test classes run in
/// parallel, so a test never relies on what another test did or did not do:</para>
/// <list type="number">
/// <item>Arrange its own objects: <c>var station = await Data.NewStationAsync();</c>,
/// <c>var asset = await Data.NewAssetAsync(station, Coverage.UnderContract);</c>, then act on
/// <c>asset.SerialNumber</c> as <c>station.Caller</c> (e.g. <c>Suite.Tickets.ChannelAs(station.Caller)</c>).
/// A new station sees nothing but what the test gives it, so its lists hold exactly the test's objects.</item>
/// <item>Assert on those objects only: filter a list or a table to the test's own ids, serial numbers or
/// station; never count a whole table or list (another test may be adding to it right now).</item>
/// <item>Read the demo seed (<c>DemoIds</c>, the fee schedule, the templates, the demo users such as
/// <c>dispatcher</c>) freely, but never change it: every other test reads it too. To change a user, a
/// stock level or a customer, make your own first.</item>
/// <item>Use <see cref="Unique.Name"/> for any other name or code a test needs, and a new
/// <see cref="Guid"/> for ids and request ids.</item>
/// <item>A class that must count rows of a table others write to, or that disturbs the shared servers,
/// joins <see cref="ExclusiveCollection"/> and resets only the tables it owns.</item>
/// </list>
/// </remarks>
public sealed class TestData(
    ServiceFactory<CustomerGrpcService, CustomersDbContext> customers,
    ServiceFactory<TicketGrpcService, TicketsDbContext> tickets,
    ServiceFactory<InventoryGrpcService, InventoryDbContext> inventory,
    ServiceFactory<TokenServerOptions, IdentityDbContext> identity,
    Callers callers,
    Func<string, string> secretFor)
{
    /// <summary>
    /// A partner station of its own: in the service network (tickets, with <paramref name="technicians"/>
    /// technicians) and as an OAuth client (identity) with its secret of the run, so it can get a token.
    /// </summary>
    public async Task<TestStation> NewStationAsync(int technicians = 0, string? clientId = null)
    {
        var id = Guid.NewGuid();
        var code = Unique.Name("ST");
        var name = $"测试服务站 {code}";
        clientId ??= $"station-{code.ToLowerInvariant()}";
        await tickets.WithDbAsync(db =>
        {
            db.Stations.Add(new Station(id, code, name, "ZJ-HZ"));
            db.Technicians.AddRange(Enumerable.Range(1, technicians).Select(i => new Technician(Guid.NewGuid(), id, $"技术员 {i}", ["elevator"])));
            return db.SaveChangesAsync();
        });
        await using (var scope = identity.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>()
                .CreateAsync(ClientRegistrations.Station(clientId, secretFor(clientId), name, id));
        }
        return new TestStation(id, code, clientId, callers.Station(clientId));
    }

    /// <summary>A member of staff of their own, with one role, of a station (<paramref name="stationId"/>) or internal (null).</summary>
    public async Task<TestStaff> NewStaffAsync(string role, Guid? stationId = null)
    {
        var user = new StaffUser(Guid.NewGuid(), Unique.Name(role), $"测试 {role}", [role], stationId);
        user.SetPassword(secretFor(user.UserName), identity.Services.GetRequiredService<IPasswordHasher<StaffUser>>());
        await identity.WithDbAsync(db =>
        {
            db.StaffUsers.Add(user);
            return db.SaveChangesAsync();
        });
        return new TestStaff(user.Id, user.UserName, stationId, callers.Staff(user.UserName));
    }

    /// <summary>A customer of its own served by the station, with one contact and one site.</summary>
    public async Task<TestCustomer> NewCustomerAsync(Guid stationId)
    {
        var code = Unique.Name("C");
        var customer = new Customer(Guid.NewGuid(), code, $"测试客户 {code}", CustomerAttribute.InWarranty, stationId, DateTimeOffset.UtcNow);
        customer.Contacts.Add(new Contact("王建国", "0571-8888-1001"));
        var site = new Site(Guid.NewGuid(), "测试现场", "杭州市西湖区文三路 100 号", "ZJ-HZ", 8);
        customer.Sites.Add(site);
        await customers.WithDbAsync(db =>
        {
            db.Customers.Add(customer);
            return db.SaveChangesAsync();
        });
        return new TestCustomer(customer.Id, code, stationId, site.Id);
    }

    /// <inheritdoc cref="NewCustomerAsync(Guid)"/>
    public Task<TestCustomer> NewCustomerAsync(TestStation station) => NewCustomerAsync(station.Id);

    /// <summary>An installed unit of its own (a unique serial number) at a new customer of the station, covered as <paramref name="coverage"/> says.</summary>
    public async Task<TestAsset> NewAssetAsync(Guid stationId, Coverage coverage = Coverage.InWarranty) =>
        await NewAssetAsync(await NewCustomerAsync(stationId), coverage);

    /// <inheritdoc cref="NewAssetAsync(Guid, Coverage)"/>
    public Task<TestAsset> NewAssetAsync(TestStation station, Coverage coverage = Coverage.InWarranty) => NewAssetAsync(station.Id, coverage);

    /// <summary>An installed unit of its own (a unique serial number) at the customer's site, covered as <paramref name="coverage"/> says.</summary>
    /// <remarks>
    /// Like the demo units: <see cref="Coverage.InWarranty"/> a chiller accepted two months ago (components
    /// COMP, 60 months, and PUMP, 12); <see cref="Coverage.UnderContract"/> a lift accepted in 2019 (MOTOR,
    /// DOOR) under a maintenance contract running from six months ago to six months ahead;
    /// <see cref="Coverage.OutOfWarranty"/> an access-control unit accepted in 2018, with no contract.
    /// </remarks>
    public async Task<TestAsset> NewAssetAsync(TestCustomer customer, Coverage coverage = Coverage.InWarranty)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var serialNumber = Unique.Name("SN");
        var asset = coverage switch
        {
            Coverage.InWarranty => new Asset(Guid.NewGuid(), customer.Id, customer.SiteId, "AquaChill 500", serialNumber, today.AddMonths(-2), "2.1.3", 24,
                [new Component("COMP", "压缩机", 60), new Component("PUMP", "冷冻水泵", 12)]),
            Coverage.UnderContract => new Asset(Guid.NewGuid(), customer.Id, customer.SiteId, "XO-Lift 3000", serialNumber, new DateOnly(2019, 6, 1), "4.2.0", 24,
                [new Component("MOTOR", "曳引机", 60), new Component("DOOR", "门机系统", 24)]),
            Coverage.OutOfWarranty => new Asset(Guid.NewGuid(), customer.Id, customer.SiteId, "SecureGate 200", serialNumber, new DateOnly(2018, 3, 15), "1.0.7", 12, []),
            _ => throw new ArgumentOutOfRangeException(nameof(coverage)),
        };
        var contract = coverage == Coverage.UnderContract
            ? new Contract(Guid.NewGuid(), customer.Id, Unique.Name("HT"), ContractKind.Maintenance, today.AddMonths(-6), today.AddMonths(6), 48000m, [asset.Id])
            : null;
        await customers.WithDbAsync(db =>
        {
            db.Assets.Add(asset);
            if (contract is not null)
            {
                db.Contracts.Add(contract);
            }
            return db.SaveChangesAsync();
        });
        return new TestAsset(asset.Id, serialNumber, customer.Id, customer.StationId, contract?.Number);
    }

    /// <summary>A catalogue part of its own, with <paramref name="onHand"/> units (of them <paramref name="reserved"/> promised) in the central warehouse.</summary>
    public async Task<TestPart> NewPartAsync(int onHand = 0, int reserved = 0)
    {
        var part = new Part(Guid.NewGuid(), Unique.Name("P-T"), "测试备件", "测试规格", 100.00m);
        await inventory.WithDbAsync(async db =>
        {
            db.Parts.Add(part);
            if (onHand > 0)
            {
                var central = await db.Warehouses.SingleAsync(w => w.StationId == null);
                var level = new StockLevel(central.Id, part.Id);
                db.Movements.Add(level.Receive(onHand, MovementKind.Receipt, "TEST", "test", DateTimeOffset.UtcNow));
                if (reserved > 0)
                {
                    db.Movements.Add(level.Reserve(reserved, part.PartNumber, "TEST", "test", DateTimeOffset.UtcNow));
                }
                db.StockLevels.Add(level);
            }
            return await db.SaveChangesAsync();
        });
        return new TestPart(part.Id, part.PartNumber);
    }
}

/// <summary>How a test's asset is covered, and so the service category a repair of it gets.</summary>
public enum Coverage
{
    /// <summary>Within the warranty: free (C).</summary>
    InWarranty,

    /// <summary>Out of warranty, under a maintenance contract: contract (B).</summary>
    UnderContract,

    /// <summary>Out of warranty and of any contract: paid (A).</summary>
    OutOfWarranty,
}

/// <summary>A test's own partner station; <see cref="Caller"/> is its client's token.</summary>
public sealed record TestStation(Guid Id, string Code, string ClientId, Func<Task<string>> Caller);

/// <summary>A test's own member of staff; <see cref="Caller"/> is their token.</summary>
public sealed record TestStaff(Guid Id, string UserName, Guid? StationId, Func<Task<string>> Caller);

/// <summary>A test's own customer file.</summary>
public sealed record TestCustomer(Guid Id, string Code, Guid StationId, Guid SiteId);

/// <summary>A test's own installed unit; <see cref="ContractNumber"/> is set when a contract covers it.</summary>
public sealed record TestAsset(Guid Id, string SerialNumber, Guid CustomerId, Guid StationId, string? ContractNumber);

/// <summary>A test's own catalogue part.</summary>
public sealed record TestPart(Guid Id, string PartNumber);
