using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// What the page sweep checks on one page: horizontal scrolling at a phone's width, and axe-core's WCAG 2.1 A/AA
/// rules. Each check answers with findings a person can act on (the page, the rule, the elements), never a bare count.
/// </summary>
public static class PageChecks
{
    /// <summary>axe-core's tags for WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// axe-core as npm restores it beside the tests (E2E/axe, `npm ci`); the test project copies it into its output.
    /// </summary>
    public static string AxeScript { get; } = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    /// <summary>Waits until the page has drawn what it loads: no request in flight, no progress indicator left.</summary>
    public static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        try
        {
            await page.WaitForFunctionAsync(
                "() => !document.querySelector('.mud-progress-circular, .mud-skeleton, .mud-table-loading-progress')",
                null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // A page whose indicator never goes is still checked as it stands: its findings will show it.
        }
    }

    /// <summary>
    /// The elements that make the document wider than the viewport: those reaching past its right edge whose parent
    /// does not, outside any container that scrolls or clips them. Empty when the page does not scroll sideways.
    /// </summary>
    public static async Task<string?> HorizontalOverflowAsync(IPage page)
    {
        var found = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = window.innerWidth;
              const scrollWidth = document.documentElement.scrollWidth;
              if (scrollWidth <= width) return null;
              const clipped = (el) => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                  const o = getComputedStyle(p).overflowX;
                  if (o !== 'visible') return true;
                }
                return false;
              };
              const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + [...el.classList].slice(0, 3).map(c => '.' + c).join('');
              const culprits = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.right <= width + 1 || clipped(el)) continue;
                const parent = el.parentElement?.getBoundingClientRect();
                if (parent && parent.right > width + 1 && el.parentElement !== document.body) continue;
                const text = (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 30);
                culprits.push(`${name(el)} (right ${Math.round(r.right)} px${text ? ', "' + text + '"' : ''})`);
                if (culprits.length === 5) break;
              }
              return { scrollWidth, width, culprits };
            }
            """);
        if (found.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var culprits = string.Join("; ", found.GetProperty("culprits").EnumerateArray().Select(c => c.GetString()));
        return string.Create(CultureInfo.InvariantCulture,
            $"scrollWidth {found.GetProperty("scrollWidth").GetInt32()} > {found.GetProperty("width").GetInt32()} px; widest: {culprits}");
    }

    /// <summary>
    /// axe-core's serious and critical violations of the WCAG 2.1 A/AA rules (or of the named rules alone), one line
    /// per rule.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page, params string[] rules)
    {
        if (!File.Exists(AxeScript))
        {
            throw new InvalidOperationException(
                $"axe-core is missing ({AxeScript}): run `npm ci` in PartyPortal.Tests/E2E/axe and build again (README, Test it).");
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Path = AxeScript });
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async ([tags, rules]) => {
              const runOnly = rules.length > 0 ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
              const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + (n.any[0]?.data?.fgColor
                    ? ` [${n.any[0].data.fgColor} on ${n.any[0].data.bgColor}, ${n.any[0].data.contrastRatio}:1]` : '')),
                }));
            }
            """, new object[] { WcagTags, rules });
        return [.. violations.EnumerateArray().Select(v =>
        {
            var nodes = v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
            var shown = string.Join(" | ", nodes.Take(6)) + (nodes.Count > 6 ? " | …" : "");
            return string.Create(CultureInfo.InvariantCulture,
                $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {nodes.Count} elements: {v.GetProperty("help").GetString()}): {shown}");
        })];
    }
}
