using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Organisation;

/// <summary>A member as the form sends it: the same shape for adding and editing (the branch and join date only count when adding).</summary>
public sealed class MemberInput
{
    public int OrgUnitId { get; set; }
    public string? Name { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }
    public CadreLevel? CadreLevel { get; set; }
    public AdministrativePost AdministrativePost { get; set; } = AdministrativePost.None;
    public MemberStatus Status { get; set; } = MemberStatus.Full;
    [MayPrecedeBureau]
    public DateOnly? JoinedPartyOn { get; set; }

    /// <summary>The first day in the branch; today when left empty.</summary>
    public DateOnly? From { get; set; }

    /// <summary>For an edit: the version the form was filled from; a member changed since is a conflict. Null skips the check.</summary>
    public Guid? Version { get; set; }
}

/// <summary>One line of a branch's member list.</summary>
public sealed record MemberRow(
    int Id, string Name, Gender Gender, int BirthYear, CadreLevel CadreLevel, AdministrativePost AdministrativePost,
    MemberStatus Status, DateOnly? JoinedPartyOn, DateOnly? InBranchSince, Guid Version);

/// <summary>
/// Adds, edits, transfers and retires members (issue #4, point 4). Every write is authorised on the branch or
/// branches concerned, validated (zh-CN messages keyed by field; nothing saved on any error), saved with its audit
/// entry in one transaction, and only then announced. A transfer closes one <see cref="MemberAssignment"/> and
/// opens the next, so a quarter's figures count the member in each branch for the days they belonged.
/// </summary>
public sealed partial class MemberService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "member";
    public const int NameMin = 2;
    public const int NameMax = 20;
    public const int EarliestBirthYear = 1940;

    /// <summary>The branch's current members (not retired), in pinyin order of their names.</summary>
    public async Task<IReadOnlyList<MemberRow>> ListAsync(ClaimsPrincipal user, int branchId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, branchId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Members.AsNoTracking()
            .Where(m => m.OrgUnitId == branchId && m.Status != MemberStatus.Retired)
            .Select(m => new MemberRow(
                m.Id, m.Name, m.Gender, m.BirthYear, m.CadreLevel, m.AdministrativePost, m.Status, m.JoinedPartyOn,
                m.Assignments.Where(a => a.To == null).Select(a => (DateOnly?)a.From).FirstOrDefault(), m.Version))
            .ToListAsync(ct);
        return rows.OrderBy(m => m.Name, MemberNames.Comparer).ThenBy(m => m.Id).ToList();
    }

    public async Task<WriteResult> AddAsync(ClaimsPrincipal user, MemberInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string>();
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is null)
        {
            errors["orgUnitId"] = "请选择党支部。";
            return WriteResult.Invalid(errors);
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, unit.Id, ct);
        var from = ValidateNew(unit, input, errors);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var member = new Member { Name = "", OrgUnitId = unit.Id };
        Apply(member, input);
        member.Assignments.Add(new MemberAssignment { OrgUnitId = unit.Id, From = from });
        db.Members.Add(member);

        bus.Record(db, new DataChanged([unit.Id], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(Member), Id(member), unit.Id, after: Snapshot(member, from)), ct);
        return new WriteResult(new Dictionary<string, string>(), member.Id);
    }

    /// <summary>Edits the member's own details; the branch changes only by <see cref="TransferAsync"/>.</summary>
    public async Task<WriteResult> UpdateAsync(ClaimsPrincipal user, int memberId, MemberInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, member.OrgUnitId, ct);
        var errors = new Dictionary<string, string>();
        if (member.Status == MemberStatus.Retired)
        {
            errors["status"] = $"{member.Name}已离退，不能再修改。";
        }

        ValidateDetails(input, errors);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        if (input.Version is { } expected && expected != member.Version)
        {
            return WriteResult.Stale;
        }

        var before = Snapshot(member, null);
        Apply(member, input);
        member.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Update, nameof(Member), Id(member), member.OrgUnitId, before, Snapshot(member, null));
        bus.Record(db, new DataChanged([member.OrgUnitId], What));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult.Stale;
        }
        return new WriteResult(new Dictionary<string, string>(), member.Id);
    }

    /// <summary>The member's last day in the branch is <paramref name="on"/>; from then they count nowhere.</summary>
    public async Task<WriteResult> RetireAsync(ClaimsPrincipal user, int memberId, DateOnly on, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.Include(m => m.Assignments).SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, member.OrgUnitId, ct);
        var errors = new Dictionary<string, string>();
        var current = Current(member);
        if (member.Status == MemberStatus.Retired || current is null)
        {
            errors["memberId"] = $"{member.Name}已离退。";
        }
        else if (on > clock.Today)
        {
            errors["on"] = $"离退日期不能晚于今天（{clock.Today:yyyy-MM-dd}）：请在离退后再登记。";
        }
        else if (on < current.From)
        {
            errors["on"] = $"{member.Name}自{current.From:yyyy-MM-dd}起在本支部，离退日期不能早于该日。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { status = member.Status.ToString(), orgUnitId = member.OrgUnitId };
        current!.To = on;
        member.Status = MemberStatus.Retired;
        member.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Update, nameof(Member), Id(member), member.OrgUnitId, before,
            new { status = member.Status.ToString(), orgUnitId = member.OrgUnitId, on = Day(on) });
        bus.Record(db, new DataChanged([member.OrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return new WriteResult(new Dictionary<string, string>(), member.Id);
    }

    /// <summary>The rules for a new member in the branch, the same for the form and imports; returns the first day in the branch.</summary>
    private DateOnly ValidateNew(OrgUnit unit, MemberInput input, Dictionary<string, string> errors)
    {
        var from = input.From ?? clock.Today;
        if (!unit.IsBranch)
        {
            errors["orgUnitId"] = $"{unit.Name}不是党支部：党员只能编入党支部。";
        }
        else
        {
            CheckBranchOpen(unit, from, "from", errors);
        }

        if (from > clock.Today)
        {
            errors["from"] = $"编入日期不能晚于今天（{clock.Today:yyyy-MM-dd}）。";
        }

        ValidateDetails(input, errors);
        return from;
    }

    private void ValidateDetails(MemberInput input, Dictionary<string, string> errors)
    {
        InputRules.Check(input, errors, clock);
        var today = clock.Today;
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "请填写姓名。";
        }
        else if (name.Length is < NameMin or > NameMax)
        {
            errors["name"] = $"姓名应为{NameMin}至{NameMax}个字。";
        }

        var latest = today.Year - 18;
        if (input.BirthYear is not { } year)
        {
            errors["birthYear"] = "请填写出生年份。";
        }
        else if (year < EarliestBirthYear || year > latest)
        {
            errors["birthYear"] = $"出生年份应在{EarliestBirthYear}年至{latest}年之间。";
        }

        if (input.Gender is not { } gender || !Enum.IsDefined(gender))
        {
            errors["gender"] = "请选择性别。";
        }

        if (input.CadreLevel is not { } level || !Enum.IsDefined(level))
        {
            errors["cadreLevel"] = "请选择职级。";
        }

        if (!Enum.IsDefined(input.AdministrativePost))
        {
            errors["administrativePost"] = "请选择行政职务。";
        }

        if (input.Status is not (MemberStatus.Full or MemberStatus.Probationary))
        {
            errors["status"] = "党员状态应为正式党员或预备党员；离退请用“离退”。";
        }

        if (input.JoinedPartyOn is { } joined && joined > today)
        {
            errors["joinedPartyOn"] = $"入党日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
    }

    /// <summary>The branch must exist on the day and not have closed since.</summary>
    private void CheckBranchOpen(OrgUnit branch, DateOnly day, string key, Dictionary<string, string> errors)
    {
        if (branch.FoundedOn is { } founded && day < founded)
        {
            errors[key] = $"{branch.Name}成立于{founded:yyyy-MM-dd}，日期不能早于成立日期。";
        }
        else if (branch.ClosedOn is { } closed && (closed < day || closed < clock.Today))
        {
            errors[key] = $"{branch.Name}已于{closed:yyyy-MM-dd}撤销，不能再编入党员。";
        }
    }

    private static void Apply(Member member, MemberInput input)
    {
        member.Name = input.Name!.Trim();
        member.Gender = input.Gender!.Value;
        member.BirthYear = input.BirthYear!.Value;
        member.CadreLevel = input.CadreLevel!.Value;
        member.AdministrativePost = input.AdministrativePost;
        member.Status = input.Status;
        member.JoinedPartyOn = input.JoinedPartyOn;
    }

    private static MemberAssignment? Current(Member member) =>
        member.Assignments.Where(a => a.To == null).OrderByDescending(a => a.From).FirstOrDefault();

    private static string Id(Member m) => m.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a member.</summary>
    private static object Snapshot(Member m, DateOnly? from) => new
    {
        name = m.Name,
        gender = m.Gender.ToString(),
        birthYear = m.BirthYear,
        cadreLevel = m.CadreLevel.ToString(),
        administrativePost = m.AdministrativePost.ToString(),
        status = m.Status.ToString(),
        joinedPartyOn = m.JoinedPartyOn is { } j ? Day(j) : null,
        orgUnitId = m.OrgUnitId,
        from = from is { } f ? Day(f) : null,
    };
}
