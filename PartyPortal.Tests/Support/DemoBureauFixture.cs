using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Data.DemoData;

// Seeded once for the whole run: the demo bureau takes seconds to generate.
[assembly: AssemblyFixture(typeof(PartyPortal.Tests.Support.DemoBureauFixture))]

namespace PartyPortal.Tests.Support;

/// <summary>The demo bureau, seeded once into a real database for the tests that read it.</summary>
public sealed class DemoBureauFixture : IAsyncLifetime
{
    public const int Seed = 20230630;
    public static readonly DateOnly Today = new(2026, 11, 27);

    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        await DemoDataSeeder.SeedIfEmptyAsync(db, Seed, Today, DemoScale.Municipal, PartyPortal.Live.Metrics.LedgerRates.ReadAsync);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    public PortalDbContext CreateDbContext() => Database.CreateDbContext();

    public async Task<int> KindIdAsync(string code)
    {
        await using var db = CreateDbContext();
        return await db.ActivityKinds.Where(k => k.Code == code).Select(k => k.Id).SingleAsync();
    }
}
