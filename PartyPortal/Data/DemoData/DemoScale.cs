using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>How large a demo bureau to generate (<c>DemoData:Scale</c>).</summary>
public enum DemoScale
{
    /// <summary>A municipal bureau: about 150 branches and 3,300 members under nine county committees.</summary>
    Municipal,

    /// <summary>A provincial bureau: about 3,000 branches and 60,000 members under about 100 county committees.</summary>
    Province,
}

/// <summary>One county committee of the demo: the city it is in and its own name.</summary>
/// <param name="BranchPrefix">What its branches' names begin with: the county alone in a municipal bureau, where
/// it is unambiguous, and city and county in a province, where two cities may both have, say, a 西山区.</param>
internal sealed record DemoCounty(string City, string County, string BranchPrefix)
{
    public string CommitteeName => $"国家税务总局{City}{County}税务局党委";
}

/// <summary>
/// What differs between the scales: the root and its names, the counties, branch sizes and the bureau-wide
/// counts (honours, findings, discipline records…), which grow with the bureau. Everything else — the ledger
/// rules, diligence, gaps — is the same code for both, so the province is as realistic as the city.
/// </summary>
internal sealed record DemoScaleProfile
{
    /// <summary>The place the root bureau is named for: 江城市 or 东江省.</summary>
    public required string Place { get; init; }

    /// <summary>市 or 省, for the short forms a bureau uses of itself (市局机关, 省税务局).</summary>
    public required string Level { get; init; }

    /// <summary>
    /// How many times a municipal bureau this one is, for counts that belong to the whole bureau rather than
    /// to a branch (DOMAIN: "a province about 20 times that"). Per-branch work needs no factor.
    /// </summary>
    public required int Breadth { get; init; }

    public required IReadOnlyList<DemoCounty> Counties { get; init; }
    public required IReadOnlyList<string> OrganDepartments { get; init; }
    public required IReadOnlyList<string> CountyDepartments { get; init; }

    /// <summary>Branches per county committee: <c>Min + rng.Next(Spread)</c>.</summary>
    public required (int Min, int Spread) CountyBranches { get; init; }

    /// <summary>Founding members per county branch: <c>Min + rng.Next(Spread)</c>.</summary>
    public required (int Min, int Spread) CountyBranchSize { get; init; }

    /// <summary>Who the congress-spirit classes for 科级 cadres are organised by, and who teaches them.</summary>
    public required OrganiserLevel SectionTrainingLevel { get; init; }
    public required string SectionTrainingPresenter { get; init; }

    /// <summary>The bureau-wide joint study (主题联学) of all levels.</summary>
    public required string JointStudyTitle { get; init; }

    /// <summary>The discipline inspection group's help to the level above it.</summary>
    public required string AssistReviewTitle { get; init; }
    public required string AssistEvidenceTitle { get; init; }

    /// <summary>
    /// Whether local names (communities, service circles, temporary branches) carry their county: not in a city,
    /// where they are unambiguous, but in a province, so one county's partner community is not merged with a
    /// namesake a hundred counties away.
    /// </summary>
    public bool NamesWithPlace { get; init; }

    public static DemoScaleProfile For(DemoScale scale) => scale switch
    {
        DemoScale.Municipal => Municipal,
        DemoScale.Province => Province,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    private static readonly DemoScaleProfile Municipal = new()
    {
        Place = DemoNames.City,
        Level = "市",
        Breadth = 1,
        Counties = [.. DemoNames.Counties.Select(c => new DemoCounty(DemoNames.City, c, c))],
        OrganDepartments = DemoNames.OrganDepartments,
        CountyDepartments = DemoNames.CountyDepartments,
        CountyBranches = (10, 6),
        CountyBranchSize = (10, 26),
        SectionTrainingLevel = OrganiserLevel.Municipal,
        SectionTrainingPresenter = "市委宣讲团成员",
        JointStudyTitle = "“感悟思想伟力，凝聚奋进力量”市县两级主题联学",
        AssistReviewTitle = "协助省税务局开展案件审查调查",
        AssistEvidenceTitle = "协助市纪委开展取证工作",
    };

    // About 100 counties of about 29 branches of 9–33 founding members (avg 21, a little smaller than a city's county
    // branches at 22.5): about 3,000 branches and, with leaders and new members, about 64,000 members. The ledger
    // rules give a member about 33 attendance rows a year, so the province's ledger reaches 8 million rows by late 2026.
    private static readonly DemoScaleProfile Province = new()
    {
        Place = DemoNames.Province,
        Level = "省",
        Breadth = 20,
        Counties = DemoNames.ProvinceCounties,
        OrganDepartments = [.. DemoNames.OrganDepartments.Select(DemoNames.ProvincialDepartment)],
        CountyDepartments = DemoNames.ProvinceCountyDepartments,
        CountyBranches = (27, 5),
        CountyBranchSize = (9, 25),
        SectionTrainingLevel = OrganiserLevel.Provincial,
        SectionTrainingPresenter = "省委宣讲团成员",
        JointStudyTitle = "“感悟思想伟力，凝聚奋进力量”全省税务系统主题联学",
        AssistReviewTitle = "协助驻总局纪检监察组开展案件审查调查",
        AssistEvidenceTitle = "协助省纪委监委开展取证工作",
        NamesWithPlace = true,
    };
}
