using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Asset = AfterSales.Customers.V1.Asset;
using Customer = AfterSales.Customers.V1.Customer;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>
/// The customer file's writes: each checks every field first (nothing is stored on a bad request), is saved
/// once per request id and audited; two people editing one file or asset at once never both win (ABORTED).
/// </summary>
public sealed partial class CustomerGrpcService
{
    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Customer> CreateCustomer(CreateCustomerRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireText("name", request.Name, Model.Customer.MaxNameLength)
            .OptionalId("serving_station_id", request.ServingStationId, out var servingStation);
        CheckAttribute(violations, request.Attribute);
        CheckContacts(violations, request.Contacts);
        if (request.Sites.Count > Model.Customer.MaxSites)
        {
            violations.Add("sites", $"A customer file has at most {Model.Customer.MaxSites} sites.");
        }
        for (var i = 0; i < request.Sites.Count && i < Model.Customer.MaxSites; i++)
        {
            CheckSite(violations, $"sites[{i}]", request.Sites[i]);
        }
        // A station serves its own customers; staff say which station does.
        if (caller.StationId is { } own && servingStation is { } named && named != own)
        {
            violations.Add("serving_station_id", "A station opens files only for customers it serves itself.");
        }
        else if (caller.StationId is null && servingStation is null)
        {
            violations.Add("serving_station_id", "serving_station_id is required.");
        }
        violations.ThrowIfAny();

        return requests.SaveOnceAsync(request, context, async () =>
        {
            var station = caller.StationId ?? servingStation!.Value;
            if (!await stations.ExistsAsync(station, context.CancellationToken))
            {
                throw ValidationException.ForField("serving_station_id", "serving_station_id names no station of the service network.");
            }
            var number = await db.NextCustomerNumberAsync(context.CancellationToken);
            var customer = new Model.Customer(Guid.CreateVersion7(), Model.Customer.FormatCode(number), request.Name.Trim(),
                (Model.CustomerAttribute)request.Attribute, station, calendar.Now);
            customer.ReplaceContacts(request.Contacts.Select(c => new Model.Contact(c.Name.Trim(), c.Phone.Trim())));
            foreach (var site in request.Sites)
            {
                customer.AddSite(NewSite(site));
            }
            db.Customers.Add(customer);
            return customer.ToProto();
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Customer> UpdateCustomer(UpdateCustomerRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("customer_id", request.CustomerId, out var customerId);
        var etag = CheckEtag(violations, request.Etag);
        violations.UpdateMask("update_mask", request.UpdateMask, ["name", "attribute", "contacts"], out var fields);
        if (fields.Contains("name"))
        {
            violations.RequireText("name", request.Name, Model.Customer.MaxNameLength);
        }
        if (fields.Contains("attribute"))
        {
            CheckAttribute(violations, request.Attribute);
        }
        if (fields.Contains("contacts"))
        {
            CheckContacts(violations, request.Contacts);
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = await FindFileToEditAsync(request.CustomerId, customerId, etag, context.CancellationToken);
            if (fields.Contains("name"))
            {
                customer.Rename(request.Name.Trim());
            }
            if (fields.Contains("attribute"))
            {
                customer.ChangeAttribute((Model.CustomerAttribute)request.Attribute);
            }
            if (fields.Contains("contacts"))
            {
                customer.ReplaceContacts(request.Contacts.Select(c => new Model.Contact(c.Name.Trim(), c.Phone.Trim())));
            }
            customer.Touch(calendar.Now);
            return customer.ToProto();
        });
    }

    /// <summary>Staff only: a station never gives its customers away, nor takes another's.</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override async Task<Customer> TransferCustomer(TransferCustomerRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireId("to_station_id", request.ToStationId, out var toStation)
            .RequireText("reason", request.Reason, Model.WarrantyChange.MaxReasonLength);
        var etag = CheckEtag(violations, request.Etag);
        violations.ThrowIfAny();
        List<string>? serialNumbers = null;
        var answer = await requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = await FindFileToEditAsync(request.CustomerId, customerId, etag, context.CancellationToken);
            if (!await stations.ExistsAsync(toStation, context.CancellationToken))
            {
                throw ValidationException.ForField("to_station_id", "to_station_id names no station of the service network.");
            }
            var from = customer.ServingStationId;
            customer.TransferTo(toStation);
            customer.Touch(calendar.Now);
            // What the customer's file holds follows it: the new station works it, the old one no longer sees it.
            (await db.Projects.Where(p => p.CustomerId == customer.Id).ToListAsync(context.CancellationToken)).ForEach(p => p.ServedBy(toStation));
            (await db.Reminders.Where(r => r.CustomerId == customer.Id).ToListAsync(context.CancellationToken)).ForEach(r => r.ServedBy(toStation));
            (await db.ReturnVisitPlans.Where(p => p.CustomerId == customer.Id).ToListAsync(context.CancellationToken)).ForEach(p => p.ServedBy(toStation));
            (await db.ReturnVisits.Where(v => v.CustomerId == customer.Id).ToListAsync(context.CancellationToken)).ForEach(v => v.ServedBy(toStation));
            (await db.Trainings.Where(t => t.CustomerId == customer.Id).ToListAsync(context.CancellationToken)).ForEach(t => t.ServedBy(toStation));
            serialNumbers = await db.Assets.AsNoTracking().Where(a => a.CustomerId == customer.Id).Select(a => a.SerialNumber).ToListAsync(context.CancellationToken);
            outbox.Enqueue(new Events.V1.CustomerTransferred
            {
                CustomerId = customer.Id.ToString(), FromStationId = from.ToString(), ToStationId = toStation.ToString(), Reason = request.Reason.Trim(),
                SerialNumbers = { serialNumbers }, TransferredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(calendar.Now),
            });
            return customer.ToProto();
        });
        // Saved: the entitlements name the serving station; the next intake reads the new one (the event makes sure of it).
        if (serialNumbers is not null)
        {
            await coverage.InvalidateAsync(serialNumbers, context.CancellationToken);
        }
        return answer;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<Customer> UpdateSite(UpdateSiteRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireId("site_id", request.SiteId, out var siteId);
        var etag = CheckEtag(violations, request.Etag);
        violations.UpdateMask("update_mask", request.UpdateMask, ["name", "address", "region", "distance_km"], out var fields);
        var site = request.Site ?? new Site();
        if (fields.Contains("name"))
        {
            violations.RequireText("site.name", site.Name, Model.Site.MaxNameLength);
        }
        if (fields.Contains("address"))
        {
            violations.RequireText("site.address", site.Address, Model.Site.MaxAddressLength);
        }
        if (fields.Contains("region"))
        {
            violations.RequireText("site.region", site.Region, Model.Site.MaxRegionLength);
        }
        if (fields.Contains("distance_km") && site.DistanceKm is < 0 or > Model.Site.MaxDistanceKm)
        {
            violations.Add("site.distance_km", $"distance_km must be 0 to {Model.Site.MaxDistanceKm}.");
        }
        violations.ThrowIfAny();
        List<string>? installed = null;
        var answer = await requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = await FindFileToEditAsync(request.CustomerId, customerId, etag, context.CancellationToken);
            var edited = customer.Sites.SingleOrDefault(s => s.Id == siteId)
                ?? throw ValidationException.ForField("site_id", "site_id names no site of the customer.");
            edited.Update(fields.Contains("name") ? site.Name.Trim() : null, fields.Contains("address") ? site.Address.Trim() : null,
                fields.Contains("region") ? site.Region.Trim() : null, fields.Contains("distance_km") ? site.DistanceKm : null);
            customer.Touch(calendar.Now);
            installed = await db.Assets.AsNoTracking().Where(a => a.SiteId == siteId).Select(a => a.SerialNumber).ToListAsync(context.CancellationToken);
            outbox.Enqueue(edited.ToChangedEvent(customer, installed));
            return customer.ToProto();
        });
        // Saved: the entitlements of the assets there carry the site's figures; the next intake reads the new ones
        // (the event makes sure of it). Null for a replayed request, whose edit dropped them when it was made.
        if (installed is not null)
        {
            await coverage.InvalidateAsync(installed, context.CancellationToken);
        }
        return answer;
    }

    /// <summary>
    /// The file to edit, if the caller may see it and it is still the version the caller read: an edit against
    /// an older one is refused (ABORTED), and so is the save of one changed meanwhile (the row version).
    /// </summary>
    private async Task<Model.Customer> FindFileToEditAsync(string rawId, Guid customerId, int etag, CancellationToken cancellationToken)
    {
        var customer = caller.Visible(await db.Customers.Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken),
            c => c.ServingStationId, "Customer", rawId);
        if (customer.Revision != etag)
        {
            throw new ConcurrencyConflictException($"Customer {customer.Code} was changed since it was read; read it again and redo the edit.");
        }
        return customer;
    }

    private static int CheckEtag(FieldViolations violations, string etag)
    {
        if (!int.TryParse(etag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            violations.Add("etag", "etag is required: the etag of the customer file as read.");
        }
        return version;
    }

    private static void CheckAttribute(FieldViolations violations, CustomerAttribute attribute)
    {
        violations.RequireChoice("attribute", attribute, "attribute must be IN_WARRANTY, ANNUAL_CONTRACT, PER_VISIT_CONTRACT or CONTACT_LETTER.");
    }

    private static void CheckContacts(FieldViolations violations, IList<Contact> contacts)
    {
        if (contacts.Count is 0 or > Model.Customer.MaxContacts)
        {
            violations.Add("contacts", $"A customer file has 1 to {Model.Customer.MaxContacts} contacts.");
        }
        for (var i = 0; i < contacts.Count && i < Model.Customer.MaxContacts; i++)
        {
            violations.RequireText($"contacts[{i}].name", contacts[i].Name, Model.Contact.MaxNameLength)
                .RequireText($"contacts[{i}].phone", contacts[i].Phone, Model.Contact.MaxPhoneLength);
            if (!string.IsNullOrWhiteSpace(contacts[i].Phone) && Model.Customer.DigitsOf(contacts[i].Phone).Length == 0)
            {
                violations.Add($"contacts[{i}].phone", "phone must contain digits.");
            }
        }
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Customer> AddSite(AddSiteRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("customer_id", request.CustomerId, out var customerId);
        if (request.Site is null)
        {
            violations.Add("site", "site is required.");
        }
        else
        {
            CheckSite(violations, "site", request.Site);
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            customer.AddSite(NewSite(request.Site!));
            return customer.ToProto();
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<Asset> RegisterAsset(RegisterAssetRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireId("site_id", request.SiteId, out var siteId)
            .Check("", request.Model, request.SerialNumber, request.SoftwareVersion, request.WarrantyMonths, request.Components);
        var acceptedOn = request.AcceptedOn?.ToDateOnly();
        if (acceptedOn is null)
        {
            violations.Add("accepted_on", "accepted_on is required, a whole date.");
        }
        else if (acceptedOn > calendar.DateOf(calendar.Now))
        {
            violations.Add("accepted_on", "accepted_on cannot be in the future: warranty clocks start at an acceptance that happened.");
        }
        violations.ThrowIfAny();

        var registered = await requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.AsNoTracking().Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            if (customer.Sites.All(s => s.Id != siteId))
            {
                throw ValidationException.ForField("site_id", "site_id names no site of the customer.");
            }
            await AssetFields.RequireUnregisteredAsync(db, [request.SerialNumber.Trim()], context.CancellationToken);
            var asset = AssetFields.New(customer.Id, siteId, acceptedOn!.Value, request.Model, request.SerialNumber, request.SoftwareVersion,
                request.WarrantyMonths, request.Components);
            db.Assets.Add(asset);
            // A lookup of this serial number before it existed is not cached (a miss is not), so nothing is stale.
            return asset.ToProto();
        });
        // Accepted long ago, or on older software than its model's latest: reminded of now, not at the next round.
        reminders.Wake();
        return registered;
    }

    [Access(StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override async Task<Asset> ChangeWarranty(ChangeWarrantyRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("asset_id", request.AssetId, out var assetId)
            .OptionalText("component_code", request.ComponentCode, 32)
            .RequireText("reason", request.Reason, Model.WarrantyChange.MaxReasonLength)
            .ThrowIfAny();
        if (request.WarrantyMonths is < 1 or > Model.Asset.MaxWarrantyMonths)
        {
            throw ValidationException.ForField("warranty_months", $"warranty_months must be 1 to {Model.Asset.MaxWarrantyMonths}.");
        }
        var answer = await requests.SaveOnceAsync(request, context, async () =>
        {
            var (asset, servingStation) = await FindAssetAsync(request.AssetId, assetId, context.CancellationToken);
            var change = asset.ChangeWarranty(RequestText.NullIfBlank(request.ComponentCode), request.WarrantyMonths, request.Reason.Trim(), caller.Subject, calendar.Now);
            db.WarrantyChanges.Add(change);
            outbox.Enqueue(change.ToEvent(asset, servingStation));
            return asset.ToProto();
        });
        // Saved: the next entitlement check reads the new term, not the cached one (the event makes sure of it).
        await coverage.InvalidateAsync([answer.SerialNumber], context.CancellationToken);
        reminders.Wake();
        return answer;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Asset> RecordSoftwareUpgrade(RecordSoftwareUpgradeRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("asset_id", request.AssetId, out var assetId)
            .RequireText("software_version", request.SoftwareVersion, 32)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var (asset, _) = await FindAssetAsync(request.AssetId, assetId, context.CancellationToken);
            var version = request.SoftwareVersion.Trim();
            asset.UpgradeSoftware(version);
            // The notices this upgrade answers are done; one for a still newer release stays open.
            var notices = await db.Reminders
                .Where(r => r.Kind == Model.ReminderKind.SoftwareUpdate && r.SubjectId == asset.Id && r.HandledAt == null)
                .ToListAsync(context.CancellationToken);
            foreach (var notice in notices.Where(n => !Model.SoftwareVersions.IsOlder(version, n.Occasion)))
            {
                notice.Handle($"Upgraded to {version}.", caller.Subject, calendar.Now);
            }
            return asset.ToProto();
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListWarrantyChangesResponse> ListWarrantyChanges(ListWarrantyChangesRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("asset_id", request.AssetId, out var assetId).ThrowIfAny();
        var (asset, _) = await FindAssetAsync(request.AssetId, assetId, context.CancellationToken, tracked: false);
        var changes = await db.WarrantyChanges.AsNoTracking().Where(c => c.AssetId == asset.Id).OrderBy(c => c.ChangedAt).ToListAsync(context.CancellationToken);
        return new ListWarrantyChangesResponse { Changes = { changes.Select(c => c.ToProto(asset.AcceptedOn)) } };
    }

    /// <summary>The asset and its customer's serving station, if the caller may see them; another station's answers as a missing one.</summary>
    private async Task<(Model.Asset Asset, Guid ServingStationId)> FindAssetAsync(string rawId, Guid assetId, CancellationToken cancellationToken, bool tracked = true)
    {
        var found = await (tracked ? db.Assets : db.Assets.AsNoTracking())
            .Where(a => a.Id == assetId)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { Asset = a, c.ServingStationId })
            .SingleOrDefaultAsync(cancellationToken);
        var visible = caller.Visible(found, f => f.ServingStationId, "Asset", rawId);
        return (visible.Asset, visible.ServingStationId);
    }

    private static void CheckSite(FieldViolations violations, string field, Site site)
    {
        violations.RequireText($"{field}.name", site.Name, Model.Site.MaxNameLength)
            .RequireText($"{field}.address", site.Address, Model.Site.MaxAddressLength)
            .RequireText($"{field}.region", site.Region, Model.Site.MaxRegionLength);
        if (site.DistanceKm is < 0 or > Model.Site.MaxDistanceKm)
        {
            violations.Add($"{field}.distance_km", $"distance_km must be 0 to {Model.Site.MaxDistanceKm}.");
        }
        if (!string.IsNullOrEmpty(site.SiteId))
        {
            violations.Add($"{field}.site_id", "site_id is assigned by the service; leave it empty.");
        }
    }

    private static Model.Site NewSite(Site site) =>
        new(Guid.CreateVersion7(), site.Name.Trim(), site.Address.Trim(), site.Region.Trim(), site.DistanceKm);
}
