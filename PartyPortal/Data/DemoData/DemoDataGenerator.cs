using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>
/// Generates a realistic demo bureau: a municipal committee with its organs (about 30 branches) and nine
/// county bureaus, members with Chinese names, and a ledger from 2023-01-01 to today that follows the
/// catalogue's requirement rules with realistic gaps — lower levels miss more often, so "上热中温下冷"
/// shows in the data. At <see cref="DemoScale.Province"/> the same code builds a provincial bureau with about
/// 100 county committees (see <see cref="DemoScaleProfile"/> for what differs). Pure and deterministic: the same
/// seed, day and scale give the same rows.
/// </summary>
public sealed partial class DemoDataGenerator
{
    public static readonly DateOnly LedgerStart = new(2023, 1, 1);
    private static readonly DateOnly RollStart = new(2020, 1, 1);

    private readonly Random rng;
    private readonly DateOnly today;
    private readonly IReadOnlyDictionary<string, int> kindIds;
    private readonly DemoScaleProfile profile;
    private readonly DemoSet set;

    /// <summary>How reliably each branch does what the rules ask (0–1); county branches lower.</summary>
    private readonly Dictionary<int, double> diligence = [];
    private readonly Dictionary<int, List<MemberAssignment>> assignmentsByUnit = [];

    // Indexes kept beside the lists, in creation order, so lookups stay linear at province scale (3,000 branches,
    // 60,000 members) and give the same rows, in the same order, as scanning the lists did.
    private readonly Dictionary<int, List<MemberAssignment>> assignmentsByMember = [];
    private readonly Dictionary<int, List<MemberPost>> postsByUnit = [];
    private readonly Dictionary<int, List<OrgUnit>> branchesByCommittee = [];
    private readonly Dictionary<int, List<OrgUnit>> branchesUnder = [];
    private readonly Dictionary<int, Member> memberById = [];
    private readonly List<OrgUnit> branches = [];
    private readonly List<OrgUnit> committees = [];
    private readonly List<OrgUnit> counties = [];

    /// <summary>Where each committee is, for names that must not repeat across a province (its communities).</summary>
    private readonly Dictionary<int, string> placeOf = [];
    private readonly Dictionary<int, OrgUnit> committeeOf = [];
    private readonly List<Member> leaders = [];
    private OrgUnit municipal = null!;
    private OrgUnit organs = null!;

    private DemoDataGenerator(int seed, DateOnly today, IReadOnlyDictionary<string, int> kindIds, DemoScaleProfile profile)
    {
        rng = new Random(seed);
        this.today = today;
        this.kindIds = kindIds;
        this.profile = profile;
        set = new DemoSet(profile.Place);
    }

    /// <param name="kindIds">Activity-kind ids by code, as seeded by <see cref="ActivityKindCatalogue"/>.</param>
    public static DemoSet Generate(int seed, DateOnly today, IReadOnlyDictionary<string, int> kindIds) =>
        Generate(seed, today, kindIds, DemoScale.Municipal);

    /// <param name="kindIds">Activity-kind ids by code, as seeded by <see cref="ActivityKindCatalogue"/>.</param>
    public static DemoSet Generate(int seed, DateOnly today, IReadOnlyDictionary<string, int> kindIds, DemoScale scale) =>
        Generate(seed, today, kindIds, DemoScaleProfile.For(scale));

    /// <summary>The whole bureau in memory; its star-rating assessments propose nothing (the ledger is not in a database).</summary>
    internal static DemoSet Generate(int seed, DateOnly today, IReadOnlyDictionary<string, int> kindIds, DemoScaleProfile profile)
    {
        var g = Begin(seed, today, kindIds, profile);
        g.BuildStarRatings(new Dictionary<int, Func<int, CriterionMeasure, double?>>());
        return g.set;
    }

    /// <summary>Everything but the star-rating cycle, which <see cref="BuildStarRatings"/> adds once the ledger can be read.</summary>
    internal static DemoDataGenerator Begin(int seed, DateOnly today, IReadOnlyDictionary<string, int> kindIds, DemoScaleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(kindIds);
        ArgumentNullException.ThrowIfNull(profile);
        var g = new DemoDataGenerator(seed, today, kindIds, profile);
        g.BuildOrganisation();
        g.BuildMembers();
        g.BuildPosts();
        g.BuildTemporaryBranches();
        g.BuildTransfersAndRetirements();
        g.BuildCampaignsAndTopics();
        g.BuildRegistersAndPartnerships();
        g.BuildBranchLedger();
        g.BuildCommitteeLedger();
        g.BuildClosedLoops();
        g.BuildDiscipline();
        return g;
    }

    internal DemoSet Set => set;

    private OrgUnit AddUnit(string name, OrgUnitType type, OrgUnit? parent, string? department = null)
    {
        var unit = set.Add(set.OrgUnits, new OrgUnit { Name = name, Type = type, ParentId = parent?.Id, DepartmentName = department }, (u, id) => u.Id = id);
        unit.Path = OrgPath.Of(parent?.Path, unit.Id);
        unit.SortOrder = set.OrgUnits.Count;
        return unit;
    }

