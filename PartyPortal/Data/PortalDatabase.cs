using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartyPortal.Data;

/// <summary>Which database engine holds the portal's data: <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one node.</summary>
    Sqlite,

    /// <summary>A shared server, for more than one portal node.</summary>
    PostgreSQL,
}

/// <summary>Where the data is: the engine and its connection string, resolved once from the settings.</summary>
public sealed record PortalConnection(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}

/// <summary>
/// Wires the portal's database: SQLite by default, a file in a data folder beside the app; PostgreSQL when
/// <c>Database:Provider</c> says so. One model, one migrations set per provider (EF's advice for several providers):
/// PostgreSQL's context is <see cref="PostgreSqlPortalDbContext"/>, a type of its own only so that its migrations are.
/// </summary>
public static class PortalDatabase
{
    public const string ConnectionStringName = "Portal";
    public const string ProviderSetting = "Database:Provider";

    /// <summary>
    /// The provider and connection string from the settings; a provider that is neither, or PostgreSQL without a
    /// connection string, stops the start with a message that says which setting to fix.
    /// </summary>
    public static PortalConnection Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var provider = ParseProvider(configuration[ProviderSetting]);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new PortalConnection(provider, ResolveConnectionString(configured, contentRoot));
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{ProviderSetting} is PostgreSQL but ConnectionStrings:{ConnectionStringName} is empty: set it, e.g. Host=127.0.0.1;Port=5432;Username=portal;Password=…;Database=portal.");
        }

        return new PortalConnection(provider, configured);
    }

    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"{ProviderSetting} '{value}' is not a provider the portal knows: Sqlite or PostgreSQL.");

    /// <summary>
    /// The connection string from <c>ConnectionStrings:Portal</c>, with a relative SQLite file made relative to
    /// the content root (not the working directory) and its folder created.
    /// </summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/portal.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            }

            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Microsoft.Data.Sqlite retries a locked database for the command timeout (the busy timeout).
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    /// <summary>The folder that holds the data (the SQLite file's folder): keys and other state live beside it.</summary>
    public static string DataFolder(PortalConnection connection, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.IsSqlite)
        {
            return Path.Combine(contentRoot, "App_Data");
        }

        var source = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        var folder = string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetDirectoryName(source);
        return folder ?? Path.Combine(contentRoot, "App_Data");
    }

    /// <summary>A SQLite file (the tests' and tools' shorthand).</summary>
    public static void Configure(DbContextOptionsBuilder options, string sqliteConnectionString) =>
        Configure(options, new PortalConnection(DatabaseProvider.Sqlite, sqliteConnectionString));

    public static void Configure(DbContextOptionsBuilder options, PortalConnection connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.IsSqlite)
        {
            options.UseSqlite(connection.ConnectionString)
                .AddInterceptors(SqlitePragmas.Instance, Live.ChangeCommits.Instance);
        }
        else
        {
            options.UseNpgsql(connection.ConnectionString)
                .AddInterceptors(Live.ChangeCommits.Instance, Live.OutboxOrder.Instance);
        }
    }

    /// <summary>A context for options configured on <paramref name="connection"/>: PostgreSQL's own type there, so that EF finds its migrations.</summary>
    public static PortalDbContext CreateContext(PortalConnection connection, DbContextOptions<PortalDbContext> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.IsSqlite ? new PortalDbContext(options) : new PostgreSqlPortalDbContext(options);
    }

    /// <summary>A context on <paramref name="connection"/>, outside dependency injection (tests, tools).</summary>
    public static PortalDbContext CreateContext(PortalConnection connection)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(options, connection);
        return CreateContext(connection, options.Options);
    }

    /// <summary>
    /// WAL lets dashboards read while a secretary writes; the busy timeout makes a writer wait for another
    /// writer instead of failing. WAL is a property of the file; the rest are per connection, and a pooled
    /// connection keeps them. EF opens its connection again for each query outside a transaction (an API write
    /// opened it about ten times), so they are set once per SQLite connection rather than at every open.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

        /// <summary>The SQLite connections already set; one leaves the table when the pool closes it.</summary>
        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Set = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (Unset(connection) is { } handle)
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                Set.TryAdd(handle, Instance);
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Unset(connection) is { } handle)
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = Pragmas;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                Set.TryAdd(handle, Instance);
            }
        }

        private static SQLitePCL.sqlite3? Unset(DbConnection connection) =>
            ((SqliteConnection)connection).Handle is { } handle && !Set.TryGetValue(handle, out _) ? handle : null;
    }
}
