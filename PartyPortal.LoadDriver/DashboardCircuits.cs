using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Accounts;
using PartyPortal.Live.Metrics;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>
/// N whole-bureau 看板 circuits opened the way blazor.web.js opens them, without a browser (<c>--dashboard-client
/// circuits</c>): GET /dashboard with the leader's cookie, a Blazor hub connection, StartCircuit, the page's root
/// component markers in UpdateRootComponents, then every render batch acknowledged and every JS call answered. A
/// browser costs ~45 MB and ~1.6 cores for a few hundred pages on this machine, so 500 open dashboards need this; the
/// portal's side (circuits, renders, diffs, JS calls sent) is the same as with chromium, but nothing is laid out.
/// A write has reached a circuit when a render batch sets the <c>activity-count</c> tile's <c>data-value</c> to
/// baseline + n: read from the batch's reference frames, the attribute frames it sends.
/// </summary>
internal sealed partial class DashboardCircuits(int capacity) : IDashboards
{
    private readonly List<Circuit> circuits = [];
    private readonly CookieContainer cookies = new();

    public string Client => "circuits (Blazor protocol, no browser)";

    public string Seen => "the render batch setting the tile, on receipt";

    public int Count => circuits.Count;

    public int Live => circuits.Count(c => c.Baseline >= 0);

    public Task<int> CountReachedAsync(int n) => Task.FromResult(circuits.Count(c => c.Baseline >= 0 && c.Reached >= n));

