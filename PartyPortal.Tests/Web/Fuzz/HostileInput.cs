using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartyPortal.Tests.Web.Fuzz;

/// <summary>
/// Seeded generator of hostile API input: a valid body with some fields swapped for values of the wrong type, out
/// of range, hostile text or huge lists, fields dropped or unknown ones added, and sometimes the whole text mangled
/// (truncated, not UTF-8, not JSON, deeply nested). The same seed gives the same requests, so a failure replays.
/// </summary>
internal sealed class HostileInput(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Text an attacker or a broken client sends: control and bidi characters, markup, injection, huge.</summary>
    private static readonly string[] Texts =
    [
        "", " ", "\t", "\0", "a\u0000b", "\u202Eevil\u202C", "\u2066x\u2069", "\u200B", "\uFEFF", "\r\n\r\n",
        "<script>alert(1)</script>", "'; DROP TABLE Activities;--", "\" OR 1=1 --", "../../etc/passwd", "${jndi:ldap://x/a}",
        "{{F03}}", "%00", "%s%n%x", "null", "NaN", "𠜎𠜱𡃁", "学习党章", new string('长', 10_000), new string('x', 100_000),
        "\u0007\u001b[31m", "\uD7FF", "\u00A0\u3000",
    ];

    /// <summary>Raw JSON fragments of every type, for any field.</summary>
    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
        "1e400", "-1e-400", "0.5", "1.0", "-0", "\"1\"", "\"\"", "[]", "{}", "[null]", "{\"a\":1}",
        "\"2024-02-30\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2024-13-45\"", "\"1900-01-01\"", "\"2026-01-01T00:00:00Z\"",
        "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"present\"", "\"PRESENT\"", "\"absent\"", "\"99\"", "\"Municipal\"",
    ];

    private static readonly string[] Statuses = ["\"present\"", "\"excused\"", "\"absent\"", "\"Present\"", "0", "2", "7", "\"\"", "null", "\"late\""];

    public int Next(int max) => random.Next(max);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Text() => Pick(Texts);

    /// <summary>A JSON string literal of hostile text, or now and then any fragment at all.</summary>
    public string TextValue() => Chance(0.8) ? JsonSerializer.Serialize(Text()) : Pick(Scalars);

    public string AnyValue() => Chance(0.5) ? Pick(Scalars) : TextValue();

    /// <summary>An integer that may be a real id, a neighbour of one, or far out of range.</summary>
    public string Id(params int[] real) =>
        Next(6) switch
        {
            0 => "0",
            1 => "-1",
            2 => int.MaxValue.ToString(CultureInfo.InvariantCulture),
            3 => (real.Length == 0 ? 1 : Pick(real) + Next(5) - 2).ToString(CultureInfo.InvariantCulture),
            4 => AnyValue(),
            _ => (real.Length == 0 ? 1 : Pick(real)).ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>An attendance list: empty, null entries, strangers, duplicates, wrong statuses or thousands of rows.</summary>
    public string Attendance(int[] members, int[] strangers)
    {
        var size = Next(10) switch
        {
            0 => 0,
            1 => 2_000 + Next(4_000),
            2 => 200 + Next(300),
            _ => 1 + Next(6),
        };
        var rows = new StringBuilder("[");
        for (var i = 0; i < size; i++)
        {
            if (i > 0)
            {
                rows.Append(',');
            }

            rows.Append(Next(12) switch
            {
                0 => "null",
                1 => "{}",
                2 => AnyValue(),
                3 => $"{{\"memberId\":{Id(strangers)},\"status\":{Pick(Statuses)}}}",
                4 => $"{{\"memberId\":{Next(1_000_000)},\"status\":\"present\"}}",
                _ => $"{{\"memberId\":{Id(members)},\"status\":{Pick(Statuses)}}}",
            });
        }

        return rows.Append(']').ToString();
    }

    /// <summary>
    /// The body: <paramref name="valid"/>'s fields, some replaced by <paramref name="hostile"/> (given the field's
    /// name), some dropped, unknown or duplicated ones added; then, now and then, the text itself broken.
    /// </summary>
    public byte[] Body(IReadOnlyDictionary<string, string> valid, Func<string, string> hostile)
    {
        var fields = valid.ToList();
        var changes = 1 + Next(3);
        for (var i = 0; i < changes; i++)
        {
            var at = Next(fields.Count);
            switch (Next(8))
            {
                case 0:
                    fields.RemoveAt(at);
                    break;
                case 1:
                    fields.Add(new(Pick(["extra", "__proto__", "$type", "id", "Title", "TITLE", ""]), AnyValue()));
                    break;
                case 2:
                    fields.Add(fields[at]);
                    break;
                default:
                    fields[at] = new(fields[at].Key, hostile(fields[at].Key));
                    break;
            }

            if (fields.Count == 0)
            {
                fields.Add(new("title", TextValue()));
            }
        }

        var json = "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Key) + ":" + f.Value)) + "}";
        return Chance(0.15) ? Mangle(json) : Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Breaks the text: truncated, not UTF-8, a BOM, not an object, deeply nested, trailing garbage.</summary>
    public byte[] Mangle(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return Next(9) switch
        {
            0 => bytes[..Next(Math.Max(1, bytes.Length))],
            1 => [.. bytes[..(bytes.Length / 2)], 0xFF, 0xFE, 0xC3, .. bytes[(bytes.Length / 2)..]],
            2 => [0xEF, 0xBB, 0xBF, .. bytes],
            3 => Encoding.UTF8.GetBytes(Pick(["", "null", "[]", "0", "\"x\"", "true", "{", "}", "{}}", "[{}]"])),
            4 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
            5 => Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_001)),
            6 => [.. bytes, .. "garbage"u8],
            7 => Encoding.UTF8.GetBytes(json.Replace(":", "=", StringComparison.Ordinal)),
            _ => Encoding.Unicode.GetBytes(json),
        };
    }

    /// <summary>A query-string value, percent-encoded as a client would send it, or raw escapes that decode to nonsense.</summary>
    public string QueryValue(params string[] plausible) =>
        Next(6) switch
        {
            0 => Pick(["%00", "%FF%FE", "%E4%B8", "%zz", "%", "%%", "%2F..%2F", "%0D%0ASet-Cookie:x=1"]),
            1 => Uri.EscapeDataString(Text() is var t && t.Length > 2_000 ? t[..2_000] : t),
            2 => Uri.EscapeDataString(Pick(Scalars)),
            _ => plausible.Length == 0 ? "" : Uri.EscapeDataString(Pick(plausible)),
        };
}
