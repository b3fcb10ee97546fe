using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Organisation;

/// <summary>A post in a branch's team (支部班子) that has not ended before today.</summary>
public sealed record PostRow(int Id, int MemberId, string MemberName, BranchPost Post, DateOnly From, DateOnly? To);

/// <summary>An appointment as the form sends it.</summary>
public sealed class PostInput
{
    public int OrgUnitId { get; set; }
    public int? MemberId { get; set; }
    public BranchPost? Post { get; set; }
    public DateOnly? From { get; set; }
}

public sealed partial class MemberService
{
    /// <summary>Posts that one person holds at a time (条例: one secretary; the standardisation rule names one 纪检委员).</summary>
    public static readonly IReadOnlySet<BranchPost> SingleHolderPosts = new HashSet<BranchPost> { BranchPost.Secretary, BranchPost.DisciplineCommissioner };

    /// <summary>The branch's posts held today or from a later date, in the order of <see cref="BranchPost"/>.</summary>
    public async Task<IReadOnlyList<PostRow>> ListPostsAsync(ClaimsPrincipal user, int branchId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, branchId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today;
        var rows = await db.MemberPosts.AsNoTracking()
            .Where(p => p.OrgUnitId == branchId && (p.To == null || p.To >= today))
            .Select(p => new PostRow(p.Id, p.MemberId, p.Member!.Name, p.Post, p.From, p.To))
            .ToListAsync(ct);
        return rows.OrderBy(p => p.Post).ThenBy(p => p.From).ThenBy(p => p.MemberName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Appoints a member of the branch to a post from a day; the member must belong to the branch that day.</summary>
    public async Task<WriteResult> AppointAsync(ClaimsPrincipal user, PostInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string>();
        var branch = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (branch is null || !branch.IsBranch)
        {
            errors["orgUnitId"] = "请选择党支部。";
            return WriteResult.Invalid(errors);
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, branch.Id, ct);
        if (input.Post is not { } post || !Enum.IsDefined(post))
        {
            errors["post"] = "请选择职务。";
        }

        if (input.From is not { } from)
        {
            errors["from"] = "请选择任职日期。";
        }
        else if (from > clock.Today)
        {
            errors["from"] = $"任职日期不能晚于今天（{clock.Today:yyyy-MM-dd}）：请在任职生效后再登记。";
        }
        else
        {
            CheckBranchOpen(branch, from, "from", errors);
        }

        var member = input.MemberId is { } memberId
            ? await db.Members.AsNoTracking().Include(m => m.Assignments).SingleOrDefaultAsync(m => m.Id == memberId, ct)
            : null;
        if (member is null)
        {
            errors["memberId"] = "请选择本支部的党员。";
        }
        else if (input.From is { } day && !member.Assignments.Exists(a => a.OrgUnitId == branch.Id && a.CoversDay(day)))
        {
            errors["memberId"] = $"{member.Name}在{day:yyyy-MM-dd}不是{branch.Name}的党员，不能在本支部任职。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var start = input.From!.Value;
        var held = await db.MemberPosts.AsNoTracking().Include(p => p.Member)
            .Where(p => p.OrgUnitId == branch.Id && p.Post == input.Post && (p.To == null || p.To >= start))
            .ToListAsync(ct);
        if (held.Find(p => p.MemberId == member!.Id) is { } same)
        {
            errors["post"] = $"{member!.Name}自{same.From:yyyy-MM-dd}起已任{same.Post.Display()}。";
        }
        else if (SingleHolderPosts.Contains(input.Post!.Value) && held.FirstOrDefault() is { } other)
        {
            errors["post"] = $"{branch.Name}的{other.Post.Display()}由{other.Member!.Name}担任（自{other.From:yyyy-MM-dd}起）：请先登记其免职日期（早于{start:yyyy-MM-dd}）。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var row = new MemberPost { MemberId = member!.Id, OrgUnitId = branch.Id, Post = input.Post!.Value, From = start };
        db.MemberPosts.Add(row);
        bus.Record(db, new DataChanged([branch.Id], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(MemberPost), PostId(row), branch.Id,
            after: new { memberId = row.MemberId, post = row.Post.ToString(), from = Day(start) }), ct);
        return WriteResult.Done(row.Id);
    }

    /// <summary>Ends a post: <paramref name="on"/> is the holder's last day in it.</summary>
    public async Task<WriteResult> EndPostAsync(ClaimsPrincipal user, int postId, DateOnly on, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.MemberPosts.Include(p => p.Member).SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (row is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, row.OrgUnitId, ct);
        var errors = new Dictionary<string, string>();
        if (row.To is { } ended)
        {
            errors["postId"] = $"{row.Member!.Name}的{row.Post.Display()}职务已于{ended:yyyy-MM-dd}结束。";
        }
        else if (InputRules.DateError(on, clock) is { } outside)
        {
            errors["on"] = outside;
        }
        else if (on > clock.Today)
        {
            errors["on"] = $"免职日期不能晚于今天（{clock.Today:yyyy-MM-dd}）：请在免职生效后再登记。";
        }
        else if (on < row.From)
        {
            errors["on"] = $"{row.Member!.Name}自{row.From:yyyy-MM-dd}起任{row.Post.Display()}，免职日期不能早于该日。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        row.To = on;
        audit.Add(db, user, AuditActions.Update, nameof(MemberPost), PostId(row), row.OrgUnitId,
            before: new { to = (string?)null }, after: new { to = Day(on) });
        bus.Record(db, new DataChanged([row.OrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(row.Id);
    }

    private static string PostId(MemberPost p) => p.Id.ToString(CultureInfo.InvariantCulture);
}
