using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class ScreenConfiguration : IEntityTypeConfiguration<Screen>
{
    public void Configure(EntityTypeBuilder<Screen> b)
    {
        b.Property(s => s.Name).HasMaxLength(Screen.NameMax);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.CreatedBy).HasMaxLength(256);
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasOne(s => s.ScopeOrgUnit).WithMany().HasForeignKey(s => s.ScopeOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.IsRevoked);
    }
}
