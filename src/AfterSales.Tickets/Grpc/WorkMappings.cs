using AfterSales.Platform.Grpc;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Tickets.V1;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>Checks the fields of work records and visit endings and turns them into the domain's terms.</summary>
internal static class WorkMappings
{
    public const int MaxWorkTextLength = 2000;
    public const int MaxFindingLength = 1000;
    public const int MaxReceiptNumberLength = 32;
    public const int MaxParts = 50;
    public const int MaxLabourEntries = 20;
    public const int MaxPhotos = 20;
    private const double MaxReading = 10_000_000;

    /// <summary>
    /// The ids of documents (photos, sketches) a request lists, at most <see cref="MaxPhotos"/>, each with the
    /// field that named it; the documents service is asked later whether they are the ticket's.
    /// </summary>
    public static List<(string Field, Guid Id)> DocumentIds(FieldViolations violations, string field, IList<string> ids)
    {
        var parsed = new List<(string, Guid)>();
        if (ids.Count > MaxPhotos)
        {
            violations.Add(field, $"{field} may list at most {MaxPhotos} documents.");
            return parsed;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            violations.RequireId(itemField, ids[i], out var id);
            parsed.Add((itemField, id));
        }
        return parsed;
    }

    public static Model.WorkEntry ToWorkEntry(this RecordWorkRequest request, DateTimeOffset now)
    {
        var violations = new FieldViolations()
            .RequireText("work_done", request.WorkDone, MaxWorkTextLength)
            .OptionalText("findings_listen", request.FindingsListen, MaxFindingLength)
            .OptionalText("findings_look", request.FindingsLook, MaxFindingLength)
            .OptionalText("findings_check", request.FindingsCheck, MaxFindingLength);
        if (request.Place is not (WorkPlace.OnSite or WorkPlace.Workshop))
        {
            violations.Add("place", "place must be ON_SITE or WORKSHOP; remote work is recorded by ResolveRemotely.");
        }
        if (request.DepartedAt is not null && request.Place != WorkPlace.OnSite)
        {
            violations.Add("departed_at", "departed_at is only for an on-site record.");
        }
        else if (request.DepartedAt is not null && request.DepartedAt.ToDateTimeOffset() > now + Model.IntakeClock.AllowedClockSkew)
        {
            violations.Add("departed_at", "departed_at cannot be in the future.");
        }
        Reading(violations, "running_hours", request.RunningHours);
        Reading(violations, "mileage_km", request.MileageKm);

        if (request.Parts.Count > MaxParts)
        {
            violations.Add("parts", $"parts may list at most {MaxParts} parts.");
        }
        else
        {
            for (var i = 0; i < request.Parts.Count; i++)
            {
                violations.RequireText($"parts[{i}].part_number", request.Parts[i].PartNumber, 32);
                if (request.Parts[i].Quantity is < 1 or > 1000)
                {
                    violations.Add($"parts[{i}].quantity", "quantity must be between 1 and 1000.");
                }
            }
        }

        var labour = new List<Model.LabourHours>();
        if (request.Labour.Count > MaxLabourEntries)
        {
            violations.Add("labour", $"labour may list at most {MaxLabourEntries} entries.");
        }
        else
        {
            for (var i = 0; i < request.Labour.Count; i++)
            {
                violations.RequireId($"labour[{i}].technician_id", request.Labour[i].TechnicianId, out var technician);
                var hours = request.Labour[i].Hours;
                if (!double.IsFinite(hours) || hours < 0.25 || hours > 24 || hours * 4 != Math.Floor(hours * 4))
                {
                    violations.Add($"labour[{i}].hours", "hours must be whole quarter hours from 0.25 to 24.");
                }
                else
                {
                    labour.Add(new Model.LabourHours(technician, (decimal)hours));
                }
            }
        }

        var photos = DocumentIds(violations, "photo_document_ids", request.PhotoDocumentIds);
        violations.ThrowIfAny();

        return new Model.WorkEntry(
            (Model.WorkPlace)request.Place,
            request.DepartedAt is null ? null : BusinessCalendar.ToStoredPrecision(request.DepartedAt.ToDateTimeOffset()),
            request.RunningHours == 0 ? null : (decimal)request.RunningHours,
            request.MileageKm == 0 ? null : (decimal)request.MileageKm,
            request.OpenedBefore,
            RequestText.NullIfBlank(request.FindingsListen),
            RequestText.NullIfBlank(request.FindingsLook),
            RequestText.NullIfBlank(request.FindingsCheck),
            request.WorkDone.Trim(),
            [.. request.Parts.Select(p => new Model.PartUsed(p.PartNumber.Trim(), p.Quantity, p.OldPartKept))],
            labour,
            photos.Select(p => p.Id).Distinct().ToList());
    }

    public static Model.VisitOutcome ToVisitOutcome(this CompleteVisitRequest request, DateTimeOffset now)
    {
        var violations = new FieldViolations();
        switch (request.Result)
        {
            case VisitResult.Completed:
                violations.OptionalText("note", request.Note, Model.Ticket.MaxNoteLength);
                break;
            case VisitResult.TakenBack or VisitResult.Replacement or VisitResult.Other:
                violations.RequireText("note", request.Note, Model.Ticket.MaxNoteLength);
                break;
            default:
                violations.Add("result", "result must be COMPLETED, TAKEN_BACK, REPLACEMENT or OTHER.");
                break;
        }
        if (request.Result == VisitResult.TakenBack)
        {
            violations.RequireText("receipt_number", request.ReceiptNumber, MaxReceiptNumberLength);
            if (request.PromisedReturnAt is null)
            {
                violations.Add("promised_return_at", "promised_return_at is required for a take-back repair.");
            }
            else if (request.PromisedReturnAt.ToDateTimeOffset() <= now)
            {
                violations.Add("promised_return_at", "promised_return_at must be in the future.");
            }
        }
        else
        {
            if (request.ReceiptNumber.Length > 0)
            {
                violations.Add("receipt_number", "receipt_number is only for a take-back repair.");
            }
            if (request.PromisedReturnAt is not null)
            {
                violations.Add("promised_return_at", "promised_return_at is only for a take-back repair.");
            }
        }
        violations.ThrowIfAny();
        return new Model.VisitOutcome(
            (Model.VisitResult)request.Result,
            RequestText.NullIfBlank(request.Note),
            RequestText.NullIfBlank(request.ReceiptNumber),
            request.PromisedReturnAt is null ? null : BusinessCalendar.ToStoredPrecision(request.PromisedReturnAt.ToDateTimeOffset()));
    }

    private static void Reading(FieldViolations violations, string field, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > MaxReading)
        {
            violations.Add(field, $"{field} must be a number from 0 to {MaxReading:0}.");
        }
    }
}
