using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Data;

/// <summary>The bulk insert the demo seeding and the province generator use, on each database engine.</summary>
public sealed class BulkInsertTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RowsInsertedWithTheirOwnKeysLeaveTheNextKeyFreeForAnOrdinaryWrite()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            var rows = Enumerable.Range(1_001, 3)
                .Select(id => new OrgUnit { Id = id, Name = $"支部{id}", Type = OrgUnitType.Branch, Path = OrgPath.Of(null, id) })
                .ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkInsert.InsertAsync(db, rows, Ct);
            await transaction.CommitAsync(Ct);
        }

        // A PostgreSQL COPY with explicit keys does not move the identity sequence: the next insert would take key 1
        // (or a seeded one) and fail. The demo seeded this way answered every first write with a 500.
        await using (var db = database.CreateDbContext())
        {
            var next = new OrgUnit { Name = "新支部", Type = OrgUnitType.Branch };
            db.OrgUnits.Add(next);
            await db.SaveChangesAsync(Ct);
            Assert.True(next.Id > 1_003, $"the next unit got key {next.Id}");
        }
    }
}
