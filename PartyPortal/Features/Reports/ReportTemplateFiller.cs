using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PartyPortal.Features.Reports;

/// <summary>What filling a template gave: the document, and the placeholders it could not fill, by name in order of appearance.</summary>
/// <param name="Unknown">Placeholders the portal has no value for (a misspelt figure id, a name it does not know).</param>
/// <param name="Withheld">Figures the user may not see.</param>
public sealed record FilledTemplate(byte[] Content, IReadOnlyList<string> Unknown, IReadOnlyList<string> Withheld);

/// <summary>
/// 「套用模板」: fills a bureau's own .docx where it says <c>{{F03}}</c>, <c>{{期间}}</c>, <c>{{单位}}</c> or any other name the
/// caller gives a value for — in the body, tables, text boxes, headers, footers, footnotes and endnotes.
/// Word splits what one types into several runs (spelling marks, bookmarks, an edit in the middle): a placeholder is found
/// in the text of its whole paragraph, and its value written into the run where it begins, so it takes that run's
/// formatting, as the person who typed it sees it; the other runs lose only the placeholder's characters.
/// Nothing is left silently blank: an unknown name is written as 【未知：{{F99}}】 and a figure the user may not see as
/// 【无权查看：F13】, both also reported by name, so the page can say what to fix and the printed copy shows it too.
/// </summary>
public static partial class ReportTemplateFiller
{
    /// <summary>A name between double braces: no braces inside, spaces Word may add around it ignored.</summary>
    [GeneratedRegex(@"\{\{\s*([^{}\s][^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string UnknownMark(string name) => $"【未知：{{{{{name}}}}}】";

    public static string WithheldMark(string name) => $"【无权查看：{name}】";

    /// <param name="values">Name → value; a null value is a figure this user may not see.</param>
    public static FilledTemplate Fill(Stream template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        using var buffer = new MemoryStream();
        template.CopyTo(buffer);
        var unknown = new List<string>();
        var withheld = new List<string>();
        using (var word = WordprocessingDocument.Open(buffer, true))
        {
            foreach (var root in Roots(word))
            {
                foreach (var paragraph in root.Descendants<Paragraph>().ToList())
                {
                    Replace(paragraph, name =>
                    {
                        if (!values.TryGetValue(name, out var value))
                        {
                            Note(unknown, name);
                            return UnknownMark(name);
                        }

                        if (value is null)
                        {
                            Note(withheld, name);
                            return WithheldMark(name);
                        }

                        return value;
                    });
                }
            }
        }

        return new FilledTemplate(buffer.ToArray(), unknown, withheld);
    }

    /// <summary>The placeholders of a document, by name in order of appearance: what an upload is checked for.</summary>
    public static IReadOnlyList<string> Placeholders(WordprocessingDocument word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var names = new List<string>();
        foreach (var paragraph in Roots(word).SelectMany(r => r.Descendants<Paragraph>()))
        {
            foreach (Match match in Placeholder().Matches(TextOf(OwnTexts(paragraph))))
            {
                Note(names, match.Groups[1].Value);
            }
        }

        return names;
    }

    private static void Note(List<string> names, string name)
    {
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            names.Add(name);
        }
    }

    /// <summary>Every part of a document that holds paragraphs a person typed.</summary>
    private static IEnumerable<OpenXmlPartRootElement> Roots(WordprocessingDocument word)
    {
        var main = word.MainDocumentPart ?? throw new InvalidDataException("文档没有正文。");
        IEnumerable<OpenXmlPartRootElement?> roots =
        [
            main.Document,
            .. main.HeaderParts.Select(h => h.Header),
            .. main.FooterParts.Select(f => f.Footer),
            main.FootnotesPart?.Footnotes,
            main.EndnotesPart?.Endnotes,
        ];
        return roots.OfType<OpenXmlPartRootElement>();
    }

    /// <summary>
    /// The paragraph's own text elements in reading order: not those of a paragraph nested in it (a text box's), which is
    /// filled as a paragraph of its own, and not deleted text (w:delText is another element).
    /// </summary>
    private static List<Text> OwnTexts(Paragraph paragraph) =>
        paragraph.Descendants<Text>().Where(t => t.Ancestors<Paragraph>().First() == paragraph).ToList();

    private static string TextOf(List<Text> texts)
    {
        var all = new StringBuilder();
        foreach (var text in texts)
        {
            all.Append(text.Text);
        }

        return all.ToString();
    }

    private static void Replace(Paragraph paragraph, Func<string, string> valueOf)
    {
        var texts = OwnTexts(paragraph);
        var whole = TextOf(texts);
        if (!whole.Contains("{{", StringComparison.Ordinal))
        {
            return;
        }

        var starts = new int[texts.Count];
        for (int i = 0, at = 0; i < texts.Count; at += texts[i].Text.Length, i++)
        {
            starts[i] = at;
        }

        // From the last match back: a replacement changes lengths only after the matches still to be done.
        var matches = Placeholder().Matches(whole).ToList();
        var values = matches.Select(m => valueOf(m.Groups[1].Value)).ToList();
        for (var m = matches.Count - 1; m >= 0; m--)
        {
            var (begin, end) = (matches[m].Index, matches[m].Index + matches[m].Length);
            for (var i = 0; i < texts.Count; i++)
            {
                var (from, to) = (starts[i], starts[i] + texts[i].Text.Length);
                if (to <= begin || from >= end)
                {
                    continue;
                }

                var text = texts[i].Text;
                var cutFrom = Math.Max(begin, from) - from;
                var cutTo = Math.Min(end, to) - from;
                var inserted = begin >= from && begin < to ? values[m] : "";
                texts[i].Text = text[..cutFrom] + inserted + text[cutTo..];
                texts[i].Space = SpaceProcessingModeValues.Preserve;
            }
        }
    }
}
