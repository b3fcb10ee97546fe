using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Data;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The real authorisation (policy, scope handler, org tree, audited refusals) on a test database, without the
/// web host or a bUnit context: resolve <see cref="AccessGuard"/> from a scope of the returned provider. Principals
/// come from <see cref="TestUsers"/>.
/// </summary>
public static class AccessTestServices
{
    /// <summary>The caller disposes the provider; the database is not disposed with it.</summary>
    public static ServiceProvider Create(IDbContextFactory<PortalDbContext> database, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore();
        services.AddSingleton(database);
        services.AddSingleton<OrgTree>();
        services.AddSingleton(time);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RefusalLog>();
        services.AddScoped<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddScoped<AccessGuard>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
