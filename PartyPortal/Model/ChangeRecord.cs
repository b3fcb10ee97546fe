namespace PartyPortal.Model;

/// <summary>
/// What one write changed for the figures, saved in the write's own transaction (the outbox): the org units and
/// members it touched and the dates of the records it touched, before and after. The metrics engine applies these
/// in <see cref="Sequence"/> order; a change committed just before a crash is still here after the restart. The one
/// source of "what changed" for every consumer.
/// </summary>
public class ChangeRecord
{
    /// <summary>Assigned by the database in commit order (one SQLite writer at a time).</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The kind of data, e.g. "activity".</summary>
    public required string What { get; set; }

    /// <summary>Org unit ids, comma-separated: the record's unit before and after.</summary>
    public string Units { get; set; } = "";

    /// <summary>Member ids, comma-separated: attendees before and after, or the member written.</summary>
    public string Members { get; set; } = "";

    /// <summary>The records' dates before and after (yyyy-MM-dd, comma-separated); empty: any period may move.</summary>
    public string Dates { get; set; } = "";
}
