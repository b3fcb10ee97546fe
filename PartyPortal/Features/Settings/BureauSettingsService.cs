using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Settings;

/// <summary>The bureau's names, for the shell and for report texts where the seed masks them.</summary>
public sealed class BureauSettingsService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<BureauSettings?> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BureauSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
    }
}
