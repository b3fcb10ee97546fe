using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace PartyPortal.Components;

/// <summary>
/// Draws a <see cref="ChartConfig"/> with Chart.js through <c>wwwroot/js/charts.js</c>. A new config that looks the
/// same sends only its data (<see cref="ChartData"/>); one that looks different draws the chart anew.
/// </summary>
public sealed partial class Chart : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./js/charts.js";

    /// <summary>
    /// The config and data go to the browser as JSON text made here with one set of options for the process. Passed
    /// as objects, each circuit's JS interop (its own serializer options) built and kept the records' serialization
    /// metadata again, with accessors emitted per circuit: about 12 KB of every open 看板's circuit (a heap dump).
    /// The text is read by JSON.parse, never put into HTML: Chinese labels stay as they are rather than as \uXXXX, which
    /// the interop's own serializer would escape a second time.
    /// </summary>
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private ElementReference canvas;
    private IJSObjectReference? module;
    private int? handle;
    private ChartConfig? drawn;
    private bool drawing;
    private bool disposed;

    [Parameter, EditorRequired] public ChartConfig Config { get; set; } = default!;

    /// <summary>What the chart shows, for screen readers; the heading people see belongs to the page around it.</summary>
    [Parameter] public string? Title { get; set; }

    /// <summary>The machine name of what is charted, for tests and for the screens that read it.</summary>
    [Parameter] public string? Metric { get; set; }

    /// <summary>A CSS height such as <c>24rem</c> or <c>40vh</c>; 16rem when not given.</summary>
    [Parameter] public string? Height { get; set; }

    private string? HeightStyle => Height is null ? null : $"height: {Height}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Renders can come while the browser is still answering: the drawing under way keeps going until the newest
        // config is drawn, so two never race to create a chart on the same canvas.
        if (drawing)
        {
            return;
        }

        drawing = true;
        try
        {
            while (!disposed && !IsDrawn(Config))
            {
                await DrawAsync(Config);
            }
        }
        finally
        {
            drawing = false;
        }

        if (disposed)
        {
            await ReleaseAsync();
        }
    }

    private bool IsDrawn(ChartConfig config) => drawn is not null && drawn.LooksLike(config) && drawn.HasSameDataAs(config);

    private async Task DrawAsync(ChartConfig config)
    {
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        if (handle is int current && drawn is not null && drawn.LooksLike(config))
        {
            await module.InvokeVoidAsync("update", current, JsonSerializer.Serialize(ChartData.Of(config), Wire));
        }
        else
        {
            if (handle is int old)
            {
                handle = null;
                await module.InvokeVoidAsync("destroy", old);
            }

            handle = await module.InvokeAsync<int>("create", canvas, JsonSerializer.Serialize(config.WithDefaultColors(), Wire));
        }

        drawn = config;
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        if (!drawing)
        {
            await ReleaseAsync();
        }
    }

    private async Task ReleaseAsync()
    {
        var (chart, js) = (handle, module);
        (handle, module) = (null, null);
        if (js is null)
        {
            return;
        }

        try
        {
            if (chart is int id)
            {
                await js.InvokeVoidAsync("destroy", id);
            }

            await js.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser dropped the chart with the page.
        }
    }
}
