using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace PartyPortal.Tests.Access;

public class PageAuthorizationTests
{
    private static readonly string[] AnonymousPages = ["Login", "ScreenPage"];

    private static IEnumerable<Type> Pages() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    /// <summary>
    /// The fallback policy guards requests; inside a live circuit only [Authorize] does. Every page of a
    /// feature carries it, so a page whose account was disabled leaves for the sign-in page. The two exceptions:
    /// the sign-in page, and a meeting-room screen, which checks its own token instead.
    /// </summary>
    [Fact]
    public void EveryFeaturePageRequiresASignedInUserUnlessItIsTheSignInPageOrAScreen()
    {
        var features = Pages().Where(t => t.Namespace!.StartsWith("PartyPortal.Features", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(features);
        foreach (var page in features)
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            Assert.True(anonymous || page.GetCustomAttribute<AuthorizeAttribute>() is not null, $"{page.Name} has no [Authorize]");
            if (anonymous)
            {
                Assert.Contains(page.Name, AnonymousPages);
            }
        }
    }
}
