using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Study;

/// <summary>
/// Publishes and edits the study topics (issue #4, point 5: the monthly 政治理论学习指引), in the manner of
/// MemberService: PartyOffice with whole-bureau scope only, validated with nothing saved on any error, audited in the
/// same transaction, announced after commit. There is no delete: activities and make-up study link to topics.
/// </summary>
public sealed partial class StudyTopicService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "study-topic";
    public const int TitleMax = 200;

    /// <summary>全体党员 / 处级 / 科级 / 一般干部 / 青年党员.</summary>
    public static string AudienceLabel(StudyAudience audience, CadreLevel? level) =>
        audience == StudyAudience.CadreLevel && level is { } l ? l.Display() : audience.Display();

    /// <summary>The years that have topics, and the current one, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(ClaimsPrincipal user, int currentYear, CancellationToken ct = default)
    {
        await DemandReadAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var years = await db.StudyTopics.AsNoTracking().Select(t => t.PublishedOn.Year).Distinct().ToListAsync(ct);
        return years.Append(currentYear).Distinct().OrderDescending().ToList();
    }

    /// <summary>The topics published in the year, newest first. Topics are not secret: any user with a role may read them.</summary>
    public async Task<IReadOnlyList<StudyTopicRow>> ListAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        await DemandReadAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var topics = await db.StudyTopics.AsNoTracking()
            .Where(t => t.PublishedOn >= first && t.PublishedOn <= last)
            .ToListAsync(ct);
        var counts = await db.Activities.AsNoTracking()
            .Where(a => !a.IsDeleted && a.StudyTopic != null && a.StudyTopic.PublishedOn >= first && a.StudyTopic.PublishedOn <= last)
            .GroupBy(a => a.StudyTopicId!.Value)
            .Select(g => new { TopicId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.TopicId, x => x.Count, ct);
        return topics
            .OrderByDescending(t => t.PublishedOn).ThenByDescending(t => t.Id)
            .Select(t => new StudyTopicRow(t.Id, t.Title, t.PublishedOn, t.DueOn, t.Audience, t.AudienceCadreLevel, counts.GetValueOrDefault(t.Id)))
            .ToList();
    }

    public async Task<WriteResult> PublishAsync(ClaimsPrincipal user, StudyTopicInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await guard.DemandAsync(user, Operation.ManageCatalogue, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, input, null, ct);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var topic = new StudyTopic { Title = "" };
        Apply(topic, input);
        db.StudyTopics.Add(topic);

        bus.Record(db, new DataChanged([], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(StudyTopic), Id(topic.Id), null, after: Snapshot(topic)), ct);
        return WriteResult.Done(topic.Id);
    }

    public async Task<WriteResult> UpdateAsync(ClaimsPrincipal user, int id, StudyTopicInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await guard.DemandAsync(user, Operation.ManageCatalogue, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var topic = await db.StudyTopics.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (topic is null)
        {
            return WriteResult.Missing;
        }

        var errors = await ValidateAsync(db, input, topic.Id, ct);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = Snapshot(topic);
        Apply(topic, input);
        audit.Add(db, user, AuditActions.Update, nameof(StudyTopic), Id(topic.Id), null, before, Snapshot(topic));
        bus.Record(db, new DataChanged([], What));
        await db.SaveChangesAsync(ct); // one SaveChanges: the topic and its audit entry commit together
        return WriteResult.Done(topic.Id);
    }

    /// <summary>Any signed-in user with a role; a user without one is refused (and the refusal audited) by the guard.</summary>
    private async Task DemandReadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Assignments().Any())
        {
            await guard.DemandAsync(user, Operation.ReadActivities, null, ct);
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a topic.</summary>
    private static object Snapshot(StudyTopic t) => new
    {
        title = t.Title,
        publishedOn = Day(t.PublishedOn),
        dueOn = Day(t.DueOn),
        audience = t.Audience.ToString(),
        audienceCadreLevel = t.AudienceCadreLevel?.ToString(),
    };
}
