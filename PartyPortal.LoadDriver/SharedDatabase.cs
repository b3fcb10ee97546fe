using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The database of a run on PostgreSQL (<c>--postgresql</c>): created on the server, migrated and seeded with the demo
/// bureau once by the portal's own <c>migrate</c> command before any node starts (as docs/deploy.md has it), with a
/// certificate of its own for the key ring (the portal runs as Production); dropped, with the certificate, at the end.
/// </summary>
internal sealed class SharedDatabase : IDisposable
{
    private readonly string server;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "partyportal-load", $"pg-{Guid.NewGuid():N}");
    private readonly string certificatePassword = Guid.NewGuid().ToString("N");

    private SharedDatabase(string server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string CertificatePath => Path.Combine(folder, "keyring.pfx");

    /// <summary>Creates the database and runs <c>PartyPortal.dll migrate</c> on it with the run's demo settings.</summary>
    public static async Task<SharedDatabase> CreateAsync(DriverOptions options, CancellationToken ct)
    {
        var shared = new SharedDatabase(options.PostgreSql!, $"pp_load_{Guid.NewGuid():N}");
        Directory.CreateDirectory(shared.folder);
        shared.MakeCertificate();
        await shared.ExecuteAsync($"CREATE DATABASE \"{shared.Name}\"", ct);

        var dll = PortalProcess.Locate(options.Portal);
        var start = new ProcessStartInfo(PortalProcess.DotnetHost()) { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("migrate");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DemoData__Enabled"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (options.Scale is { } scale)
        {
            start.Environment["DemoData__Scale"] = scale;
        }

        foreach (var (key, value) in options.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        shared.Configure(start.Environment);
        var watch = Stopwatch.StartNew();
        using var migrate = Process.Start(start)!;
        await migrate.WaitForExitAsync(ct);
        if (migrate.ExitCode != 0)
        {
            shared.Dispose();
            throw new InvalidOperationException($"`PartyPortal.dll migrate` on {shared.Name} exited with {migrate.ExitCode}.");
        }

        Line($"PostgreSQL database {shared.Name} migrated and seeded by `PartyPortal.dll migrate` in {watch.Elapsed.TotalSeconds:F1} s");
        return shared;
    }

    /// <summary>The settings that put a portal process on this database.</summary>
    public void Configure(IDictionary<string, string?> environment)
    {
        environment["Database__Provider"] = "PostgreSQL";
        environment["ConnectionStrings__Portal"] = ConnectionString;
        environment["DataProtection__Certificate"] = CertificatePath;
        environment["DataProtection__CertificatePassword"] = certificatePassword;
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (NpgsqlException e)
        {
            Line($"could not drop {Name}: {e.Message}");
        }

        Directory.Delete(folder, recursive: true);
    }

    private void MakeCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartyPortal key ring (load run)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, certificatePassword));
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
