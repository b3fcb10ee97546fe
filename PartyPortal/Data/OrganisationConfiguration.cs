using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyPortal.Model;

namespace PartyPortal.Data;

internal sealed class BureauSettingsConfiguration : IEntityTypeConfiguration<BureauSettings>
{
    public void Configure(EntityTypeBuilder<BureauSettings> b)
    {
        b.Property(s => s.BureauName).HasMaxLength(100);
        b.Property(s => s.CommitteeName).HasMaxLength(100);
        b.Property(s => s.ProvinceName).HasMaxLength(40);
        b.Property(s => s.CityName).HasMaxLength(40);
        b.Property(s => s.DistrictName).HasMaxLength(40);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.Path).HasMaxLength(200);
        b.Property(o => o.DepartmentName).HasMaxLength(100);
        b.HasIndex(o => o.Path);
        b.HasIndex(o => o.ParentId);
        b.HasOne(o => o.Parent).WithMany(o => o.Children).HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.IsBranch);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.Name).HasMaxLength(40);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.OrgUnitId);
        b.HasOne(m => m.OrgUnit).WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberAssignmentConfiguration : IEntityTypeConfiguration<MemberAssignment>
{
    public void Configure(EntityTypeBuilder<MemberAssignment> b)
    {
        b.HasIndex(a => new { a.OrgUnitId, a.From });
        b.HasIndex(a => a.MemberId);
        b.HasOne(a => a.Member).WithMany(m => m.Assignments).HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberPostConfiguration : IEntityTypeConfiguration<MemberPost>
{
    public void Configure(EntityTypeBuilder<MemberPost> b)
    {
        b.HasIndex(p => new { p.OrgUnitId, p.Post });
        b.HasOne(p => p.Member).WithMany(m => m.Posts).HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(40);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.HasIndex(r => new { r.UserId, r.Role, r.OrgUnitId }).IsUnique();
        b.HasOne(r => r.User).WithMany(u => u.Roles).HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