    public async Task OpenAsync(Uri portal, int count, int parallelism, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (circuits.Count == 0)
        {
            using var http = Http(portal);
            await SignInAsync(http, ct);
            Line($"signed in as leader in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        Line($"opening {count} dashboard circuits, {parallelism} at a time…");
        var added = new List<Circuit>();
        for (var i = 0; i < count; i++)
        {
            added.Add(new Circuit(portal, cookies, capacity));
        }

        circuits.AddRange(added);
        var opened = 0;
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (c, token) =>
        {
            await c.OpenAsync(token);
            if (Interlocked.Increment(ref opened) % 50 == 0)
            {
                Line($"  {opened} circuits…");
            }
        });
        var unanswered = circuits.SelectMany(c => c.Unanswered).Distinct().Order().ToList();
        Line($"{Live}/{circuits.Count} dashboard circuits live (rendered, tile shown) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"
            + (circuits.FirstOrDefault(c => c.Problem is not null) is { } bad ? $"; first failure: {bad.Problem}" : "")
            + (unanswered.Count > 0 ? $"; JS calls answered with null: {string.Join(", ", unanswered)}" : ""));
    }

    public Task<List<double?[]>> CollectAsync(int capacity) =>
        Task.FromResult(circuits.Where(c => c.Baseline >= 0).Select(c => c.FirstAt(capacity)).ToList());

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => await c.DisposeAsync());
    }

    private HttpClient Http(Uri portal) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = portal, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>The login form as a browser posts it: its antiforgery token and handler name, then the leader's account.</summary>
    private static async Task SignInAsync(HttpClient http, CancellationToken ct)
    {
        var form = await http.GetStringAsync("/account/login", ct);
        var token = AntiforgeryToken().Match(form) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The login page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = "leader",
            ["Input.Password"] = DemoAccounts.Password,
        });
        using var response = await http.PostAsync("/account/login", content, ct);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException($"Signing in as leader answered {(int)response.StatusCode}, not a redirect.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The interactive root components' markers the prerender leaves (<c>&lt;!--Blazor:{…}--&gt;</c> with a descriptor).</summary>
    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ApplicationState();

    /// <summary>The whole-bureau tile's number in the prerendered page: the baseline of every later render.</summary>
    private static Regex Tile { get; } = new($"data-metric=\"{Regex.Escape(MetricNames.ActivityCount)}\" data-value=\"([0-9]+)\"");

    /// <summary>
    /// What a browser with the portal's scripts loaded answers to the calls that return something on a 看板:
    /// MudBlazor's check that its script is there and its count of popover providers (the layout has one).
    /// </summary>
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
    };

    /// <summary>One open 看板: its hub connection, and when each write first showed on its tile.</summary>
    private sealed class Circuit(Uri portal, CookieContainer cookies, int capacity) : IAsyncDisposable
    {
        private readonly Lock gate = new();
        private readonly List<(int Value, double At)> seen = [];
        private readonly HashSet<string> unanswered = [];
        private HubConnection? connection;
        private long objects;
        private int charts;

        public int Baseline { get; private set; } = -1;

        public int Reached { get; private set; }

        public string? Problem { get; private set; }

        public IReadOnlyCollection<string> Unanswered
        {
            get
            {
                lock (gate)
                {
                    return [.. unanswered];
                }
            }
        }

        public async Task OpenAsync(CancellationToken ct)
        {
            try
            {
                using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = portal, Timeout = TimeSpan.FromMinutes(2) };
                var page = await http.GetStringAsync("/dashboard", ct);
                var baseline = Tile.Match(page) is { Success: true } tile
                    ? int.Parse(tile.Groups[1].Value, CultureInfo.InvariantCulture)
                    : throw new InvalidOperationException("the prerendered dashboard has no activity-count tile (signed out?)");
                var markers = Marker().Matches(page)
                    .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
                    .Where(m => (string?)m["type"] == "server" && m["descriptor"] is not null)
                    .ToList();
                var state = ApplicationState().Match(page) is { Success: true } s ? s.Groups[1].Value : "";

                var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var builder = new HubConnectionBuilder()
                    .WithUrl(new Uri(portal, "_blazor"), HttpTransportType.WebSockets, o =>
                    {
                        o.SkipNegotiation = true;
                        o.Cookies = cookies;
                    })
                    .WithServerTimeout(TimeSpan.FromMinutes(5));
                builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
                connection = builder.Build();
                connection.On<long, byte[]>("JS.RenderBatch", async (id, batch) =>
                {
                    Rendered(batch, baseline, rendered);
                    await connection.SendAsync("OnRenderCompleted", id, null);
                });
                connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (handle, identifier, _, resultType, target, _) =>
                    connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{Answer(identifier, resultType, target)}]"));
                connection.On<string>("JS.Error", error => Problem ??= $"JS.Error: {error}");
                await connection.StartAsync(ct);

                var baseUri = portal.ToString();
                await connection.InvokeAsync<string>("StartCircuit", baseUri, new Uri(portal, "dashboard").ToString(), "[]", "", ct);
                var operations = new JsonObject
                {
                    ["batchId"] = 1,
                    ["operations"] = new JsonArray([.. markers.Select((m, i) =>
                    {
                        m["uniqueId"] = i;
                        return (JsonNode)new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = m };
                    })]),
                };
                await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
                await rendered.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
                Baseline = baseline;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or HubException or JsonException or System.Net.WebSockets.WebSocketException)
            {
                Problem ??= e.Message;
            }
        }

        /// <summary>
        /// The portal's JS, answered as a browser would in shape: <c>import</c> gives a module (an object reference),
        /// the chart module's <c>create</c> a chart handle, <see cref="Answers"/> theirs, everything else (void calls)
        /// null; the calls that expected a value and got null are listed when the circuits are open.
        /// </summary>
        private string Answer(string identifier, int resultType, long target)
        {
            const int ObjectReference = 1;
            const int Void = 3;
            if (resultType == ObjectReference)
            {
                return $"{{\"__jsObjectId\":{Interlocked.Increment(ref objects)}}}";
            }

            if (identifier == "create" && target > 0)
            {
                return Interlocked.Increment(ref charts).ToString(CultureInfo.InvariantCulture);
            }

            if (Answers.TryGetValue(identifier, out var answer))
            {
                return answer;
            }

            if (resultType != Void)
            {
                lock (gate)
                {
                    unanswered.Add(identifier);
                }
            }

            return "null";
        }

        private void Rendered(byte[] batch, int baseline, TaskCompletionSource first)
        {
            var at = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            var values = RenderBatch.AttributeValues(batch, "data-value");
            if (values.Count == 0 && first.Task.IsCompleted)
            {
                return;
            }

            // Only the tile moves one by one from the baseline: the other figures' cells and tiles are rates (fractions),
            // a county's or a branch's counts (smaller), or other counts that would have to fall within this window.
            var shown = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n - baseline : 0)
                .Where(n => n > 0 && n <= capacity)
                .DefaultIfEmpty(0)
                .Max();
            lock (gate)
            {
                if (values.Contains(baseline.ToString(CultureInfo.InvariantCulture)))
                {
                    first.TrySetResult();
                }

                if (shown > Reached)
                {
                    Reached = shown;
                    seen.Add((shown, at));
                }
            }
        }

        public double?[] FirstAt(int capacity)
        {
            var firstAt = new double?[capacity];
            lock (gate)
            {
                foreach (var (value, at) in seen)
                {
                    for (var k = 0; k < Math.Min(value, capacity); k++)
                    {
                        firstAt[k] ??= at;
                    }
                }
            }

            return firstAt;
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Reads what the driver needs from Blazor Server's render batch format (RenderBatchWriter's layout).</summary>
    private static class RenderBatch
    {
        private const int FrameSize = 20;
        private const int AttributeFrame = 3;

        /// <summary>The values of every attribute frame named <paramref name="name"/> the batch carries.</summary>
        public static List<string> AttributeValues(byte[] batch, string name)
        {
            // The batch ends with five int32 offsets: updated components, reference frames, disposed component ids,
            // disposed event handler ids, string table. Reference frames: a count, then 20-byte frames (type, then
            // for an attribute its name and value as string table indices). String table: one int32 offset per string.
            var end = batch.Length - 5 * 4;
            var frames = BitConverter.ToInt32(batch, end + 4);
            var table = BitConverter.ToInt32(batch, end + 16);
            var strings = (end - table) / 4;
            string? String(int index) => index < 0 || index >= strings ? null : ReadString(batch, BitConverter.ToInt32(batch, table + 4 * index));

            var values = new List<string>();
            var count = BitConverter.ToInt32(batch, frames);
            for (var i = 0; i < count; i++)
            {
                var frame = frames + 4 + i * FrameSize;
                if (BitConverter.ToInt32(batch, frame) == AttributeFrame && String(BitConverter.ToInt32(batch, frame + 4)) == name
                    && String(BitConverter.ToInt32(batch, frame + 8)) is { } value)
                {
                    values.Add(value);
                }
            }

            return values;
        }

        /// <summary>A string as BinaryWriter writes it: its UTF-8 length as a 7-bit encoded int, then the bytes.</summary>
        private static string ReadString(byte[] batch, int at)
        {
            int length = 0, shift = 0;
            byte b;
            do
            {
                b = batch[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            return Encoding.UTF8.GetString(batch, at, length);
        }
    }
}

/// <summary>
/// Blazor Server's hub protocol is MessagePack under its own name ("blazorpack"): the SignalR client's MessagePack
/// protocol speaks it once it asks for it by that name.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
