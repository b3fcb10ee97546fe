namespace PartyPortal.Model;

/// <summary>
/// Who changed what, when, where, with the values before and after. Written in the same transaction as
/// the change; never edited or deleted.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public int? OrgUnitId { get; set; }

    /// <summary>JSON of the values before and after; null where there were none (a create, a delete).</summary>
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>
    /// About a discipline-restricted record (纪检): readable only by those who may read such records, and for a
    /// restricted activity without any of its content (who, when, which record).
    /// </summary>
    public bool Restricted { get; set; }
}

/// <summary>
/// The bureau's own settings: its names (the seed masks them as ** — province, city, district).
/// The time zone is configuration (<c>Bureau:TimeZoneId</c>), read once by <see cref="BureauClock"/>.
/// </summary>
public class BureauSettings
{
    public int Id { get; set; }
    public required string BureauName { get; set; }
    public required string CommitteeName { get; set; }
    public string ProvinceName { get; set; } = "";
    public string CityName { get; set; } = "";
    public string DistrictName { get; set; } = "";
}
