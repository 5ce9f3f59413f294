using System.Collections.Concurrent;
using System.Diagnostics;
using AfterSales.Common.V1;
using AfterSales.Inventory.V1;
using AfterSales.TestKit;
using Grpc.Core;
using Npgsql;

/// <summary>
/// The inventory's issue operation through the gateway: a requisition of one unit for a ticket proposed, approved
/// (the unit reserved) and issued, as a station draws a part for a repair. Callers that lose a race for a stock
/// level are answered ABORTED and retry with the same request id, as a client of the API does.
/// </summary>
internal sealed class IssueBench(Uri gateway, Func<Task<string>> station, Func<Task<string>> storekeeper, Guid stationId,
    IReadOnlyList<string> ticketIds, string inventoryDb)
{
    /// <summary>Parts the main run draws on at random, each stocked far beyond what the run can issue.</summary>
    public const int Parts = 16;

    /// <summary>The scarce part's stock, and the requisitions that fight for it: far more than it can serve.</summary>
    public const int ScarceUnits = 50, ScarceRequisitions = 400;

    /// <summary>A call answered ABORTED is retried this often before the operation counts as an error.</summary>
    private const int MaxAttempts = 100;

    private readonly StockService.StockServiceClient _station = new(Bearer.Channel(gateway, station));
    private readonly StockService.StockServiceClient _storekeeper = new(Bearer.Channel(gateway, storekeeper));
    private readonly InventoryService.InventoryServiceClient _catalogue = new(Bearer.Channel(gateway, storekeeper));

    private enum Outcome { Issued, Refused, Failed }

    /// <summary>
    /// Issue operations on <see cref="Parts"/> amply stocked parts, <paramref name="callers"/> at once for
    /// <paramref name="duration"/> (after a warm-up of one caller), then the ledger.
    /// </summary>
    public async Task<(IssueFigures Figures, LedgerCheck Ledger)> PlentyAsync(int callers, TimeSpan duration)
    {
        var parts = await StockPartsAsync("MAIN", Parts, units: 10_000);
        var warm = 50;
        var warming = await RunAsync(1, parts, () => Interlocked.Decrement(ref warm) >= 0);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var figures = await RunAsync(callers, parts, () => Stopwatch.GetTimestamp() < end);
        var ledger = await LedgerCheck.ReadAsync(inventoryDb, parts, warming.Issued + figures.Issued);
        Report($"{warming.Issued + figures.Issued:N0} issues", ledger, warming, figures);
        return (figures, ledger);
    }

    /// <summary>
    /// <see cref="ScarceRequisitions"/> requisitions of one unit each from <paramref name="callers"/> callers at once, for
    /// one part of <see cref="ScarceUnits"/> units: each unit goes to exactly one of them, the rest are refused. Then the ledger.
    /// </summary>
    public async Task<(IssueFigures Figures, LedgerCheck Ledger)> ScarceAsync(int callers)
    {
        var part = await StockPartsAsync("SCARCE", 1, ScarceUnits);
        var requisitions = ScarceRequisitions;
        var figures = await RunAsync(callers, part, () => Interlocked.Decrement(ref requisitions) >= 0);
        var ledger = await LedgerCheck.ReadAsync(inventoryDb, part, figures.Issued);
        Report("the scarce part", ledger, figures);
        return (figures, ledger);
    }

    private static void Report(string after, LedgerCheck ledger, params IssueFigures[] runs)
    {
        Console.WriteLine($"  ledger after {after}: {ledger}");
        foreach (var (error, count) in runs.SelectMany(r => r.ErrorKinds))
        {
            Console.WriteLine($"  error x{count}: {error}");
        }
    }

    /// <summary>
    /// New catalogue parts, each received into the central warehouse (<paramref name="units"/> units) and sent on
    /// to the station's ledger, all through the API as a storekeeper books them.
    /// </summary>
    private async Task<IReadOnlyList<string>> StockPartsAsync(string name, int count, int units)
    {
        var parts = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var part = await _catalogue.CreatePartAsync(new CreatePartRequest
            {
                PartNumber = $"P-BENCH-{name}-{i:D2}", Name = "层门滚轮 (bench)", Specification = "Φ60 mm 聚氨酯",
                UnitPrice = new Money { CurrencyCode = "CNY", Units = 45 }, RequestId = Guid.NewGuid().ToString(),
            });
            parts.Add(part.PartId);
        }
        StockLine[] lines = [.. parts.Select(p => new StockLine { PartId = p, Quantity = units })];
        await _storekeeper.ReceiveStockAsync(new ReceiveStockRequest
        {
            SlipNumber = $"SLIP-BENCH-{name}", Supplier = "奥的斯配件公司", Lines = { lines }, RequestId = Guid.NewGuid().ToString(),
        });
        await _storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = stationId.ToString(), Lines = { lines }, Reason = $"TR-BENCH-{name}", RequestId = Guid.NewGuid().ToString(),
        });
        return parts;
    }

    /// <summary>
    /// <paramref name="callers"/> callers in a closed loop, each taking one unit of a part drawn at random from
    /// <paramref name="partIds"/> through to issued, then the next, while <paramref name="more"/> says so.
    /// </summary>
    private async Task<IssueFigures> RunAsync(int callers, IReadOnlyList<string> partIds, Func<bool> more)
    {
        var tally = new Tally();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var ticketId = ticketIds[caller % ticketIds.Count];
            while (more())
            {
                var operationStarted = Stopwatch.GetTimestamp();
                var outcome = await IssueOneAsync(ticketId, partIds[Random.Shared.Next(partIds.Count)], tally);
                tally.Count(outcome, Stopwatch.GetElapsedTime(operationStarted).TotalMilliseconds);
            }
        }));
        return tally.Figures(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<Outcome> IssueOneAsync(string ticketId, string partId, Tally tally)
    {
        var step = "ProposeRequisition";
        try
        {
            var requisition = await CallAsync(tally, () => _station.ProposeRequisitionAsync(new ProposeRequisitionRequest
            {
                TicketId = ticketId, Lines = { new StockLine { PartId = partId, Quantity = 1 } }, RequestId = Guid.NewGuid().ToString(),
            }, deadline: Deadline()).ResponseAsync);
            step = "ApproveRequisition";
            var approval = new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() };
            try
            {
                await CallAsync(tally, () => _station.ApproveRequisitionAsync(approval, deadline: Deadline()).ResponseAsync);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                // The part ran out: the requisition is refused, which is the answer a caller must get, not an error.
                return Outcome.Refused;
            }
            step = "IssueRequisition";
            var issue = new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() };
            var issued = await CallAsync(tally, () => _station.IssueRequisitionAsync(issue, deadline: Deadline()).ResponseAsync);
            if (issued.Status == RequisitionStatus.Issued)
            {
                return Outcome.Issued;
            }
            tally.Error($"{step} answered {issued.Status}");
            return Outcome.Failed;
        }
        catch (RpcException ex)
        {
            tally.Error($"{step} {ex.StatusCode}: {ex.Status.Detail}");
            return Outcome.Failed;
        }
    }

    /// <summary>One call, again with the same request as long as another caller's change won the race (ABORTED).</summary>
    private static async Task<T> CallAsync<T>(Tally tally, Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            tally.Call();
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && attempt < MaxAttempts)
            {
                tally.Retry();
                await Task.Delay(Random.Shared.Next(1, 10));
            }
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private readonly List<double> _times = [];
        private readonly ConcurrentDictionary<string, int> _errors = new();
        private int _refused, _failed, _calls, _retries;

        public void Call() => Interlocked.Increment(ref _calls);

        public void Retry() => Interlocked.Increment(ref _retries);

        public void Error(string what) => _errors.AddOrUpdate(what.Length > 160 ? what[..160] : what, 1, (_, n) => n + 1);

        public void Count(Outcome outcome, double milliseconds)
        {
            switch (outcome)
            {
                case Outcome.Issued:
                    lock (_gate)
                    {
                        _times.Add(milliseconds);
                    }
                    break;
                case Outcome.Refused:
                    Interlocked.Increment(ref _refused);
                    break;
                default:
                    Interlocked.Increment(ref _failed);
                    break;
            }
        }

        public IssueFigures Figures(double seconds) => new(_times.Count, _refused, _failed, _retries, _calls, seconds,
            Measure.Percentile(_times, 0.50), Measure.Percentile(_times, 0.99), new Dictionary<string, int>(_errors));
    }
}

