using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Common.V1;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Date = Google.Type.Date;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static AfterSales.FunctionalTests.Customers.CustomerRequests;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>
/// Customer files written through the real gateway, as a station and staff do it: a customer, its sites, an
/// installed asset and its entitlement, by gRPC and by JSON; warranty changes that intake follows at once;
/// bad input refused with the field named and nothing stored.
/// </summary>
public class CustomerFileTests(Suite suite) : SuiteTest(suite)
{
    private CustomerService.CustomerServiceClient As(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    [Fact]
    public async Task A_station_opens_a_customer_with_a_site_and_an_asset_by_grpc_and_reads_its_entitlement()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);

        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var withSite = await customers.AddSiteAsync(new AddSiteRequest
        {
            CustomerId = customer.CustomerId, Site = new Site { Name = "分厂", Address = "杭州市萧山区市心路 12 号", Region = "ZJ-HZ", DistanceKm = 130 },
        });
        var asset = await customers.RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-2)));
        var entitlement = await customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });
        var other = await Data.NewStationAsync();
        var hidden = await Assert.ThrowsAsync<RpcException>(() => As(other.Caller).GetCustomerAsync(new GetCustomerRequest { CustomerId = customer.CustomerId }).ResponseAsync);

        Assert.Equal(station.Id.ToString(), customer.ServingStationId);
        Assert.StartsWith("C-", customer.Code, StringComparison.Ordinal);
        Assert.Equal(2, withSite.Sites.Count);
        Assert.Equal(24, asset.WarrantyMonths);
        Assert.Equal((ServiceCategory.Free, asset.AssetId, customer.Sites[0].SiteId, 8), (entitlement.Category, entitlement.AssetId, entitlement.SiteId, entitlement.DistanceKm));
        Assert.Contains(Today.AddMonths(-2).AddMonths(24).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entitlement.Reason, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_station_does_the_same_by_json_and_a_serial_number_with_a_slash_and_spaces_works()
    {
        var station = await Data.NewStationAsync();
        using var http = Suite.Gateway.HttpAs(station.Caller);

        var created = await http.PostAsJsonAsync("/api/customers/v1/customers", new
        {
            name = Unique.Name("客户"),
            attribute = "CUSTOMER_ATTRIBUTE_PER_VISIT_CONTRACT",
            contacts = new[] { new { name = "李敏", phone = "0571-8888-2002" } },
            sites = new[] { new { name = "门诊楼", address = "杭州市西湖区天目山路 305 号", region = "ZJ-HZ", distanceKm = 15 } },
        });
        var customer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var withSite = await http.PostAsJsonAsync($"/api/customers/v1/customers/{customer.GetProperty("customerId").GetString()}/sites", new
        {
            site = new { name = "住院部", address = "杭州市西湖区天目山路 307 号", region = "ZJ-HZ", distanceKm = 16 },
            requestId = Guid.NewGuid().ToString(),
        });
        var serial = $"XO/A {Guid.NewGuid():N}"[..30];
        var registered = await http.PostAsJsonAsync("/api/customers/v1/assets", new
        {
            customerId = customer.GetProperty("customerId").GetString(),
            siteId = customer.GetProperty("sites")[0].GetProperty("siteId").GetString(),
            model = "XO-Lift 3000",
            serialNumber = serial,
            acceptedOn = new { year = 2018, month = 3, day = 15 },
            warrantyMonths = 12,
        });
        var entitlement = await http.GetFromJsonAsync<JsonElement>($"/api/customers/v1/entitlements/{Uri.EscapeDataString(serial)}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(2, (await withSite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sites").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal("SERVICE_CATEGORY_PAID", entitlement.GetProperty("category").GetString());
        Assert.Contains("2019-03-15", entitlement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warranty_extension_is_recorded_with_its_reason_and_the_next_intake_follows_it_at_once()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var asset = await customers.RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-30)));
        var before = await customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });

        var concurrent = await Task.WhenAll(new[] { 36, 48 }.Select(async months =>
        {
            try
            {
                await As(Suite.Callers.Staff("manager")).ChangeWarrantyAsync(new ChangeWarrantyRequest
                {
                    AssetId = asset.AssetId, WarrantyMonths = months, Reason = "促销活动延保", RequestId = Guid.NewGuid().ToString(),
                });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var after = await customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var ticket = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var history = await customers.ListWarrantyChangesAsync(new ListWarrantyChangesRequest { AssetId = asset.AssetId });

        Assert.Equal(ServiceCategory.Paid, before.Category);
        Assert.Contains(StatusCode.OK, concurrent);
        Assert.All(concurrent, code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.Aborted }));
        Assert.Equal(ServiceCategory.Free, after.Category);
        Assert.Equal(ServiceCategory.Free, ticket.Category);
        var change = Assert.Single(history.Changes, c => c.FromMonths == 24);
        Assert.Equal(("", "促销活动延保"), (change.ComponentCode, change.Reason));
        Assert.False(string.IsNullOrEmpty(change.ChangedBy));
        Assert.Equal(concurrent.Count(c => c == StatusCode.OK), history.Changes.Count);
    }

    [Fact]
    public async Task Bad_files_and_assets_are_refused_with_each_field_named_and_nothing_is_stored()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var name = Unique.Name("客户");
        var file = NewFile(name);
        file.Sites[0].DistanceKm = -5;
        file.Contacts.Add(new Contact { Name = "", Phone = "0571" });
        file.ServingStationId = Guid.NewGuid().ToString();

        var badFile = await Assert.ThrowsAsync<RpcException>(() => customers.CreateCustomerAsync(file).ResponseAsync);
        var staffFile = NewFile(name);
        staffFile.ServingStationId = Guid.NewGuid().ToString();
        var unknownStation = await Assert.ThrowsAsync<RpcException>(() => As(Suite.Callers.Staff("admin")).CreateCustomerAsync(staffFile).ResponseAsync);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var asset = NewAsset(customer, Today.AddDays(3), warrantyMonths: 500);
        asset.Components.Add(new Component { Code = "COMP", Name = "压缩机二", WarrantyMonths = 0 });
        var badAsset = await Assert.ThrowsAsync<RpcException>(() => customers.RegisterAssetAsync(asset).ResponseAsync);
        var registered = await customers.RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-1)));
        var again = NewAsset(customer, Today.AddMonths(-1));
        again.SerialNumber = registered.SerialNumber;
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => customers.RegisterAssetAsync(again).ResponseAsync);

        Problems.AssertFieldViolations(badFile, "contacts[1].name", "serving_station_id", "sites[0].distance_km");
        Problems.AssertFieldViolations(unknownStation, "serving_station_id");
        Problems.AssertFieldViolations(badAsset, "accepted_on", "components[1].code", "components[1].warranty_months", "warranty_months");
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal(0, await Suite.Customers.WithDbAsync(db => db.Customers.CountAsync(c => c.Name == name)));
        Assert.Equal(1, await Suite.Customers.WithDbAsync(db => db.Assets.CountAsync(a => a.CustomerId == Guid.Parse(customer.CustomerId))));
    }

    [Fact]
    public async Task A_contract_signed_or_terminated_changes_the_next_intakes_category_at_once_with_labour_and_parts_apart()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var asset = await customers.RegisterAssetAsync(NewAsset(customer, new DateOnly(2018, 3, 15), warrantyMonths: 12));
        var entitlement = new CheckEntitlementRequest { SerialNumber = asset.SerialNumber };
        var before = await customers.CheckEntitlementAsync(entitlement); // and now cached

        var contract = await customers.CreateContractAsync(NewContract(customer, ContractKind.PerVisit, Today.AddDays(-30), Today.AddDays(335), asset.AssetId));
        var covered = await customers.CheckEntitlementAsync(entitlement);
        var coveredTicket = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var overlapping = await Assert.ThrowsAsync<RpcException>(() =>
            customers.CreateContractAsync(NewContract(customer, ContractKind.PerVisit, Today.AddDays(100), Today.AddDays(500))).ResponseAsync);
        var renewal = NewContract(customer, ContractKind.PerVisit, Today.AddDays(336), Today.AddDays(700), asset.AssetId);
        renewal.RenewsContractId = contract.ContractId;
        var renewed = await customers.CreateContractAsync(renewal);
        var terminated = await customers.TerminateContractAsync(new TerminateContractRequest
        {
            ContractId = contract.ContractId, LastDay = DateOf(Today.AddDays(-3)), Reason = "客户提前解约", RequestId = Guid.NewGuid().ToString(),
        });
        var after = await customers.CheckEntitlementAsync(entitlement);
        var afterTicket = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var other = await Data.NewStationAsync();
        var othersContract = await Assert.ThrowsAsync<RpcException>(() =>
            As(other.Caller).CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today, Today.AddDays(30))).ResponseAsync);

        Assert.Equal(ServiceCategory.Paid, before.Category);
        Assert.Equal((ServiceCategory.Contract, ServiceCategory.Contract, ServiceCategory.Paid, contract.Number),
            (covered.Category, covered.LabourCategory, covered.PartsCategory, covered.ContractNumber));
        Assert.Equal(ServiceCategory.Contract, coveredTicket.Category);
        Problems.AssertFieldViolations(overlapping, "starts_on");
        Assert.Equal((contract.ContractId, BillingBasis.PerVisit, false), (renewed.RenewsContractId, renewed.BillingBasis, renewed.Services.Parts));
        Assert.Equal("客户提前解约", terminated.TerminationReason);
        Assert.Equal((ServiceCategory.Paid, ServiceCategory.Paid), (after.Category, afterTicket.Category));
        Assert.Equal(StatusCode.NotFound, othersContract.StatusCode);
    }

    [Fact]
    public async Task A_station_signs_a_maintenance_contract_by_json_and_bad_contracts_are_refused_naming_each_field()
    {
        var station = await Data.NewStationAsync();
        var customer = await As(station.Caller).CreateCustomerAsync(NewFile(Unique.Name("客户")));
        using var http = Suite.Gateway.HttpAs(station.Caller);
        var number = Unique.Name("HT");

        var signed = await http.PostAsJsonAsync("/api/customers/v1/contracts", new
        {
            customerId = customer.CustomerId,
            number,
            kind = "CONTRACT_KIND_MAINTENANCE",
            startsOn = new { year = 2026, month = 1, day = 1 },
            endsOn = new { year = 2026, month = 12, day = 31 },
            price = new { currencyCode = "CNY", units = 48000 },
        });
        var contract = await signed.Content.ReadFromJsonAsync<JsonElement>();
        var bad = await http.PostAsJsonAsync("/api/customers/v1/contracts", new
        {
            customerId = customer.CustomerId,
            number = "",
            kind = "CONTRACT_KIND_MAINTENANCE",
            startsOn = new { year = 2026, month = 12, day = 31 },
            endsOn = new { year = 2026, month = 1, day = 1 },
            price = new { currencyCode = "CNY", units = -5 },
            services = new { preventiveVisitsPerYear = 400 },
            coveredAssetIds = new[] { Guid.NewGuid().ToString() },
        });
        var again = await http.PostAsJsonAsync("/api/customers/v1/contracts", new
        {
            customerId = customer.CustomerId,
            number,
            kind = "CONTRACT_KIND_PER_VISIT",
            startsOn = new { year = 2027, month = 1, day = 1 },
            endsOn = new { year = 2027, month = 12, day = 31 },
            price = new { currencyCode = "CNY", units = 800 },
        });

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(("BILLING_BASIS_PER_YEAR", true, 4), (contract.GetProperty("billingBasis").GetString(),
            contract.GetProperty("services").GetProperty("parts").GetBoolean(), contract.GetProperty("services").GetProperty("preventiveVisitsPerYear").GetInt32()));
        await Problems.AssertFieldViolationsAsync(bad, "ends_on", "number", "price", "services.preventive_visits_per_year");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await Suite.Customers.WithDbAsync(db => db.Contracts.CountAsync(c => c.CustomerId == Guid.Parse(customer.CustomerId))));
    }

    [Fact]
    public async Task Of_overlapping_contracts_signed_at_once_exactly_one_is_kept()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await customers.CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today.AddDays(i), Today.AddDays(200 + i)));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.Single(outcomes, o => o == StatusCode.OK);
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Contains(o, new[] { StatusCode.Aborted, StatusCode.InvalidArgument }));
        Assert.Equal(1, await Suite.Customers.WithDbAsync(db => db.Contracts.CountAsync(c => c.CustomerId == Guid.Parse(customer.CustomerId))));
    }
    [Fact]
    public async Task A_file_is_edited_against_its_etag_a_stale_or_concurrent_edit_is_refused_and_a_site_edit_reaches_the_next_intake()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var asset = await customers.RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-2)));
        await customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber }); // cached, with the site's distance
        var renamed = Unique.Name("客户");

        var edited = await customers.UpdateCustomerAsync(new UpdateCustomerRequest
        {
            CustomerId = customer.CustomerId, Etag = customer.Etag, UpdateMask = new() { Paths = { "name", "contacts" } }, Name = renamed,
            Contacts = { new Contact { Name = "周工", Phone = "+86 138-0000-4321" } }, RequestId = Guid.NewGuid().ToString(),
        });
        var stale = await Assert.ThrowsAsync<RpcException>(() => customers.UpdateCustomerAsync(new UpdateCustomerRequest
        {
            CustomerId = customer.CustomerId, Etag = customer.Etag, UpdateMask = new() { Paths = { "attribute" } },
            Attribute = CustomerAttribute.AnnualContract, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var concurrent = await Task.WhenAll(new[] { 40, 60 }.Select(async km =>
        {
            try
            {
                await customers.UpdateSiteAsync(new UpdateSiteRequest
                {
                    CustomerId = customer.CustomerId, SiteId = customer.Sites[0].SiteId, Etag = edited.Etag,
                    UpdateMask = new() { Paths = { "distance_km" } }, Site = new Site { DistanceKm = km }, RequestId = Guid.NewGuid().ToString(),
                });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var file = await customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = customer.CustomerId });
        var bad = await Assert.ThrowsAsync<RpcException>(() => customers.UpdateSiteAsync(new UpdateSiteRequest
        {
            CustomerId = customer.CustomerId, SiteId = customer.Sites[0].SiteId, Etag = file.Etag,
            UpdateMask = new() { Paths = { "distance_km", "region", "serving_station_id" } }, Site = new Site { DistanceKm = -3 }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var entitlement = await customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });
        var other = await Data.NewStationAsync();
        var others = await Assert.ThrowsAsync<RpcException>(() => As(other.Caller).UpdateCustomerAsync(new UpdateCustomerRequest
        {
            CustomerId = customer.CustomerId, Etag = file.Etag, UpdateMask = new() { Paths = { "name" } }, Name = "x", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);

        Assert.Equal((renamed, "+86 138-0000-4321", CustomerAttribute.InWarranty), (edited.Name, edited.Contacts.Single().Phone, edited.Attribute));
        Assert.NotEqual(customer.Etag, edited.Etag);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal([StatusCode.OK, StatusCode.Aborted], concurrent.Order());
        Assert.Contains(file.Sites[0].DistanceKm, new[] { 40, 60 });
        Problems.AssertFieldViolations(bad, "site.distance_km", "site.region", "update_mask");
        Assert.Equal(file.Sites[0].DistanceKm, entitlement.DistanceKm);
        Assert.Equal(StatusCode.NotFound, others.StatusCode);
    }

    [Fact]
    public async Task A_receptionist_finds_a_file_by_name_phone_serial_number_or_contract_number_and_a_station_only_its_own()
    {
        var station = await Data.NewStationAsync();
        var customers = As(station.Caller);
        var name = Unique.Name("滨江物业");
        var file = NewFile(name);
        var phone = $"0571-{Random.Shared.Next(1000, 9999)}-{Random.Shared.Next(1000, 9999)}";
        file.Contacts[0].Phone = phone;
        var customer = await customers.CreateCustomerAsync(file);
        var asset = await customers.RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-2)));
        var contract = await customers.CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today, Today.AddYears(1)));
        await customers.CreateCustomerAsync(NewFile(Unique.Name("其他客户")));

        async Task<IReadOnlyList<string>> FindAsync(CustomerService.CustomerServiceClient client, string query) =>
            (await client.ListCustomersAsync(new ListCustomersRequest { Query = query, PageSize = 100 })).Customers.Select(c => c.CustomerId).ToList();

        Assert.Equal([customer.CustomerId], await FindAsync(customers, name[2..]));
        Assert.Equal([customer.CustomerId], await FindAsync(customers, phone.Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal([customer.CustomerId], await FindAsync(customers, phone[5..]));
        Assert.Equal([customer.CustomerId], await FindAsync(customers, asset.SerialNumber.ToLowerInvariant()));
        Assert.Equal([customer.CustomerId], await FindAsync(customers, contract.Number));
        Assert.Empty(await FindAsync(customers, "%"));
        Assert.Empty(await FindAsync(As((await Data.NewStationAsync()).Caller), name));
        Assert.Equal([customer.CustomerId], await FindAsync(As(Suite.Callers.Staff("admin")), name));
        using var http = Suite.Gateway.HttpAs(station.Caller);
        var json = await http.GetFromJsonAsync<JsonElement>($"/api/customers/v1/customers?query={Uri.EscapeDataString(asset.SerialNumber)}");
        Assert.Equal(customer.CustomerId, json.GetProperty("customers")[0].GetProperty("customerId").GetString());
    }
    [Fact]
    public async Task Staff_hand_a_customer_to_another_station_which_then_serves_it_and_the_first_no_longer_sees_it()
    {
        var (first, second) = (await Data.NewStationAsync(), await Data.NewStationAsync());
        var customer = await As(first.Caller).CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var asset = await As(first.Caller).RegisterAssetAsync(NewAsset(customer, Today.AddMonths(-2)));
        await As(first.Caller).CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber }); // cached with the first station
        var care = new CustomerCareService.CustomerCareServiceClient(Suite.Gateway.ChannelAs(first.Caller));
        await care.PlanTrainingAsync(new PlanTrainingRequest
        {
            CustomerId = customer.CustomerId, Topic = "日常保养", Trainer = "刘工", PlannedOn = DateOf(Today.AddDays(7)), RequestId = Guid.NewGuid().ToString(),
        });
        var transfer = new TransferCustomerRequest
        {
            CustomerId = customer.CustomerId, Etag = customer.Etag, ToStationId = second.Id.ToString(), Reason = "客户搬迁至宁波", RequestId = Guid.NewGuid().ToString(),
        };

        var byStation = await Assert.ThrowsAsync<RpcException>(() => As(first.Caller).TransferCustomerAsync(transfer).ResponseAsync);
        var transferred = await As(Suite.Callers.Staff("manager")).TransferCustomerAsync(transfer);
        var lost = await Assert.ThrowsAsync<RpcException>(() => As(first.Caller).GetCustomerAsync(new GetCustomerRequest { CustomerId = customer.CustomerId }).ResponseAsync);
        var entitlement = await As(second.Caller).CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });
        var trainings = await new CustomerCareService.CustomerCareServiceClient(Suite.Gateway.ChannelAs(second.Caller))
            .ListTrainingsAsync(new ListTrainingsRequest { CustomerId = customer.CustomerId });
        transfer.RequestId = Guid.NewGuid().ToString();
        var stale = await Assert.ThrowsAsync<RpcException>(() => As(Suite.Callers.Staff("manager")).TransferCustomerAsync(transfer).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal(second.Id.ToString(), transferred.ServingStationId);
        Assert.Equal(StatusCode.NotFound, lost.StatusCode);
        Assert.Equal(second.Id.ToString(), entitlement.ServingStationId);
        Assert.Equal(second.Id.ToString(), Assert.Single(trainings.Trainings).ServingStationId);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
    }
}
