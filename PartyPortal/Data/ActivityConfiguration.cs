using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class ActivityKindConfiguration : IEntityTypeConfiguration<ActivityKind>
{
    public void Configure(EntityTypeBuilder<ActivityKind> b)
    {
        b.Property(k => k.Code).HasMaxLength(60);
        b.Property(k => k.Name).HasMaxLength(60);
        b.HasIndex(k => k.Code).IsUnique();
        b.Ignore(k => k.Requirement);
        b.Ignore(k => k.CountsQuantity);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Code).HasMaxLength(60);
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Place).HasMaxLength(100);
        b.Property(a => a.Notes).HasMaxLength(2000);
        b.Property(a => a.PresenterName).HasMaxLength(60);
        b.Property(a => a.RecordedBy).HasMaxLength(60);
        b.Property(a => a.Version).IsConcurrencyToken();

        // The ledger is read by kind, unit and date range: that is every figure and every metric. The live metrics'
        // reads are answered from the indexes alone (covering), without visiting the wide rows: at a province's 600,000
        // activities, a year of 三会一课 dates in 9 ms instead of 450 ms, a quarter's count per unit in 13 ms instead of
        // 113 ms, a quarter's study attendance in 76 ms instead of 112 ms.
        b.HasIndex(a => new { a.KindId, a.Date, a.IsDeleted, a.OrgUnitId, a.TrainingFor });
        b.HasIndex(a => new { a.Date, a.KindId, a.OrgUnitId, a.IsDeleted });
        b.HasIndex(a => new { a.OrgUnitId, a.Date });
        b.HasIndex(a => new { a.StudyTopicId, a.IsDeleted });

        b.HasOne(a => a.Kind).WithMany().HasForeignKey(a => a.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Campaign).WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.StudyTopic).WithMany().HasForeignKey(a => a.StudyTopicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.PresenterMember).WithMany().HasForeignKey(a => a.PresenterMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.SubjectMember).WithMany().HasForeignKey(a => a.SubjectMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.ContactPoint).WithMany().HasForeignKey(a => a.ContactPointId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.HasKey(a => new { a.ActivityId, a.MemberId });
        b.HasIndex(a => a.MemberId);
        b.Property(a => a.MakeUpNote).HasMaxLength(500);
        b.Ignore(a => a.CompletesStudy);
        b.HasOne(a => a.Activity).WithMany(a => a.Attendance).HasForeignKey(a => a.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Member).WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StudyTopicConfiguration : IEntityTypeConfiguration<StudyTopic>
{
    public void Configure(EntityTypeBuilder<StudyTopic> b)
    {
        b.Property(t => t.Title).HasMaxLength(200);
        b.HasIndex(t => t.DueOn);
    }
}
