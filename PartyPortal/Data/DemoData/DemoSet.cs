using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>
/// Everything the demo generator makes, with ids assigned in creation order so the same seed always
/// gives the same rows. Written in one transaction by <see cref="DemoDataSeeder"/>.
/// </summary>
public sealed class DemoSet
{
    /// <param name="place">What the bureau is named for: the city, or the province for a provincial bureau, whose
    /// city and district settings then name its capital's district (the demo's county1 account looks it up).</param>
    internal DemoSet(string place)
    {
        Settings = new()
        {
            BureauName = $"国家税务总局{place}税务局",
            CommitteeName = $"中共国家税务总局{place}税务局委员会",
            ProvinceName = DemoNames.Province,
            CityName = DemoNames.City,
            DistrictName = DemoNames.District,
        };
    }

    public BureauSettings Settings { get; }

    public List<OrgUnit> OrgUnits { get; } = [];
    public List<Member> Members { get; } = [];
    public List<MemberAssignment> Assignments { get; } = [];
    public List<MemberPost> Posts { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<StudyTopic> StudyTopics { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<Attendance> Attendance { get; } = [];
    public List<RegisterEntry> Registers { get; } = [];
    public List<OutsideOrganisation> OutsideOrganisations { get; } = [];
    public List<Partnership> Partnerships { get; } = [];
    public List<ClosedLoopItem> ClosedLoopItems { get; } = [];
    public List<RectificationMeasure> Measures { get; } = [];
    public List<ClosedLoopEvent> ClosedLoopEvents { get; } = [];
    public List<DisciplineRecord> DisciplineRecords { get; } = [];
    public List<StarRubric> Rubrics { get; } = [];
    public List<StarCriterion> Criteria { get; } = [];
    public List<StarVeto> Vetoes { get; } = [];
    public List<StarAssessment> Assessments { get; } = [];
    public List<CriterionScore> CriterionScores { get; } = [];
    public List<ScoreEvidence> ScoreEvidence { get; } = [];
    public List<StarDecision> Decisions { get; } = [];
    public List<StarObjection> Objections { get; } = [];
    public List<StarRating> Ratings { get; } = [];
    public List<StarRatingChange> RatingChanges { get; } = [];

    public T Add<T>(List<T> list, T item, Action<T, int> setId)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(setId);
        list.Add(item);
        setId(item, list.Count);
        return item;
    }

    /// <summary>A digest of the rows, for the determinism test: the same seed and day give the same digest.</summary>
    public string Digest()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(s + "\n"));
        foreach (var o in OrgUnits) { Add($"{o.Id}|{o.ParentId}|{o.Name}|{o.Type}|{o.FoundedOn}|{o.ClosedOn}"); }
        foreach (var m in Members) { Add($"{m.Id}|{m.Name}|{m.BirthYear}|{m.CadreLevel}|{m.OrgUnitId}|{m.Status}"); }
        foreach (var a in Activities) { Add($"{a.Id}|{a.KindId}|{a.OrgUnitId}|{a.Date}|{a.Title}|{a.Quantity}|{a.CampaignId}"); }
        foreach (var a in Attendance) { Add($"{a.ActivityId}|{a.MemberId}|{a.Status}|{a.MadeUpOn}"); }
        foreach (var r in Ratings) { Add($"{r.Year}|{r.OrgUnitId}|{r.Stars}|{r.Score}"); }
        foreach (var a in Assessments) { Add($"{a.Id}|{a.RubricId}|{a.OrgUnitId}|{a.Status}|{a.SubmittedAt}|{a.FinalStars}|{a.Version}"); }
        foreach (var i in ClosedLoopItems) { Add($"{i.Id}|{i.Source}|{i.OwnerOrgUnitId}|{i.Deadline}|{i.Status}"); }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
