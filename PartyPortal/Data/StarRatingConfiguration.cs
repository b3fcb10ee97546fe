using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class StarRubricConfiguration : IEntityTypeConfiguration<StarRubric>
{
    public void Configure(EntityTypeBuilder<StarRubric> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.HasIndex(r => r.Year).IsUnique();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Bands);
    }
}

internal sealed class StarVetoConfiguration : IEntityTypeConfiguration<StarVeto>
{
    public void Configure(EntityTypeBuilder<StarVeto> b)
    {
        b.HasIndex(v => new { v.RubricId, v.Kind }).IsUnique();
        b.HasOne(v => v.Rubric).WithMany(r => r.Vetoes).HasForeignKey(v => v.RubricId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StarCriterionConfiguration : IEntityTypeConfiguration<StarCriterion>
{
    public void Configure(EntityTypeBuilder<StarCriterion> b)
    {
        b.Property(c => c.Group).HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Description).HasMaxLength(1000);
        b.HasOne(c => c.Rubric).WithMany(r => r.Criteria).HasForeignKey(c => c.RubricId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StarAssessmentConfiguration : IEntityTypeConfiguration<StarAssessment>
{
    public void Configure(EntityTypeBuilder<StarAssessment> b)
    {
        b.HasIndex(a => new { a.RubricId, a.OrgUnitId }).IsUnique();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.ReturnReason).HasMaxLength(500);
        b.Property(a => a.FinalReason).HasMaxLength(200);
        b.HasOne(a => a.Rubric).WithMany().HasForeignKey(a => a.RubricId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CriterionScoreConfiguration : IEntityTypeConfiguration<CriterionScore>
{
    public void Configure(EntityTypeBuilder<CriterionScore> b)
    {
        b.Property(s => s.Evidence).HasMaxLength(2000);
        b.Property(s => s.SelfNote).HasMaxLength(500);
        b.Property(s => s.AdjustmentReason).HasMaxLength(500);
        b.HasIndex(s => new { s.AssessmentId, s.CriterionId }).IsUnique();
        b.HasOne(s => s.Assessment).WithMany(a => a.Scores).HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Criterion).WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScoreEvidenceConfiguration : IEntityTypeConfiguration<ScoreEvidence>
{
    public void Configure(EntityTypeBuilder<ScoreEvidence> b)
    {
        b.Property(e => e.Label).HasMaxLength(200);
        b.Ignore(e => e.RecordId);
        b.HasOne(e => e.CriterionScore).WithMany(s => s.EvidenceLinks).HasForeignKey(e => e.CriterionScoreId).OnDelete(DeleteBehavior.Cascade);

        // A deleted record leaves its label behind: a filed assessment keeps saying what its evidence was.
        b.HasOne(e => e.Activity).WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.RegisterEntry).WithMany().HasForeignKey(e => e.RegisterEntryId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StarRatingConfiguration : IEntityTypeConfiguration<StarRating>
{
    public void Configure(EntityTypeBuilder<StarRating> b)
    {
        b.Property(r => r.Reason).HasMaxLength(600);
        b.HasIndex(r => new { r.Year, r.OrgUnitId }).IsUnique();
        b.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StarDecisionConfiguration : IEntityTypeConfiguration<StarDecision>
{
    public void Configure(EntityTypeBuilder<StarDecision> b)
    {
        b.HasIndex(d => d.RubricId).IsUnique();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne(d => d.Rubric).WithMany().HasForeignKey(d => d.RubricId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StarObjectionConfiguration : IEntityTypeConfiguration<StarObjection>
{
    public void Configure(EntityTypeBuilder<StarObjection> b)
    {
        b.Property(o => o.Content).HasMaxLength(1000);
        b.Property(o => o.Handling).HasMaxLength(1000);
        b.HasOne(o => o.Decision).WithMany(d => d.Objections).HasForeignKey(o => o.DecisionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(o => o.OrgUnit).WithMany().HasForeignKey(o => o.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StarRatingChangeConfiguration : IEntityTypeConfiguration<StarRatingChange>
{
    public void Configure(EntityTypeBuilder<StarRatingChange> b)
    {
        b.Property(c => c.Reason).HasMaxLength(500);
        b.HasOne(c => c.Rating).WithMany(r => r.Changes).HasForeignKey(c => c.StarRatingId).OnDelete(DeleteBehavior.Cascade);
    }
}
