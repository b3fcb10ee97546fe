using QRCoder;

namespace PartyPortal.Features.Screens;

/// <summary>A QR code of a screen's address, drawn on the server as a PNG data URI (the policy allows data: images).</summary>
public static class ScreenQr
{
    public static string DataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
