using System.Security.Claims;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>Signed-in principals as the portal's claims factory makes them, for service and component tests.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal With(string userName, params Assignment[] assignments)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, userName), new(PortalClaims.DisplayName, userName) };
        claims.AddRange(assignments.Select(a => new Claim(PortalClaims.Assignment, a.ToClaimValue())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal PartyOffice => With("admin", new Assignment(PortalRole.PartyOffice, null));

    public static ClaimsPrincipal Leader => With("leader", new Assignment(PortalRole.Leader, null));

    public static ClaimsPrincipal Discipline => With("discipline", new Assignment(PortalRole.Discipline, null));

    public static ClaimsPrincipal Secretary(int orgUnitId) => With("secretary", new Assignment(PortalRole.Secretary, orgUnitId));

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}
