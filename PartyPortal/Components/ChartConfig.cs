using System.Text.Json.Serialization;

namespace PartyPortal.Components;

/// <summary>
/// What a <see cref="Chart"/> draws. Replace it to change the chart: a new config of the same look (kind, options,
/// series and their colours) sends only its data to the browser; any other change draws the chart anew.
/// </summary>
public sealed record ChartConfig(ChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartDataset> Datasets)
{
    /// <summary>Party red and gold first (see <c>PortalTheme</c>), then their lighter and darker kin.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#B71C1C", "#C9A227", "#8D6E63", "#E57373", "#7F0000", "#E6CF7A", "#5D4037", "#9E9E9E"];

    /// <summary>Bars or areas of the datasets sit on top of one another.</summary>
    public bool Stacked { get; init; }

    /// <summary>Bars run from left to right, the labels down the side: long branch names stay readable.</summary>
    public bool Horizontal { get; init; }

    /// <summary>The numbers are rates from 0 to 1: the axis runs from 0 % to 100 % and tooltips show percentages.</summary>
    public bool Percent { get; init; }

    public ChartLegend Legend { get; init; } = ChartLegend.Top;

    /// <summary>Whether <paramref name="other"/> is drawn the same way, so that only its data need to reach the browser.</summary>
    public bool LooksLike(ChartConfig other) =>
        Kind == other.Kind && Stacked == other.Stacked && Horizontal == other.Horizontal && Percent == other.Percent
        && Legend == other.Legend && Datasets.Count == other.Datasets.Count
        && Datasets.Zip(other.Datasets).All(d => d.First.Color == d.Second.Color && SameItems(d.First.PointColors, d.Second.PointColors));

    public bool HasSameDataAs(ChartConfig other) =>
        Labels.SequenceEqual(other.Labels) && Datasets.Count == other.Datasets.Count
        && Datasets.Zip(other.Datasets).All(d => d.First.Label == d.Second.Label && d.First.Data.SequenceEqual(d.Second.Data));

    /// <summary>The same config with every colour filled in from the <see cref="Palette"/> where none was given.</summary>
    public ChartConfig WithDefaultColors() => this with
    {
        Datasets = [.. Datasets.Select((d, i) => Kind is ChartKind.Doughnut or ChartKind.Pie
            ? d with { PointColors = d.PointColors ?? [.. Labels.Select((_, p) => PaletteColor(p))] }
            : d with { Color = d.Color ?? PaletteColor(i) })],
    };

    private static string PaletteColor(int index) => Palette[index % Palette.Count];

    private static bool SameItems(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}

/// <summary>One series of numbers. A null is a gap (no record yet), which is not the same as zero.</summary>
public sealed record ChartDataset(string Label, IReadOnlyList<double?> Data)
{
    /// <summary>The series' colour in bar and line charts; the palette's colour for its position when null.</summary>
    public string? Color { get; init; }

    /// <summary>A colour for each point: the slices of a doughnut or pie, or bars picked out one by one.</summary>
    public IReadOnlyList<string>? PointColors { get; init; }
}

/// <summary>What an update sends to the browser: the labels and each dataset's label and numbers, nothing of the look.</summary>
public sealed record ChartData(IReadOnlyList<string> Labels, IReadOnlyList<ChartDatasetData> Datasets)
{
    public static ChartData Of(ChartConfig config) =>
        new(config.Labels, [.. config.Datasets.Select(d => new ChartDatasetData(d.Label, d.Data))]);
}

public sealed record ChartDatasetData(string Label, IReadOnlyList<double?> Data);

[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    [JsonStringEnumMemberName("bar")] Bar,
    [JsonStringEnumMemberName("line")] Line,
    [JsonStringEnumMemberName("doughnut")] Doughnut,
    [JsonStringEnumMemberName("pie")] Pie,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChartLegend>))]
public enum ChartLegend
{
    [JsonStringEnumMemberName("top")] Top,
    [JsonStringEnumMemberName("bottom")] Bottom,
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("hidden")] Hidden,
}
