using System.Buffers.Binary;
using System.Diagnostics.Tracing;
using System.Text;
using Microsoft.Diagnostics.NETCore.Client;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The portal's managed heap after a full, blocking GC, read from outside through its diagnostics port: one EventPipe
/// session that enables the runtime provider with the GCHeapCollect keyword (the runtime answers it with an induced
/// gen-2 GC, as for a heap snapshot) and the <c>System.Runtime</c> EventCounters every second. The heap is the
/// <c>gc-heap-size</c> counter (<c>GC.GetTotalMemory(false)</c>, in MB), the least over the session's samples: all
/// of them follow the induced GC, and the least has the fewest allocations since.
/// </summary>
internal static class HeapProbe
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Bytes of managed heap in use after a full GC, or null if the counters could not be read.</summary>
    public static async Task<double?> MeasureAsync(int pid, CancellationToken ct)
    {
        var client = new DiagnosticsClient(pid);
        EventPipeProvider[] providers =
        [
            new("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
            new("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
        ];
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 64, ct);
        using var trace = new MemoryStream();
        var copying = session.EventStream.CopyToAsync(trace, ct);
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        await session.StopAsync(ct);
        await copying;
        var samples = CounterMeans(trace.ToArray(), "gc-heap-size");
        return samples.Count == 0 ? null : samples.Min() * 1_000_000;
    }

    /// <summary>
    /// The <c>Mean</c> of every sample of one counter in a nettrace stream, without a trace parser: an EventCounters
    /// payload is self-describing and written field after field, the strings null-terminated UTF-16: the name, the
    /// display name, then the mean (a double; the display units come last).
    /// </summary>
    private static List<double> CounterMeans(byte[] trace, string counter)
    {
        var name = Encoding.Unicode.GetBytes(counter + "\0");
        var means = new List<double>();
        var span = trace.AsSpan();
        for (var at = span.IndexOf(name); at >= 0;)
        {
            var next = at + name.Length;
            if (SkipStrings(span, next, 1) is { } mean && mean + 8 <= span.Length)
            {
                var value = BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(mean, 8));
                if (double.IsFinite(value) && value > 0)
                {
                    means.Add(value);
                }
            }

            var rest = span[next..].IndexOf(name);
            at = rest < 0 ? -1 : next + rest;
        }

        return means;
    }

    private static int? SkipStrings(ReadOnlySpan<byte> span, int at, int count)
    {
        for (var i = 0; i < count; i++)
        {
            while (at + 1 < span.Length && (span[at] != 0 || span[at + 1] != 0))
            {
                at += 2;
            }

            if (at + 1 >= span.Length)
            {
                return null;
            }

            at += 2;
        }

        return at;
    }
}
