namespace PartyPortal.Data.DemoData;

/// <summary>
/// <c>dotnet run --project PartyPortal -- demo [--scale municipal|province]</c>: the portal with demo data on, at the
/// scale asked for. The command is read before the host is built and becomes the ordinary settings
/// (<c>DemoData:Enabled</c>, <c>DemoData:Scale</c>), so the portal itself knows only one way to be a demo.
/// </summary>
public static class DemoCommand
{
    public const string Name = "demo";
    public const string ScaleOption = "--scale";

    /// <param name="HostArgs">The arguments for the host: the command's own translated into settings, the rest as given.</param>
    /// <param name="Error">A message for the operator when the command is wrong (the portal then exits with 2).</param>
    public sealed record Parsed(IReadOnlyList<string> HostArgs, string? Error);

    public static Parsed Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != Name)
        {
            return new Parsed(args, null);
        }

        var rest = new List<string>();
        string? scaleText = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == ScaleOption)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                {
                    return new Parsed([], $"{ScaleOption} 后缺少规模：{Choices}。{Environment.NewLine}Missing value after {ScaleOption}: use municipal or province.");
                }

                scaleText = args[++i];
            }
            else if (args[i].StartsWith(ScaleOption + "=", StringComparison.Ordinal))
            {
                scaleText = args[i][(ScaleOption.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        // Without --scale the configured scale stands (municipal unless a setting says otherwise).
        var settings = new List<string> { $"--{DemoDataOptions.Section}:{nameof(DemoDataOptions.Enabled)}=true" };
        if (scaleText is not null)
        {
            if (TryParseScale(scaleText) is not { } scale)
            {
                return new Parsed([], UnknownScale(scaleText));
            }

            settings.Add($"--{DemoDataOptions.Section}:{nameof(DemoDataOptions.Scale)}={scale}");
        }

        return new Parsed([.. settings, .. rest], null);
    }

    /// <summary>
    /// The message for a <c>DemoData:Scale</c> setting that names no scale (given as <c>--DemoData:Scale=…</c>, an
    /// environment variable or a settings file), or null when it is absent or valid: caught at start with the
    /// same words as the command, rather than as a binding exception on first use.
    /// </summary>
    public static string? CheckSetting(string? configured) =>
        string.IsNullOrEmpty(configured) || TryParseScale(configured) is not null ? null : UnknownScale(configured);

    /// <summary>A scale by its name, in any case; numbers are refused, they are not what an operator means.</summary>
    public static DemoScale? TryParseScale(string text) =>
        Enum.GetValues<DemoScale>().Cast<DemoScale?>()
            .FirstOrDefault(s => string.Equals(s.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    private const string Choices = "可选 municipal（市局，约150个党支部，默认）或 province（省局，约3000个党支部、6万名党员）";

    private static string UnknownScale(string text) =>
        $"未知的演示数据规模“{text}”：{Choices}，例如 dotnet run --project PartyPortal -- {Name} {ScaleOption} province。"
        + $"{Environment.NewLine}Unknown demo scale '{text}': use municipal or province.";
}
