using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class ClosedLoopItemConfiguration : IEntityTypeConfiguration<ClosedLoopItem>
{
    public void Configure(EntityTypeBuilder<ClosedLoopItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Description).HasMaxLength(2000);
        b.Property(i => i.ClosingEvidence).HasMaxLength(2000);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.Source, i.FoundOn });
        b.HasIndex(i => i.OwnerOrgUnitId);
        b.HasOne(i => i.OwnerOrgUnit).WithMany().HasForeignKey(i => i.OwnerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.SourceActivity).WithMany().HasForeignKey(i => i.SourceActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Campaign).WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationMeasureConfiguration : IEntityTypeConfiguration<RectificationMeasure>
{
    public void Configure(EntityTypeBuilder<RectificationMeasure> b)
    {
        b.Property(m => m.Description).HasMaxLength(1000);
        b.HasOne(m => m.Item).WithMany(i => i.Measures).HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClosedLoopEventConfiguration : IEntityTypeConfiguration<ClosedLoopEvent>
{
    public void Configure(EntityTypeBuilder<ClosedLoopEvent> b)
    {
        b.Property(e => e.By).HasMaxLength(60);
        b.Property(e => e.Note).HasMaxLength(1000);
        b.HasOne(e => e.Item).WithMany(i => i.History).HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Notes).HasMaxLength(1000);
        b.HasIndex(r => new { r.Kind, r.StartsOn });
        b.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutsideOrganisationConfiguration : IEntityTypeConfiguration<OutsideOrganisation>
{
    public void Configure(EntityTypeBuilder<OutsideOrganisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(100);
        b.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.Property(p => p.Notes).HasMaxLength(1000);
        b.HasIndex(p => new { p.Type, p.StartsOn });
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.PartnerOrgUnit).WithMany().HasForeignKey(p => p.PartnerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.PartnerOrganisation).WithMany().HasForeignKey(p => p.PartnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Partnership_OnePartner",
            "(\"PartnerOrgUnitId\" IS NULL) <> (\"PartnerOrganisationId\" IS NULL)"));
    }
}

internal sealed class DisciplineRecordConfiguration : IEntityTypeConfiguration<DisciplineRecord>
{
    public void Configure(EntityTypeBuilder<DisciplineRecord> b)
    {
        b.Property(d => d.Reference).HasMaxLength(60);
        b.Property(d => d.Summary).HasMaxLength(1000);
        b.Property(d => d.RecordedBy).HasMaxLength(60);
        b.HasIndex(d => new { d.Type, d.Date });
        b.HasOne(d => d.OrgUnit).WithMany().HasForeignKey(d => d.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.Property(r => r.UserName).HasMaxLength(60);
        b.Property(r => r.Key).HasMaxLength(IdempotentRequest.KeyMax);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => new { r.UserName, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> b)
    {
        b.HasKey(c => c.Sequence);
        b.Property(c => c.What).HasMaxLength(40);
        b.HasIndex(c => c.At);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(60);
        b.Property(a => a.Action).HasMaxLength(60);
        b.Property(a => a.EntityType).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(60);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.UserName, a.At });
        b.HasIndex(a => new { a.OrgUnitId, a.At });
    }
}
