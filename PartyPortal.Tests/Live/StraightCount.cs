using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Tests.Live;

/// <summary>
/// The oracle of the property tests: every count behind a scope's figures, read for that scope alone by the plainest
/// queries DOMAIN.md's definitions allow — the subtree by path, every row loaded and filtered in memory, nothing summed
/// from per-unit parts, no change records. It shares no code with <see cref="MetricFactsReader"/> but the model's own
/// rules (a requirement's instances, a topic's audience, a training's levels).
/// </summary>
internal static class StraightCount
{
    public static async Task<MetricCounts> OfAsync(PortalDbContext db, int scope, Period period, DateOnly today, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var path = units.Single(u => u.Id == scope).Path;
        var within = units.Where(u => OrgPath.IsWithin(u.Path, path)).ToList();
        var ids = within.Select(u => u.Id).ToHashSet();
        var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, ct);
        var activities = (await db.Activities.AsNoTracking().Where(a => !a.IsDeleted).ToListAsync(ct)).ToDictionary(a => a.Id);
        var attendance = await db.Attendance.AsNoTracking().ToListAsync(ct);
        var refDay = period.End < today ? period.End : today;
        var c = new MetricCounts();

        c.Activities = activities.Values.Count(a => ids.Contains(a.OrgUnitId) && period.Contains(a.Date) && !kinds[a.KindId].Restricted);

        bool IsWarning(Activity a) => kinds[a.KindId].Code == ActivityKindCatalogue.Codes.WarningEducation;
        foreach (var quarter in Period.Covering(period, PeriodKind.Quarter).Where(q => q.Start <= today))
        {
            foreach (var branch in within.Where(u => u.IsBranch && u.ExistedDuring(quarter)))
            {
                c.BranchQuarters++;
                c.BranchQuartersWarned += activities.Values.Any(a => a.OrgUnitId == branch.Id && IsWarning(a) && quarter.Contains(a.Date)) ? 1 : 0;
            }
        }

        foreach (var branch in within.Where(u => u.IsBranch))
        {
            foreach (var kind in kinds.Values.Where(k => ActivityKindCatalogue.MeetingCodes.Contains(k.Code) && k.Requirement?.Scope == RequirementScope.Branches))
            {
                var dates = activities.Values.Where(a => a.OrgUnitId == branch.Id && a.KindId == kind.Id).Select(a => a.Date);
                foreach (var instance in RequirementEvaluator.Evaluate(kind.Requirement!, branch.FoundedOn, branch.ClosedOn, dates, period, today).Where(i => i.CountsInCompliance))
                {
                    c.MeetingInstances++;
                    c.MeetingInstancesMet += instance.Status == RequirementStatus.Met ? 1 : 0;
                }
            }
        }

        if (refDay >= period.Start)
        {
            await CountMembersAsync(db, period, refDay, ids, kinds, activities, attendance, c, ct);
        }

        foreach (var item in await db.ClosedLoopItems.AsNoTracking().Where(i => i.FoundOn <= period.End).ToListAsync(ct))
        {
            if (!ids.Contains(item.OwnerOrgUnitId))
            {
                continue;
            }

            var closedOn = item.Status == ClosedLoopStatus.Closed ? item.ClosedOn : null;
            c.RectificationItems++;
            c.RectificationClosed += closedOn <= period.End ? 1 : 0;
            c.RectificationOverdue += !(closedOn <= refDay) && item.Deadline < refDay ? 1 : 0;
        }

        var ratings = await db.StarRatings.AsNoTracking().ToListAsync(ct);
        if (ratings.Where(r => r.Year <= period.Year).Select(r => (int?)r.Year).Max() is { } starYear)
        {
            foreach (var r in ratings.Where(r => ids.Contains(r.OrgUnitId) && r.Stars is >= 1 and <= 5))
            {
                c.Stars[r.Stars] += r.Year == starYear ? 1 : 0;
                c.PreviousFiveStars += r.Year == starYear - 1 && r.Stars == 5 ? 1 : 0;
            }
        }

        return c;
    }

    private static async Task CountMembersAsync(
        PortalDbContext db, Period period, DateOnly refDay, HashSet<int> ids, Dictionary<int, ActivityKind> kinds,
        Dictionary<int, Activity> activities, List<Attendance> attendance, MetricCounts c, CancellationToken ct)
    {
        var assignments = await db.MemberAssignments.AsNoTracking().Include(a => a.Member).ToListAsync(ct);
        var topics = await db.StudyTopics.AsNoTracking().Where(t => t.DueOn >= period.Start && t.DueOn <= period.End && t.DueOn <= refDay).ToListAsync(ct);

        // A member is where their latest assignment covering the reference day puts them.
        var homes = assignments.Where(a => a.From <= refDay && (a.To == null || a.To >= refDay))
            .GroupBy(a => a.MemberId)
            .Select(g => g.OrderByDescending(a => a.From).First())
            .Where(a => ids.Contains(a.OrgUnitId));
        foreach (var home in homes)
        {
            var member = home.Member!;
            var theirs = attendance.Where(at => at.MemberId == member.Id && activities.ContainsKey(at.ActivityId))
                .Select(at => (At: at, Activity: activities[at.ActivityId])).ToList();
            var presentInPeriod = theirs.Where(x => x.At.Status == AttendanceStatus.Present && period.Contains(x.Activity.Date)).Select(x => x.Activity).ToList();
            c.Members++;
            c.MembersWarned += presentInPeriod.Any(a => kinds[a.KindId].Code == ActivityKindCatalogue.Codes.WarningEducation) ? 1 : 0;
            c.CadreMembers[(int)member.CadreLevel]++;
            c.CadreTrained[(int)member.CadreLevel] += presentInPeriod.Any(a => kinds[a.KindId].IsTraining && a.TrainingFor.Includes(member.CadreLevel)) ? 1 : 0;
            foreach (var topic in topics.Where(t => t.IsFor(member.CadreLevel, member.BirthYear, t.DueOn.Year)))
            {
                c.StudyRequired++;
                c.StudyCompleted += theirs.Any(x => x.Activity.StudyTopicId == topic.Id && (x.At.Status == AttendanceStatus.Present || x.At.MadeUpOn != null)) ? 1 : 0;
            }
        }
    }
}
