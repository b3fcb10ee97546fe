using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The shared setup of a feature-service test: a real migrated database, the real authorisation and audit
/// trail, the bureau clock on a fake time (2024-05-20 10:00 in Asia/Shanghai), and a change bus whose
/// announcements are recorded.
/// </summary>
public abstract class ServiceTestContext : IAsyncLifetime
{
    protected static readonly DateOnly Today = new(2024, 5, 20);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero));
    protected TestDatabase Database { get; private set; } = null!;
    protected ServiceProvider Services { get; private set; } = null!;
    protected AsyncServiceScope Scope { get; private set; }
    protected AccessGuard Guard => Scope.ServiceProvider.GetRequiredService<AccessGuard>();
    protected AuditTrail Audit => Services.GetRequiredService<AuditTrail>();
    protected BureauClock Clock { get; private set; } = null!;
    protected ChangeBus Bus { get; } = new();
    protected ChangeRecorder Recorder { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// How many refusals the audit trail holds, counting the repeats a coalesced entry stands for
    /// (<see cref="RefusalLog"/> writes the first of a minute at once and the rest as one entry with their count).
    /// </summary>
    protected async Task<int> RefusalsAuditedAsync()
    {
        await Services.GetRequiredService<RefusalLog>().FlushAsync(all: true, Ct);
        await using var db = Database.CreateDbContext();
        var entries = await db.AuditEntries.Where(a => a.Action == AuditActions.Refused).Select(a => a.After).ToListAsync(Ct);
        return entries.Sum(after => after is null ? 1 : System.Text.Json.JsonDocument.Parse(after).RootElement.GetProperty("count").GetInt32());
    }

    /// <summary>Records changes as a write would (in the outbox, committed), so that the bus rings after the commit.</summary>
    protected async Task AnnounceAsync(params DataChanged[] changes)
    {
        await using var db = Database.CreateDbContext();
        foreach (var change in changes)
        {
            Bus.Record(db, change);
        }

        await db.SaveChangesAsync(Ct);
    }

    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = AccessTestServices.Create(Database, Time);
        Scope = Services.CreateAsyncScope();
        Clock = new BureauClock(Time, BureauClock.FindZone(null));
        Recorder = new ChangeRecorder(Database);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
