using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartyPortal.Model;

namespace PartyPortal.Data;

/// <summary>The one shared model every feature reads and writes. Create one per operation from the factory.</summary>
public class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<BureauSettings> BureauSettings => Set<BureauSettings>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberAssignment> MemberAssignments => Set<MemberAssignment>();
    public DbSet<MemberPost> MemberPosts => Set<MemberPost>();
    public DbSet<ActivityKind> ActivityKinds => Set<ActivityKind>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<StudyTopic> StudyTopics => Set<StudyTopic>();
    public DbSet<StarRubric> StarRubrics => Set<StarRubric>();
    public DbSet<StarCriterion> StarCriteria => Set<StarCriterion>();
    public DbSet<StarVeto> StarVetoes => Set<StarVeto>();
    public DbSet<StarAssessment> StarAssessments => Set<StarAssessment>();
    public DbSet<CriterionScore> CriterionScores => Set<CriterionScore>();
    public DbSet<ScoreEvidence> ScoreEvidence => Set<ScoreEvidence>();
    public DbSet<StarRating> StarRatings => Set<StarRating>();
    public DbSet<StarDecision> StarDecisions => Set<StarDecision>();
    public DbSet<StarObjection> StarObjections => Set<StarObjection>();
    public DbSet<StarRatingChange> StarRatingChanges => Set<StarRatingChange>();
    public DbSet<ClosedLoopItem> ClosedLoopItems => Set<ClosedLoopItem>();
    public DbSet<RectificationMeasure> RectificationMeasures => Set<RectificationMeasure>();
    public DbSet<ClosedLoopEvent> ClosedLoopEvents => Set<ClosedLoopEvent>();
    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();
    public DbSet<OutsideOrganisation> OutsideOrganisations => Set<OutsideOrganisation>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<DisciplineRecord> DisciplineRecords => Set<DisciplineRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Screen> Screens => Set<Screen>();
    public DbSet<ReportTemplate> ReportTemplates => Set<ReportTemplate>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();

    /// <summary>The Data Protection key ring, shared by every node (<see cref="Access.KeyRing"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Activities that count: soft-deleted ones stay for the audit trail only.</summary>
    public IQueryable<Activity> LiveActivities => Activities.Where(a => !a.IsDeleted);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset or decimal in SQL; stored as numbers they filter,
        // sort and sum in the database (the audit page filters by time, ratings sort by score).
        // Instants are stored as UTC ticks so that order is the order of instants whatever offset was written.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
        else
        {
            // PostgreSQL stores instants natively (timestamptz) but takes only UTC ones: an instant written with the
            // bureau's +08:00 offset is the same instant in UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        }
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
