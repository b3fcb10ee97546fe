using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Data.DemoData;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

/// <summary>
/// The demo accounts (demo mode only), all with <see cref="Password"/>: one per role, and secretaries at
/// three depths of the tree. Added when missing; never touched afterwards.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Demo@12345";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var settings = await db.BureauSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync(ct);
        var (_, county, organBranch, countyBranch) = DemoAccountUnits.Find(units, settings?.DistrictName);

        (string UserName, string DisplayName, PortalRole Role, int? OrgUnitId, bool Needed)[] accounts =
        [
            ("admin", "机关党委管理员", PortalRole.PartyOffice, null, true),
            ("leader", "党委领导", PortalRole.Leader, null, true),
            ("secretary1", $"{organBranch?.Name}书记", PortalRole.Secretary, organBranch?.Id, organBranch is not null),
            ("secretary2", $"{countyBranch?.Name}书记", PortalRole.Secretary, countyBranch?.Id, countyBranch is not null),
            ("county1", $"{county?.Name}书记", PortalRole.Secretary, county?.Id, county is not null),
            ("discipline", "纪检组", PortalRole.Discipline, null, true),
        ];
        foreach (var a in accounts.Where(a => a.Needed))
        {
            if (await users.FindByNameAsync(a.UserName) is not null)
            {
                continue;
            }

            var user = new PortalUser { UserName = a.UserName, DisplayName = a.DisplayName, CreatedAt = DateTimeOffset.UtcNow };
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = a.Role, OrgUnitId = a.OrgUnitId });
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {a.UserName}: {string.Join(' ', result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
