namespace AfterSales.Platform.Audit;

/// <summary>One change to one object: who, what, when. Saved in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(Guid id, DateTimeOffset at, string actor, Guid? actorStationId, string operation,
        string entityType, string entityId, string change, string valuesJson)
    {
        Id = id;
        At = at;
        Actor = actor;
        ActorStationId = actorStationId;
        Operation = operation;
        EntityType = entityType;
        EntityId = entityId;
        Change = change;
        ValuesJson = valuesJson;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public Guid? ActorStationId { get; private set; }
    public string Operation { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string Change { get; private set; } = "";
    public string ValuesJson { get; private set; } = "{}";
}
