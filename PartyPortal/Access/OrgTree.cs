using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// The organisation tree's paths, cached for scope checks (hundreds of units: a dictionary, not a query per
/// check). Whoever changes the tree calls <see cref="Invalidate"/>.
/// </summary>
public sealed class OrgTree(IDbContextFactory<PortalDbContext> dbFactory) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Dictionary<int, string>? paths;

    public void Invalidate() => paths = null;

    public void Dispose() => loading.Dispose();

    /// <summary>Whether <paramref name="orgUnitId"/> lies in the subtree of <paramref name="scopeOrgUnitId"/>; a null scope is the whole bureau.</summary>
    public async Task<bool> IsWithinAsync(int? orgUnitId, int? scopeOrgUnitId, CancellationToken ct = default)
    {
        if (scopeOrgUnitId is null)
        {
            return true;
        }

        if (orgUnitId is null)
        {
            return false;
        }

        var map = await PathsAsync(ct);
        return map.TryGetValue(orgUnitId.Value, out var path)
            && map.TryGetValue(scopeOrgUnitId.Value, out var scopePath)
            && OrgPath.IsWithin(path, scopePath);
    }

    public async Task<IReadOnlyDictionary<int, string>> PathsAsync(CancellationToken ct = default)
    {
        var map = paths;
        if (map is not null)
        {
            return map;
        }

        await loading.WaitAsync(ct);
        try
        {
            if (paths is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            }

            return paths;
        }
        finally
        {
            loading.Release();
        }
    }
}
