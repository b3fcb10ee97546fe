using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class ReportTemplateConfiguration : IEntityTypeConfiguration<ReportTemplate>
{
    public void Configure(EntityTypeBuilder<ReportTemplate> b)
    {
        b.Property(t => t.Name).HasMaxLength(ReportTemplate.NameMax);
        b.Property(t => t.FileName).HasMaxLength(ReportTemplate.FileNameMax);
        b.Property(t => t.ContentHash).HasMaxLength(64);
        b.Property(t => t.UploadedBy).HasMaxLength(256);

        // Two uploads of one name at once cannot both become the same version.
        b.HasIndex(t => new { t.BureauOrgUnitId, t.Name, t.Version }).IsUnique();
        b.HasOne(t => t.BureauOrgUnit).WithMany().HasForeignKey(t => t.BureauOrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