    private void BuildOrganisation()
    {
        municipal = AddUnit(set.Settings.CommitteeName, OrgUnitType.MunicipalCommittee, null);
        committees.Add(municipal);
        organs = AddUnit($"国家税务总局{profile.Place}税务局机关党委", OrgUnitType.OrgansCommittee, municipal);
        committees.Add(organs);
        placeOf[organs.Id] = $"{profile.Level}局机关";
        foreach (var dept in profile.OrganDepartments)
        {
            AddBranch($"{dept}党支部", organs, organs, dept, 0.90 + rng.NextDouble() * 0.09);
        }

        var inspection = AddUnit("稽查局党总支", OrgUnitType.GeneralBranch, organs);
        foreach (var dept in DemoNames.InspectionDepartments)
        {
            AddBranch($"{dept}党支部", inspection, organs, dept, 0.88 + rng.NextDouble() * 0.1);
        }

        for (var c = 0; c < profile.Counties.Count; c++)
        {
            var county = profile.Counties[c];
            var committee = AddUnit(county.CommitteeName, OrgUnitType.CountyCommittee, municipal);
            committees.Add(committee);
            counties.Add(committee);
            placeOf[committee.Id] = county.BranchPrefix;

            // Counties differ: the weakest reach well under the organs, which is what the report laments.
            var countyLevel = 0.70 + 0.03 * ((c * 7) % 6) + rng.NextDouble() * 0.04;
            var count = profile.CountyBranches.Min + rng.Next(profile.CountyBranches.Spread);
            foreach (var dept in profile.CountyDepartments.Take(count))
            {
                AddBranch($"{county.BranchPrefix}税务局{dept}党支部", committee, committee, dept, countyLevel + rng.NextDouble() * 0.12);
            }
        }
    }

    private void AddBranch(string name, OrgUnit parent, OrgUnit committee, string department, double level) =>
        TrackBranch(AddUnit(name, OrgUnitType.Branch, parent, department), committee, Math.Min(0.99, level));

    private void TrackBranch(OrgUnit branch, OrgUnit committee, double level)
    {
        branches.Add(branch);
        committeeOf[branch.Id] = committee;
        diligence[branch.Id] = level;
        if (!branchesByCommittee.TryGetValue(committee.Id, out var own))
        {
            branchesByCommittee[committee.Id] = own = [];
        }

        own.Add(branch);
        branchesUnder.Clear();
    }

    /// <summary>The committee's branches (temporary ones too), in the order they were founded.</summary>
    private List<OrgUnit> BranchesOf(OrgUnit committee) => branchesByCommittee.TryGetValue(committee.Id, out var own) ? own : [];

    private bool IsOrgan(OrgUnit branch) => committeeOf[branch.Id] == organs;

    /// <summary>
    /// A name made local to a committee in a province (江城市滨江区 + 滨江街道江岸社区), where the same short name
    /// would otherwise stand for a hundred different places; a city's names are already local.
    /// </summary>
    private string Local(OrgUnit committee, string name) => profile.NamesWithPlace ? placeOf[committee.Id] + name : name;

    /// <summary>A bureau-wide count (honours, findings, records) for this bureau's size: as is for a city.</summary>
    private int Wide(int municipalCount) => municipalCount * profile.Breadth;

    /// <summary>Members of the unit on the day (by assignment history, so transfers count where they were).</summary>
    private List<Member> MembersOn(int unitId, DateOnly day) =>
        assignmentsByUnit.TryGetValue(unitId, out var list)
            ? list.Where(a => a.CoversDay(day)).Select(a => memberById[a.MemberId]).ToList()
            : [];

    private List<Member> MembersUnder(OrgUnit scope, DateOnly day)
    {
        // Asked for every committee in every month: the branches of a scope are found once, not by a scan each time.
        if (!branchesUnder.TryGetValue(scope.Id, out var under))
        {
            branchesUnder[scope.Id] = under = branches.Where(b => OrgPath.IsWithin(b.Path, scope.Path)).ToList();
        }

        return under.SelectMany(b => MembersOn(b.Id, day)).ToList();
    }

    /// <summary>Whether the member belongs to a branch of the bureau on the day (every assignment is to a branch).</summary>
    private bool InBureauOn(Member member, DateOnly day) => assignmentsByMember[member.Id].Exists(a => a.CoversDay(day));

    private DateOnly DayIn(Period period, int? preferredDay = null)
    {
        var last = period.End < today ? period.End : today;
        var span = last.DayNumber - period.Start.DayNumber;
        if (preferredDay is { } d && period.Kind == PeriodKind.Month)
        {
            var day = period.Start.AddDays(Math.Clamp(d - 1 + rng.Next(-3, 4), 0, Math.Max(0, span)));
            return day;
        }

        return period.Start.AddDays(span <= 0 ? 0 : rng.Next(span + 1));
    }
}
