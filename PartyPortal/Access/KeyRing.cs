using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;

namespace PartyPortal.Access;

/// <summary>
/// The Data Protection key ring that signs the sign-in cookie, the antiforgery tokens and the API tokens: kept in the
/// portal's database (table DataProtectionKeys), so every node sharing the database reads and writes the same keys — a
/// cookie or token issued by one node is accepted by the others — and a restart keeps them. At rest the keys are
/// encrypted with the certificate named by <see cref="CertificateSetting"/> (a .pfx with its private key); the
/// shared database of a multi-node install (PostgreSQL outside Development) must name one, and the start stops
/// otherwise. The single-node SQLite install may go without, as its key files always did.
/// </summary>
public static class KeyRing
{
    public const string CertificateSetting = "DataProtection:Certificate";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IDataProtectionBuilder AddPortalKeyRing(this IServiceCollection services, IConfiguration configuration, PortalConnection connection, string contentRoot, bool development)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(connection);
        var keys = services.AddDataProtection()
            .SetApplicationName("PartyPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        if (configuration[CertificateSetting] is { Length: > 0 } path)
        {
            keys.ProtectKeysWithCertificate(Load(Path.Combine(contentRoot, path), configuration[CertificatePasswordSetting]));
        }
        else if (!connection.IsSqlite && !development)
        {
            throw new InvalidOperationException(
                $"{CertificateSetting} is not set: on a shared database the key ring that signs sign-ins and tokens must be encrypted at rest. " +
                "Name a .pfx certificate with its private key (and its password in " + CertificatePasswordSetting + "); docs/deploy.md shows how to make one.");
        }

        return keys;
    }

    /// <summary>
    /// Brings the key files of an earlier version (<paramref name="folder"/>, one XML file per key) into the database
    /// when it holds no key yet, so an upgrade keeps everyone signed in and every API token working. Returns how many.
    /// </summary>
    public static async Task<int> ImportFolderAsync(IDbContextFactory<PortalDbContext> dbFactory, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DataProtectionKeys.AnyAsync(ct))
        {
            return 0;
        }

        var files = Directory.GetFiles(folder, "*.xml");
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file, ct) });
        }

        await db.SaveChangesAsync(ct);
        return files.Length;
    }

    /// <summary>Makes the ring's first key if it has none (protecting anything does), so that it exists once, in the database.</summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(KeyRing)).Protect("ready"u8.ToArray());

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificateSetting}: no file at '{path}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{CertificateSetting}: '{path}' is not a .pfx this password opens ({CertificatePasswordSetting}).", e);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{CertificateSetting}: '{path}' has no private key; the keys could be encrypted but never read back.");
    }
}