/// <summary>What a run of issue operations came to: operations issued, refused for want of stock, failed; calls made and retried.</summary>
internal sealed record IssueFigures(int Issued, int Refused, int Errors, int Retries, int Calls, double Seconds, double P50, double P99,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double PerSecond => Issued / Seconds;

    public double CallsPerSecond => Calls / Seconds;
}

/// <summary>
/// The inventory's ledger read straight from its database, as an auditor would: each rule a count of the rows that
/// break it, so a broken ledger shows as a number above zero.
/// </summary>
internal sealed record LedgerCheck(long Negative, long OffMovements, long IssuesOffRequisitions, long IssuedTwice, long ReservationsOffApprovals,
    long CallersDisagree)
{
    public long Violations => Negative + OffMovements + IssuesOffRequisitions + IssuedTwice + ReservationsOffApprovals + CallersDisagree;

    /// <summary>
    /// Checks every ledger of the database, and that the <paramref name="parts"/> show exactly the
    /// <paramref name="issuedToCallers"/> issues their callers were answered ISSUED for.
    /// </summary>
    public static async Task<LedgerCheck> ReadAsync(string inventoryDb, IReadOnlyList<string> parts, int issuedToCallers)
    {
        await using var connection = new NpgsqlConnection(inventoryDb);
        await connection.OpenAsync();
        // One statement, so one snapshot. A requisition's movements carry its code as their reference.
        await using var check = new NpgsqlCommand("""
            WITH sums AS (
                SELECT "WarehouseId", "PartId", sum("OnHandChange") AS on_hand, sum("ReservedChange") AS reserved
                FROM inventory."Movements" GROUP BY 1, 2),
            lines AS (
                SELECT r."Code", r."Status", r."WarehouseId", l."PartId", l."Quantity"
                FROM inventory."Requisitions" r, jsonb_to_recordset(r."Lines") AS l("PartId" uuid, "Quantity" int)),
            issues AS (
                SELECT "Reference", "WarehouseId", "PartId", -sum("OnHandChange") AS units, count(*) AS times
                FROM inventory."Movements"
                WHERE "Kind" = 6 AND "Reference" IN (SELECT "Code" FROM inventory."Requisitions")
                GROUP BY 1, 2, 3),
            held AS (
                SELECT "WarehouseId", "PartId", sum("Quantity") AS units FROM lines WHERE "Status" = 2 GROUP BY 1, 2),
            reserved_by_requisitions AS (
                SELECT "WarehouseId", "PartId", sum("ReservedChange") AS units
                FROM inventory."Movements"
                WHERE "Reference" IN (SELECT "Code" FROM inventory."Requisitions")
                GROUP BY 1, 2)
            SELECT
                (SELECT count(*) FROM inventory."StockLevels" WHERE "OnHand" < 0 OR "Reserved" < 0 OR "Reserved" > "OnHand"),
                (SELECT count(*) FROM inventory."StockLevels" s FULL JOIN sums USING ("WarehouseId", "PartId")
                    WHERE coalesce(s."OnHand", 0) <> coalesce(sums.on_hand, 0) OR coalesce(s."Reserved", 0) <> coalesce(sums.reserved, 0)),
                (SELECT count(*) FROM (SELECT * FROM lines WHERE "Status" = 3) i
                    FULL JOIN issues m ON m."Reference" = i."Code" AND m."WarehouseId" = i."WarehouseId" AND m."PartId" = i."PartId"
                    WHERE i."Quantity" IS DISTINCT FROM m.units),
                (SELECT count(*) FROM issues WHERE times > 1),
                (SELECT count(*) FROM held FULL JOIN reserved_by_requisitions b USING ("WarehouseId", "PartId")
                    WHERE coalesce(held.units, 0) <> coalesce(b.units, 0)),
                (SELECT abs(count(*) - @issued) FROM inventory."Movements" WHERE "Kind" = 6 AND "PartId" = ANY(@parts))
            """, connection);
        check.Parameters.AddWithValue("issued", (long)issuedToCallers);
        check.Parameters.AddWithValue("parts", parts.Select(Guid.Parse).ToArray());
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LedgerCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public override string ToString() =>
        $"negative figures {Negative}, levels off their movements {OffMovements}, issues off their requisitions {IssuesOffRequisitions}, " +
        $"requisitions issued twice {IssuedTwice}, reservations off the approved requisitions {ReservationsOffApprovals}, " +
        $"issues the callers were not told of (or told of and not booked) {CallersDisagree}: invariant violations: {Violations}";
}
