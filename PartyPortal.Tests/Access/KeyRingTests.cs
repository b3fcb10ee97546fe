using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Access;

/// <summary>
/// The key ring that signs sign-ins and tokens: in the database (so every node shares it), encrypted at rest with
/// the named certificate, required to be on a shared database, and carried over from an earlier version's key files.
/// </summary>
public sealed class KeyRingTests
{
    private const string Purpose = "PartyPortal.Tests.KeyRing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithACertificateTheKeysInTheDatabaseAreEncryptedAndStillOpen()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string>
        {
            [KeyRing.CertificateSetting] = TestCertificate.Path,
            [KeyRing.CertificatePasswordSetting] = TestCertificate.Password,
        });
        var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var sealedText = protector.Protect("机关党委");

        await using var db = portal.CreateDbContext();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync(Ct));
        Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);

        // A second node (a fresh provider on the same database) opens what the first sealed.
        await using var second = new PortalFactory(demoData: false, new Dictionary<string, string>
        {
            [KeyRing.CertificateSetting] = TestCertificate.Path,
            [KeyRing.CertificatePasswordSetting] = TestCertificate.Password,
        }, dataFolder: portal.DataFolder) { KeepData = true };
        Assert.Equal("机关党委", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(sealedText));
    }

    [Fact]
    public void ASharedDatabaseWithoutACertificateStopsTheStartNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().Build();
        var postgres = new PortalConnection(DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Database=portal");

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPortalKeyRing(configuration, postgres, AppContext.BaseDirectory, development: false));
        Assert.Contains(KeyRing.CertificateSetting, refused.Message, StringComparison.Ordinal);

        // Development, or the single-node SQLite install, may go without.
        new ServiceCollection().AddPortalKeyRing(configuration, postgres, AppContext.BaseDirectory, development: true);
        new ServiceCollection().AddPortalKeyRing(configuration, new PortalConnection(DatabaseProvider.Sqlite, "Data Source=x.db"), AppContext.BaseDirectory, development: false);
    }

    [Fact]
    public void ACertificateThatIsNotThereOrDoesNotOpenStopsTheStart()
    {
        var missing = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [KeyRing.CertificateSetting] = "/nowhere/keyring.pfx" }).Build();
        var wrongPassword = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [KeyRing.CertificateSetting] = TestCertificate.Path,
            [KeyRing.CertificatePasswordSetting] = "wrong",
        }).Build();
        var sqlite = new PortalConnection(DatabaseProvider.Sqlite, "Data Source=x.db");

        Assert.Contains("/nowhere/keyring.pfx", Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPortalKeyRing(missing, sqlite, "/", false)).Message, StringComparison.Ordinal);
        Assert.Contains(KeyRing.CertificatePasswordSetting, Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPortalKeyRing(wrongPassword, sqlite, "/", false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEarlierVersionsKeyFilesMoveIntoTheDatabaseSoItsCookiesAndTokensStillOpen()
    {
        Assert.SkipWhen(TestServers.OnPostgreSql, "the key files lay beside the SQLite file, where an earlier version kept them");
        var folder = PortalFactory.NewDataFolder();
        var keys = Path.Combine(folder, "keys");
        var earlier = DataProtectionProvider.Create(new DirectoryInfo(keys), b => b.SetApplicationName("PartyPortal"));
        var sealedText = earlier.CreateProtector(Purpose).Protect("升级前的登录");
        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));

        await using var portal = new PortalFactory(demoData: false, dataFolder: folder);
        Assert.Equal("升级前的登录", portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(sealedText));
        await using var db = portal.CreateDbContext();
        Assert.Single(await db.DataProtectionKeys.ToListAsync(Ct));
    }
}
