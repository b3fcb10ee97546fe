using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace PartyPortal.Model;

/// <summary>The roles of DOMAIN.md. Each is held with a scope: an org unit and its subtree, or the whole bureau.</summary>
public enum PortalRole
{
    [Display(Name = "党委领导")] Leader = 1,
    [Display(Name = "机关党委")] PartyOffice = 2,
    [Display(Name = "支部书记")] Secretary = 3,
    [Display(Name = "纪检")] Discipline = 4,
}

/// <summary>A person who signs in. Stored by ASP.NET Core Identity in the portal's own database.</summary>
public class PortalUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in, and its open pages and tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set by a password reset: the next sign-in must choose a new password first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<RoleAssignment> Roles { get; } = [];
}

/// <summary>
/// One signed-in browser: its sign-in cookie names it, and signing out ends it, so a copy of the cookie taken
/// before stops working at once. API tokens are not sessions (they end with the account's stamp or their expiry).
/// </summary>
public class SignInSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>One (role, scope) pair of an account. A null org unit means the whole bureau.</summary>
public class RoleAssignment
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public PortalUser? User { get; set; }
    public PortalRole Role { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}
