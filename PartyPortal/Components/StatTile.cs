using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PartyPortal.Components;

/// <summary>
/// A headline number, rendered into the page that shows it: <c>@tile.Fragment</c>. A fragment, not a component: a 看板
/// stays open all day on many desks, and each component costs its circuit its bookkeeping and one or two render buffers
/// of at least 32 frames (the nine tiles were 9 of a 看板's 70 components; as fragments their frames sit in the page's
/// buffers, about 5 KB less per circuit). Plain elements (ARCHITECTURE.md, "Live pages are lean");
/// <c>data-value</c> carries the machine value (a fraction for rates, invariant culture) for tests, screens and probes.
/// </summary>
/// <param name="Label">What the number is.</param>
/// <param name="Value">The number; a fraction when <see cref="Percent"/>; null shows a dash (nothing to count).</param>
public sealed record StatTile(string Label, double? Value)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public bool Percent { get; init; }

    public string? Unit { get; init; }

    public string? Note { get; init; }

    /// <summary>The machine name of the number, for tests and for the screens that read it.</summary>
    public string? Metric { get; init; }

    /// <summary>Where the number's records are; the tile is a link when set.</summary>
    public string? Href { get; init; }

    public bool Selected { get; init; }

    /// <summary>
    /// How many times the number changed while the page was open: each change flashes the tile once. The flash is a
    /// CSS animation that ends by itself, so no second render clears it; the two class names alternate so that the
    /// next change starts the animation again.
    /// </summary>
    public int Changes { get; init; }

    public RenderFragment Fragment => Build;

    private string Classes => "stat-tile" + (Href is null ? "" : " stat-tile-link") + (Selected ? " stat-tile-selected" : "")
        + (Changes > 0 ? (Changes % 2 == 1 ? " stat-tile-changed stat-tile-flash-odd" : " stat-tile-changed stat-tile-flash-even") : "");

    private string MachineValue => Value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private string Shown => Value is not { } v ? "—" : Percent ? (v * 100).ToString("0.0", Zh) : v.ToString("N0", Zh);

    private void Build(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, Href is null ? "div" : "a");
        builder.AddAttribute(1, "class", Classes);
        builder.AddAttribute(2, "href", Href);
        builder.AddAttribute(3, "data-metric", Metric);
        builder.AddAttribute(4, "data-value", MachineValue);
        builder.AddAttribute(5, "aria-current", Href is not null && Selected ? "true" : null);

        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "stat-tile-label");
        builder.AddContent(8, Label);
        builder.CloseElement();

        builder.OpenElement(9, "span");
        builder.AddAttribute(10, "class", "stat-tile-value");
        builder.AddContent(11, Shown);
        builder.OpenElement(12, "span");
        builder.AddAttribute(13, "class", "stat-tile-unit");
        builder.AddContent(14, Percent && Value is not null ? "%" : Unit);
        builder.CloseElement();
        builder.CloseElement();

        if (!string.IsNullOrEmpty(Note))
        {
            builder.OpenElement(15, "span");
            builder.AddAttribute(16, "class", "stat-tile-note");
            builder.AddContent(17, Note);
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
