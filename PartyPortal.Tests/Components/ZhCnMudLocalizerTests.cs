using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PartyPortal.Components;

namespace PartyPortal.Tests.Components;

public sealed partial class ZhCnMudLocalizerTests
{
    // In MudBlazor 9.x the keys are public const strings of the internal static class
    // MudBlazor.Resources.LanguageResource, and the English texts are its embedded resx.
    private const string LanguageResourceName = "MudBlazor.Resources.LanguageResource";

    private static Assembly MudBlazorAssembly => typeof(MudLocalizer).Assembly;

    /// <summary>The keys MudBlazor's components ask for (the const fields of LanguageResource).</summary>
    private static HashSet<string> MudBlazorKeys()
    {
        var type = MudBlazorAssembly.GetType(LanguageResourceName, throwOnError: true)!;
        return type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>MudBlazor's built-in English texts, by key.</summary>
    private static Dictionary<string, string> EnglishTexts()
    {
        var manager = new ResourceManager(LanguageResourceName, MudBlazorAssembly);
        using var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_key_list_is_read_from_MudBlazor_itself()
    {
        var keys = MudBlazorKeys();
        var english = EnglishTexts();

        // Guards the reflection above: an empty list would make the other tests pass vacuously.
        Assert.True(keys.Count > 100, $"only {keys.Count} keys found in {LanguageResourceName}");
        Assert.Equal(keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_MudBlazor_text_has_a_zh_CN_translation()
    {
        var localizer = new ZhCnMudLocalizer();
        var problems = new List<string>();

        foreach (var (key, englishText) in EnglishTexts().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var text = localizer[key];
            if (text.ResourceNotFound || string.IsNullOrWhiteSpace(text.Value))
            {
                problems.Add($"{key}: no translation (English: \"{englishText}\")");
                continue;
            }

            // Pure symbols such as "=", ">" and "<" need no translation; anything with words does.
            if (englishText.Any(char.IsAsciiLetter) && text.Value == englishText)
            {
                problems.Add($"{key}: still English (\"{englishText}\")");
            }

            if (!Placeholders(text.Value).SequenceEqual(Placeholders(englishText)))
            {
                problems.Add($"{key}: placeholders differ (\"{text.Value}\" vs \"{englishText}\")");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_table_has_no_key_that_MudBlazor_does_not_know()
    {
        var keys = MudBlazorKeys();

        var unknown = ZhCnMudLocalizer.Translations.Keys.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal);

        Assert.Empty(unknown);
    }

    [Fact]
    public void Known_keys_give_the_expected_Chinese()
    {
        var localizer = new ZhCnMudLocalizer();

        Assert.Equal("包含", localizer["MudDataGrid_Contains"].Value);
        Assert.Equal("应用", localizer["MudDataGrid_Apply"].Value);
        Assert.Equal("每页行数：", localizer["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("第 1-10 条，共 42 条", localizer["MudDataGridPager_InfoFormat", 1, 10, 42].Value);
    }

    [Fact]
    public void An_unknown_key_falls_back_to_MudBlazor()
    {
        var text = new ZhCnMudLocalizer()["NoSuchKey"];

        Assert.True(text.ResourceNotFound);
        Assert.Equal("NoSuchKey", text.Value);
    }

    [Fact]
    public void MudBlazor_uses_the_translations_when_the_UI_culture_is_zh_CN()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
        using var provider = services.BuildServiceProvider();
        var interceptor = provider.GetRequiredService<ILocalizationInterceptor>();

        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("包含", interceptor.Handle("MudDataGrid_Contains").Value);
            Assert.Equal("第 11-20 条，共 35 条", interceptor.Handle("MudDataGridPager_InfoFormat", 11, 20, 35).Value);

            // MudBlazor skips a custom MudLocalizer under an English UI culture: the app must run as zh-CN.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("contains", interceptor.Handle("MudDataGrid_Contains").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_table_pager_renders_in_Chinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            // MudBlazor registers services that are only IAsyncDisposable.
            await using var context = new BunitContext();
            context.JSInterop.Mode = JSRuntimeMode.Loose;
            context.Services.AddMudServices();
            context.Services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();

            var table = context.Render<MudTable<string>>(parameters => parameters
                .Add(t => t.Items, Enumerable.Range(1, 30).Select(i => $"行 {i}").ToList())
                .Add(t => t.RowTemplate, row => builder => builder.AddContent(0, row))
                .Add(t => t.PagerContent, builder =>
                {
                    builder.OpenComponent<MudTablePager>(0);
                    builder.CloseComponent();
                }));

            Assert.Contains("每页行数：", table.Markup, StringComparison.Ordinal);
            Assert.Contains("第 1-10 条，共 30 条", table.Markup, StringComparison.Ordinal);
            Assert.Contains("aria-label=\"下一页\"", table.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("Rows per page", table.Markup, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
