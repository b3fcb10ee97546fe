using System.Globalization;
using System.Security.Claims;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>One (role, scope) pair as the signed-in principal carries it. A null org unit is the whole bureau.</summary>
public sealed record Assignment(PortalRole Role, int? OrgUnitId)
{
    private const string WholeBureau = "*";

    public string ToClaimValue() =>
        $"{Role}:{(OrgUnitId is { } id ? id.ToString(CultureInfo.InvariantCulture) : WholeBureau)}";

    public static Assignment? FromClaimValue(string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 2 || !Enum.TryParse<PortalRole>(parts[0], out var role))
        {
            return null;
        }

        return parts[1] == WholeBureau
            ? new Assignment(role, null)
            : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new Assignment(role, id) : null;
    }
}

/// <summary>The claims the portal puts on a signed-in principal, and how to read them back.</summary>
public static class PortalClaims
{
    public const string Assignment = "portal:assignment";
    public const string DisplayName = "portal:display-name";
    public const string MustChangePassword = "portal:must-change-password";

    /// <summary>The sign-in session a cookie belongs to (<see cref="SignInSession"/>); tokens carry none.</summary>
    public const string Session = "portal:session";

    public static IReadOnlyList<Assignment> Assignments(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(Assignment).Select(c => Access.Assignment.FromClaimValue(c.Value)).OfType<Assignment>().ToList();
    }

    public static string UserName(this ClaimsPrincipal? user) => user?.Identity?.Name ?? "匿名";

    public static string DisplayNameOf(this ClaimsPrincipal? user) => user?.FindFirst(DisplayName)?.Value ?? user.UserName();

    /// <summary>An account with a one-time password: it may choose its own password and nothing else.</summary>
    public static bool HasOneTimePassword(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == MustChangePassword);
    }

    public static bool HasRole(this ClaimsPrincipal user, PortalRole role) => user.Assignments().Any(a => a.Role == role);
}
