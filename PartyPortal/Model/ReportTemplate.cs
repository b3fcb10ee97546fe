namespace PartyPortal.Model;

/// <summary>
/// One version of a bureau's own Word template for the half-year report (「套用模板」): the .docx as uploaded, with
/// placeholders such as {{F03}} the portal fills. Versions of one name are kept, never overwritten, so a report filled
/// last year can be filled again the same way; the newest version is the one offered.
/// </summary>
public class ReportTemplate
{
    public const int NameMax = 60;
    public const int FileNameMax = 200;

    /// <summary>10 MB: a report template with a letterhead and a seal image is far below it.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public int Id { get; set; }

    /// <summary>The bureau the template belongs to: the root of its organisation tree.</summary>
    public int BureauOrgUnitId { get; set; }
    public OrgUnit? BureauOrgUnit { get; set; }

    public required string Name { get; set; }

    /// <summary>1, 2, 3… per bureau and name.</summary>
    public int Version { get; set; }

    /// <summary>The file's name as uploaded, for the download.</summary>
    public required string FileName { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex: an upload identical to the newest version is not a new version.</summary>
    public required string ContentHash { get; set; }

    public int Size { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
