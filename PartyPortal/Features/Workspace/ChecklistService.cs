using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Workspace;

/// <summary>A branch the user records for, as the workspace's picker lists it.</summary>
public sealed record WorkspaceBranch(int Id, string Name, string? ParentName);

public enum ChecklistStatus
{
    /// <summary>The previous period of the kind ended without the minimum.</summary>
    [Display(Name = "已逾期")] Overdue = 1,

    /// <summary>The current period is running and the minimum not yet reached.</summary>
    [Display(Name = "待完成")] Due = 2,

    /// <summary>The current period has reached the minimum.</summary>
    [Display(Name = "已完成")] Done = 3,
}

/// <summary>An activity counted for an item: the link behind its number.</summary>
public sealed record CountedActivity(int Id, DateOnly Date);

/// <summary>One requirement of one kind in one period, for one branch.</summary>
public sealed record ChecklistEntry(
    string KindCode,
    string KindName,
    Period Period,
    string Rule,
    int Held,
    int Minimum,
    ChecklistStatus Status,
    bool EndsSoon,
    IReadOnlyList<CountedActivity> Activities)
{
    public string PeriodLabel => Period.Label;
}

public sealed record BranchChecklist(WorkspaceBranch Branch, DateOnly Today, IReadOnlyList<ChecklistEntry> Items);

/// <summary>
/// The secretary's checklist: for every kind whose requirement applies to branches, the period running today
/// and, when it was missed, the one before it. Counting is <see cref="RequirementEvaluator"/>'s, the same rule
/// the compliance metric uses.
/// </summary>
public sealed class ChecklistService(IDbContextFactory<PortalDbContext> dbFactory, BureauClock clock, AccessGuard guard)
{
    /// <summary>An unmet item whose period ends this many days from today or fewer is highlighted.</summary>
    public const int EndsSoonDays = 7;

    /// <summary>The open branches the user may record for, in tree order (the picker's list).</summary>
    public async Task<IReadOnlyList<WorkspaceBranch>> GetBranchesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var allowed = await guard.UnitsAllowingAsync(user, Operation.RecordActivity, ct);
        if (allowed.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var today = clock.Today;
        return OrgPath.InTreeOrder(units).Select(x => x.Unit)
            .Where(u => u.IsBranch && u.ExistedOn(today) && allowed.Contains(u.Id))
            .Select(u => new WorkspaceBranch(u.Id, u.Name, u.ParentId is { } pid ? byId.GetValueOrDefault(pid)?.Name : null))
            .ToList();
    }

    /// <summary>The branch's checklist today; null when <paramref name="branchId"/> is not a branch.</summary>
    public async Task<BranchChecklist?> GetChecklistAsync(ClaimsPrincipal user, int branchId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, branchId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branch = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == branchId && u.Type == OrgUnitType.Branch, ct);
        if (branch is null)
        {
            return null;
        }

        var parentName = branch.ParentId is { } pid
            ? await db.OrgUnits.Where(u => u.Id == pid).Select(u => u.Name).SingleOrDefaultAsync(ct)
            : null;
        var today = clock.Today;
        var kinds = (await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive && !k.Restricted).ToListAsync(ct))
            .Where(k => k.Requirement?.Scope == RequirementScope.Branches)
            .ToList();
        if (kinds.Count == 0)
        {
            return new BranchChecklist(new WorkspaceBranch(branch.Id, branch.Name, parentName), today, []);
        }

        // One query for every kind: from the earliest previous period any kind looks at, up to today (a
        // future-dated record is not yet held).
        var from = kinds.Min(k => Period.Containing(today, k.Requirement!.PeriodKind).Previous.Start);
        var kindIds = kinds.Select(k => k.Id).ToList();
        var held = (await db.LiveActivities.AsNoTracking()
                .Where(a => a.OrgUnitId == branchId && kindIds.Contains(a.KindId) && a.Date >= from && a.Date <= today)
                .Select(a => new { a.KindId, a.Id, a.Date })
                .ToListAsync(ct))
            .ToLookup(a => a.KindId, a => new CountedActivity(a.Id, a.Date));

        var items = new List<ChecklistEntry>();
        foreach (var kind in kinds)
        {
            var requirement = kind.Requirement!;
            var activities = held[kind.Id].OrderBy(a => a.Date).ThenBy(a => a.Id).ToList();
            var current = Period.Containing(today, requirement.PeriodKind);
            foreach (var period in new[] { current.Previous, current })
            {
                var instance = RequirementEvaluator
                    .Evaluate(requirement, branch.FoundedOn, branch.ClosedOn, activities.Select(a => a.Date), period, today)
                    .SingleOrDefault();
                var status = instance?.Status switch
                {
                    RequirementStatus.Met when period == current => ChecklistStatus.Done,
                    RequirementStatus.Due => ChecklistStatus.Due,
                    RequirementStatus.Missed => ChecklistStatus.Overdue,
                    _ => (ChecklistStatus?)null, // nothing owed, or the previous period was met: nothing to show
                };
                if (status is null)
                {
                    continue;
                }

                var endsSoon = status == ChecklistStatus.Due && period.End.DayNumber - today.DayNumber <= EndsSoonDays;
                items.Add(new ChecklistEntry(
                    kind.Code, kind.Name, period, requirement.Describe(kind.Unit.Display()), instance!.Count, requirement.Minimum,
                    status.Value, endsSoon, activities.Where(a => period.Contains(a.Date)).ToList()));
            }
        }

        var sortOrder = kinds.ToDictionary(k => k.Code, k => k.SortOrder);
        var ordered = items
            .OrderBy(Urgency)
            .ThenBy(i => i.Period.End)
            .ThenBy(i => sortOrder[i.KindCode])
            .ToList();
        return new BranchChecklist(new WorkspaceBranch(branch.Id, branch.Name, parentName), today, ordered);
    }

    /// <summary>Overdue first, then what ends soon, then what is due, then what is done.</summary>
    private static int Urgency(ChecklistEntry item) => item.Status switch
    {
        ChecklistStatus.Overdue => 0,
        ChecklistStatus.Due when item.EndsSoon => 1,
        ChecklistStatus.Due => 2,
        _ => 3,
    };
}
