using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartyPortal.Tests.Support;

/// <summary>
/// A self-signed certificate with its private key, written as a password-protected .pfx once per test process: what
/// encrypts the key ring at rest (<c>DataProtection:Certificate</c>), as an operator's certificate would.
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<(string Path, string Password)> Made = new(Make);

    public static string Path => Made.Value.Path;

    public static string Password => Made.Value.Password;

    private static (string, string) Make()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartyPortal key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Guid.NewGuid().ToString("N");
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "partyportal-tests");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"keyring-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
