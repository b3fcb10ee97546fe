using System.Diagnostics;
using PartyPortal.Data.DemoData;

namespace PartyPortal.Tests.Data;

/// <summary><c>dotnet run --project PartyPortal -- demo [--scale …]</c>: read into settings before the host is built.</summary>
public class DemoCommandTests
{
    [Fact]
    public void DemoAloneTurnsDemoDataOnAndLeavesTheScaleAsConfigured()
    {
        var parsed = DemoCommand.Parse(["demo"]);

        Assert.Null(parsed.Error);
        Assert.Equal(["--DemoData:Enabled=true"], parsed.HostArgs);
    }

    [Theory]
    [InlineData("province", "Province")]
    [InlineData("Province", "Province")]
    [InlineData("MUNICIPAL", "Municipal")]
    public void TheScaleBecomesTheSetting(string given, string setting)
    {
        var parsed = DemoCommand.Parse(["demo", "--scale", given]);

        Assert.Null(parsed.Error);
        Assert.Equal(["--DemoData:Enabled=true", $"--DemoData:Scale={setting}"], parsed.HostArgs);
    }

    [Fact]
    public void TheScaleMayBeJoinedWithAnEqualsSignAndOtherArgumentsGoToTheHost()
    {
        var parsed = DemoCommand.Parse(["demo", "--urls", "http://127.0.0.1:5400", "--scale=province"]);

        Assert.Null(parsed.Error);
        Assert.Equal(["--DemoData:Enabled=true", "--DemoData:Scale=Province", "--urls", "http://127.0.0.1:5400"], parsed.HostArgs);
    }

    [Theory]
    [InlineData("city")]
    [InlineData("1")]
    [InlineData("")]
    public void AnUnknownScaleIsRefusedWithTheChoices(string given)
    {
        var parsed = DemoCommand.Parse(["demo", $"--scale={given}"]);

        Assert.Empty(parsed.HostArgs);
        Assert.Contains("未知的演示数据规模", parsed.Error, StringComparison.Ordinal);
        Assert.Contains("province", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AScaleOptionWithoutAValueIsRefused()
    {
        Assert.Contains("缺少规模", DemoCommand.Parse(["demo", "--scale"]).Error, StringComparison.Ordinal);
        Assert.Contains("缺少规模", DemoCommand.Parse(["demo", "--scale", "--urls", "http://x"]).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherCommandsAndPlainStartsAreLeftAlone()
    {
        string[] admin = ["create-admin", "chief"];
        string[] plain = ["--DemoData:Scale=Province", "--urls", "http://127.0.0.1:5400"];

        Assert.Equal(admin, DemoCommand.Parse(admin).HostArgs);
        Assert.Equal(plain, DemoCommand.Parse(plain).HostArgs);
        Assert.Null(DemoCommand.Parse([]).Error);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Province", true)]
    [InlineData("municipal", true)]
    [InlineData("Prov", false)]
    [InlineData("2", false)]
    public void TheScaleSettingIsCheckedWithTheSameWords(string? configured, bool valid)
    {
        var error = DemoCommand.CheckSetting(configured);

        Assert.Equal(valid, error is null);
    }

    /// <summary>The portal itself, as an operator starts it: a wrong scale ends it with exit code 2 before anything is opened.</summary>
    [Fact]
    public async Task TheProgramExitsWithTwoOnAnUnknownScale()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PartyPortal.dll"), DemoCommand.Name, DemoCommand.ScaleOption, "city" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("未知的演示数据规模“city”", await errors, StringComparison.Ordinal);
        Assert.Empty(await output);
    }
}
