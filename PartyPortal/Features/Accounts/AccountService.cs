using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

public sealed record AccountRole(PortalRole Role, int? OrgUnitId, string ScopeName);

public sealed record AccountRow(
    string Id, string UserName, string DisplayName, bool IsDisabled, bool MustChangePassword, bool IsLockedOut,
    IReadOnlyList<AccountRole> Roles);

/// <summary>An org unit offered as a scope, indented by its depth in the tree; null is the whole bureau.</summary>
public sealed record ScopeOption(int? OrgUnitId, string Name, int Depth);

public sealed class NewAccount
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<RolePair> Roles { get; set; } = [new()];
}

public sealed class RolePair
{
    public PortalRole Role { get; set; } = PortalRole.Secretary;
    public int? OrgUnitId { get; set; }
}

/// <summary>What a write returns: either done (with a one-time password to hand over) or field errors in zh-CN.</summary>
public sealed record AccountResult(IReadOnlyDictionary<string, string> Errors, string? TemporaryPassword = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Accounts for PartyOffice: create with (role, scope) pairs, disable and re-enable, reset a password. Each
/// write runs in its own DI scope (Identity's stores hold a context; a circuit must not) and saves the change
/// with its audit entry in the one SaveChanges that Identity performs.
/// </summary>
public sealed partial class AccountService(IServiceScopeFactory scopes, AccessGuard guard, AuditTrail audit, OrgTree tree)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ManageAccounts, null, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var users = await db.Users.AsNoTracking().Include(u => u.Roles).ThenInclude(r => r.OrgUnit).OrderBy(u => u.UserName).ToListAsync(ct);
        return users.Select(u => new AccountRow(
            u.Id, u.UserName ?? "", u.DisplayName, u.IsDisabled, u.MustChangePassword, u.LockoutEnd is { } end && end > now,
            u.Roles.OrderBy(r => r.Role).Select(r => new AccountRole(r.Role, r.OrgUnitId, r.OrgUnit?.Name ?? "全市局")).ToList())).ToList();
    }

    /// <summary>The scopes an account can be given: the whole bureau, then the tree in order.</summary>
    public async Task<IReadOnlyList<ScopeOption>> ScopeOptionsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ManageAccounts, null, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Type != OrgUnitType.PartyGroup).ToListAsync(ct);
        return
        [
            new ScopeOption(null, "全市局", 0),
            .. OrgPath.InTreeOrder(units).Where(x => x.Unit.ClosedOn is null).Select(x => new ScopeOption(x.Unit.Id, x.Unit.Name, x.Depth)),
        ];
    }

    public async Task<AccountResult> CreateAsync(ClaimsPrincipal user, NewAccount account, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await guard.DemandAsync(user, Operation.ManageAccounts, null, ct);
        var errors = await ValidateAsync(account, ct);
        if (errors.Count > 0)
        {
            return new AccountResult(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var created = new PortalUser
        {
            UserName = account.UserName.Trim(),
            DisplayName = account.DisplayName.Trim(),
            MustChangePassword = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var pairs = Distinct(account.Roles);
        foreach (var pair in pairs)
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = created.Id, Role = pair.Role, OrgUnitId = pair.OrgUnitId });
        }

        audit.Add(db, user, AuditActions.Create, nameof(PortalUser), created.Id, after: Describe(created, pairs));
        var password = TemporaryPassword();
        var result = await users.CreateAsync(created, password);
        return result.Succeeded ? new AccountResult(new Dictionary<string, string>(), password) : Errors(result);
    }

    public Task<AccountResult> DisableAsync(ClaimsPrincipal user, string userId, CancellationToken ct = default) =>
        SetDisabledAsync(user, userId, disabled: true, ct);

    public Task<AccountResult> EnableAsync(ClaimsPrincipal user, string userId, CancellationToken ct = default) =>
        SetDisabledAsync(user, userId, disabled: false, ct);

    /// <summary>Sets a one-time password, unlocks the account, and makes the user choose a new password at next sign-in.</summary>
    public Task<AccountResult> ResetPasswordAsync(ClaimsPrincipal user, string userId, CancellationToken ct = default) =>
        ChangeAccountAsync(user, userId, async (target, users, db) =>
        {
            target.MustChangePassword = true;
            target.LockoutEnd = null;
            target.AccessFailedCount = 0;
            audit.Add(db, user, AuditActions.ResetPassword, nameof(PortalUser), target.Id);
            var password = TemporaryPassword();

            // Resetting changes the security stamp: the old password's cookies and tokens stop working.
            var result = await users.ResetPasswordAsync(target, await users.GeneratePasswordResetTokenAsync(target), password);
            return result.Succeeded ? new AccountResult(new Dictionary<string, string>(), password) : Errors(result);
        }, ct);

    private Task<AccountResult> SetDisabledAsync(ClaimsPrincipal user, string userId, bool disabled, CancellationToken ct) =>
        ChangeAccountAsync(user, userId, async (target, users, db) =>
        {
            // By id and by name: a principal from another sign-in path may carry only the name.
            if (disabled && (target.Id == users.GetUserId(user) || string.Equals(target.UserName, users.GetUserName(user), StringComparison.Ordinal)))
            {
                return AccountResult.Fail("", "不能停用自己正在使用的账户。");
            }

            target.IsDisabled = disabled;
            audit.Add(db, user, disabled ? AuditActions.Disable : AuditActions.Enable, nameof(PortalUser), target.Id,
                before: new { isDisabled = !disabled }, after: new { isDisabled = disabled });

            // A new security stamp ends the account's cookies and tokens at once, and its open pages within a minute.
            var result = await users.UpdateSecurityStampAsync(target);
            return result.Succeeded ? new AccountResult(new Dictionary<string, string>()) : Errors(result);
        }, ct);

    /// <summary>Authorises, loads the account in a fresh scope, and lets <paramref name="change"/> save it with its audit entry.</summary>
    private async Task<AccountResult> ChangeAccountAsync(ClaimsPrincipal user, string userId,
        Func<PortalUser, UserManager<PortalUser>, PortalDbContext, Task<AccountResult>> change, CancellationToken ct)
    {
        await guard.DemandAsync(user, Operation.ManageAccounts, null, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var target = await users.FindByIdAsync(userId);
        return target is null
            ? AccountResult.Fail("", "账户不存在。")
            : await change(target, users, scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private async Task<Dictionary<string, string>> ValidateAsync(NewAccount account, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var name = account.UserName.Trim();
        if (!UserNamePattern().IsMatch(name))
        {
            errors[nameof(NewAccount.UserName)] = "用户名为3至40位字母、数字或 . _ - @，不含空格和中文。";
        }

        if (string.IsNullOrWhiteSpace(account.DisplayName) || account.DisplayName.Trim().Length > 40)
        {
            errors[nameof(NewAccount.DisplayName)] = "请填写姓名（不超过40个字）。";
        }
        else
        {
            InputRules.CheckText(errors, nameof(NewAccount.DisplayName), account.DisplayName);
        }

        if (account.Roles.Count == 0)
        {
            errors[nameof(NewAccount.Roles)] = "请至少指定一个角色及其范围。";
        }
        else if (account.Roles.Count > MaxRoles)
        {
            errors[nameof(NewAccount.Roles)] = $"一个账户最多指定{MaxRoles}个角色及范围。";
            return errors;
        }

        var paths = await tree.PathsAsync(ct);
        for (var i = 0; i < account.Roles.Count; i++)
        {
            var pair = account.Roles[i];
            if (pair.OrgUnitId is { } id && !paths.ContainsKey(id))
            {
                errors[$"{nameof(NewAccount.Roles)}[{i}]"] = "所选党组织不存在。";
            }
            else if (pair.Role == PortalRole.Secretary && pair.OrgUnitId is null)
            {
                errors[$"{nameof(NewAccount.Roles)}[{i}]"] = "支部书记须指定所负责的党组织。";
            }
        }

        return errors;
    }

    private static List<RolePair> Distinct(IEnumerable<RolePair> pairs) =>
        pairs.DistinctBy(p => (p.Role, p.OrgUnitId)).ToList();

    private static object Describe(PortalUser u, IEnumerable<RolePair> pairs) => new
    {
        userName = u.UserName,
        displayName = u.DisplayName,
        roles = pairs.Select(p => new Assignment(p.Role, p.OrgUnitId).ToClaimValue()).ToList(),
    };

    private static AccountResult Errors(IdentityResult result) =>
        new(result.Errors.GroupBy(e => e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(NewAccount.UserName) : "")
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Description))));

    /// <summary>A one-time password that meets the rules: 12 characters, upper, lower, digit and symbol.</summary>
    internal static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "@#%+";
        var all = upper + lower + digits;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 12)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());
    }

    /// <summary>Role and scope pairs one account may hold: a list, not an unbounded write.</summary>
    public const int MaxRoles = 20;

    [GeneratedRegex(@"^[A-Za-z0-9._@\-]{3,40}$")]
    private static partial Regex UserNamePattern();
}
