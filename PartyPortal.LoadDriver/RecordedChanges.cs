using Microsoft.Data.Sqlite;
using PartyPortal.Features.Activities;

namespace PartyPortal.LoadDriver;

/// <summary>
/// When the portal recorded each write's change: the <c>At</c> of its change record (the outbox), stamped on the
/// portal's wall clock inside the write's transaction, just before the commit. It replaces the probe on the change
/// bus that the driver had while the portal ran in its process. Read once, after the measured writes, from the data
/// folder the driver gave the portal, so the reading costs the run nothing.
/// </summary>
internal static class RecordedChanges
{
    /// <summary>
    /// The <c>At</c> of the last <paramref name="count"/> activity change records, in commit order (by sequence).
    /// Each of the driver's writes records one, and they are the only writes during the run, so the k-th of them is the
    /// write of rank k: ids and sequences both grow in commit order, one SQLite writer at a time.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Read(PortalProcess portal, int count)
    {
        if (portal.Shared is { } shared)
        {
            return ReadPostgreSql(shared.ConnectionString, count);
        }

        var databasePath = portal.DatabasePath;
        // Read-only and unpooled: the portal is still running, and the driver deletes the folder afterwards.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // At is stored as UTC ticks (the portal's convention for instants in SQLite).
        command.CommandText = """SELECT "At" FROM "ChangeRecords" WHERE "What" = $what ORDER BY "Sequence" DESC LIMIT $count""";
        command.Parameters.AddWithValue("$what", ActivityService.What);
        command.Parameters.AddWithValue("$count", count);
        var at = new List<DateTimeOffset>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                at.Add(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero));
            }
        }

        at.Reverse();
        return at;
    }

    private static List<DateTimeOffset> ReadPostgreSql(string connectionString, int count)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "At" FROM "ChangeRecords" WHERE "What" = @what ORDER BY "Sequence" DESC LIMIT @count""";
        command.Parameters.AddWithValue("what", ActivityService.What);
        command.Parameters.AddWithValue("count", count);
        var at = new List<DateTimeOffset>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                at.Add(reader.GetFieldValue<DateTimeOffset>(0));
            }
        }

        at.Reverse();
        return at;
    }
}
