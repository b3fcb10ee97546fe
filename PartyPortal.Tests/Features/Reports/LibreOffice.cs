using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// Debian's LibreOffice (headless) and poppler, as the Word round trip needs them: .docx → PDF → text, and a look at the
/// first pages. Each conversion has its own throw-away profile folder, so tests running at once do not share one.
/// </summary>
internal static partial class LibreOffice
{
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The PDF's text with all white space removed: a figure wrapped at a line end or spaced by justification still reads whole.</summary>
    public static async Task<string> PdfTextOfDocxAsync(byte[] docx, string name, bool keepPages = false)
    {
        var folder = Directory.CreateTempSubdirectory("partyportal-docx-");
        try
        {
            var input = Path.Combine(folder.FullName, name + ".docx");
            await File.WriteAllBytesAsync(input, docx);
            var profile = new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;
            await RunAsync("soffice", $"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input);
            var pdf = Path.ChangeExtension(input, ".pdf");
            Assert.True(File.Exists(pdf), $"LibreOffice made no PDF of {name}.docx");

            if (keepPages)
            {
                Directory.CreateDirectory(ScreenshotFolder);
                File.Copy(pdf, Path.Combine(ScreenshotFolder, name + ".pdf"), overwrite: true);
                await RunAsync("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", pdf, Path.Combine(ScreenshotFolder, name));
            }

            var text = await RunAsync("pdftotext", "-enc", "UTF-8", pdf, "-");
            return Whitespace().Replace(text, "");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A conversion takes seconds; on a loaded machine with a cold LibreOffice, up to a minute or two.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 3 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
