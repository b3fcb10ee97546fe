using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>What kind of record a figure counts.</summary>
public enum FigureSource
{
    /// <summary>Activities of the ledger dated in the period, held by a unit of the scope.</summary>
    Activities = 1,

    /// <summary>Members present at activities dated in the period, who belonged to a unit of the scope on the activity's day.</summary>
    Attendance,

    /// <summary>Register entries (honours, service circles, teams, studios) of units in the scope.</summary>
    Registers,

    /// <summary>Closed-loop items (problems) owned by units in the scope.</summary>
    ClosedLoopItems,

    /// <summary>The rectification measures written for the closed-loop items the figure's filter selects.</summary>
    RectificationMeasures,

    /// <summary>Partnerships in operation during the period, one of our branches in the scope on our side.</summary>
    Partnerships,

    /// <summary>Restricted discipline records dated in the period, of units in the scope.</summary>
    DisciplineRecords,

    /// <summary>Temporary branches (临时党支部) of the scope founded in the period.</summary>
    TemporaryBranches,

    /// <summary>The published star ratings (read through the star-rating code, never recounted here).</summary>
    StarRatings,
}

/// <summary>How the selected records become one number.</summary>
public enum FigureMeasure
{
    Count = 1,

    /// <summary>Sum of quantities: an activity's quantity, a disposition's person-times.</summary>
    Sum,
    DistinctMembers,

    /// <summary>Distinct units of our side: the activity's unit, the partnership's own branch.</summary>
    DistinctBranches,

    /// <summary>Distinct partners on the other side of partnerships: a branch or an outside organisation.</summary>
    DistinctPartners,

    /// <summary>This figure's records (a part) as a percentage of another figure's (<see cref="FigureFilter.ShareOf"/>).</summary>
    Share,
}

/// <summary>Which register entries a period selects.</summary>
public enum RegisterWindow
{
    /// <summary>Started on or before the period's last day and not ended before its first.</summary>
    InOperation = 1,

    /// <summary>Started (received, formed) within the period.</summary>
    StartedInPeriod,
}

/// <summary>
/// The filters of a figure: only those its source reads are set. Lists are empty when they do not filter.
/// </summary>
public sealed record FigureFilter
{
    public IReadOnlyList<string> KindCodes { get; init; } = [];

    /// <summary>The activity was held by a unit of these types (F03: the municipal and county committees).</summary>
    public IReadOnlyList<OrgUnitType> HeldByTypes { get; init; } = [];

    public string? CampaignCode { get; init; }
    public OrganiserLevel? OrganiserLevel { get; init; }
    public CadreLevel? CadreLevel { get; init; }

    /// <summary>The activity happened at a leadership member's grassroots contact point (F11/F12).</summary>
    public bool AtContactPoint { get; init; }

    public IReadOnlyList<RegisterKind> RegisterKinds { get; init; } = [];
    public RegisterWindow Window { get; init; } = RegisterWindow.InOperation;

    /// <summary>Closed-loop items of this source found in the period.</summary>
    public ClosedLoopSource? ItemSource { get; init; }

    /// <summary>Closed-loop items found by an activity of this figure's activities (F20: by F19's inspections).</summary>
    public string? FoundByFigure { get; init; }

    public PartnershipType? PartnershipType { get; init; }

    /// <summary>Our side is a branch of the municipal organs (机关党委's subtree).</summary>
    public bool OrgansSide { get; init; }

    /// <summary>The partner is a branch of the district bureau named in the bureau's settings (DistrictName).</summary>
    public bool DistrictPartner { get; init; }

    public OutsideOrganisationKind? PartnerKind { get; init; }

    public DisciplineRecordType? DisciplineType { get; init; }
    public DispositionForm? Form { get; init; }

    /// <summary>For a share: the figure whose value is the whole.</summary>
    public string? ShareOf { get; init; }
}

/// <summary>
/// One masked figure of the half-year report, as data: where it stands, the seed's words around it, and what is
/// counted. <see cref="Sentence"/> holds <c>{值}</c> for the figure and <c>{省}</c>, <c>{市}</c>, <c>{区}</c>,
/// <c>{期间}</c> for the names and the period the seed masks or dates.
/// </summary>
/// <param name="Id">"F01" … "F44", as REPORT_FIGURES.md numbers them.</param>
/// <param name="Chapter">0 for the opening, 1–6 for the six pillars' chapters.</param>
/// <param name="Section">1-based section (（一）…) within the chapter; 0 in the opening.</param>
/// <param name="Restricted">Discipline data: the number to readers of discipline aggregates, the records only to Discipline.</param>
/// <param name="Definition">What is counted, in Chinese: the appendix and the figure page print it.</param>
public sealed record ReportFigure(
    string Id,
    int Chapter,
    int Section,
    string Sentence,
    string Unit,
    FigureSource Source,
    FigureMeasure Measure,
    FigureFilter Filter,
    bool Restricted,
    string Definition)
{
    public const string ValueSlot = "{值}";

    /// <summary>A short name for lists and the figure page: the sentence up to its figure.</summary>
    public string ShortName => Sentence[..Sentence.IndexOf(ValueSlot, StringComparison.Ordinal)]
        .Replace("{省}", "", StringComparison.Ordinal).Replace("{市}", "", StringComparison.Ordinal)
        .Replace("{区}", "", StringComparison.Ordinal).Replace("{期间}", "", StringComparison.Ordinal).TrimStart('，', '、');
}
