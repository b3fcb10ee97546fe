using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PartyPortal.Features.Reports;

/// <summary>
/// The 党政机关公文 format (GB/T 9704-2012) as WordprocessingML pieces: the page, the fonts and sizes of each level,
/// the line grid. The report writer composes the document from these; nothing else in the portal needs them.
/// </summary>
internal static class Gongwen
{
    // Sizes in half-points, as w:sz counts them: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
    public const int Size2 = 44;
    public const int Size3 = 32;
    public const int Size4 = 28;
    public const int SizeSmall4 = 24;

    /// <summary>
    /// The 公文 faces as the bureau's Word names them. A machine without one substitutes from the font table, where each
    /// is declared with the common Windows face of its family as its alternate (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
    /// 楷体_GB2312 → 楷体) and the GB2312 character set: the text keeps its 公文 names for the bureau's printers, and
    /// elsewhere falls back to the nearest face of the same family rather than to a Latin default.
    /// </summary>
    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string Level1Font = "黑体";
    public const string Level2Font = "楷体_GB2312";
    public const string PageNumberFont = "宋体";

    /// <summary>Latin letters and digits beside the Chinese text: the face 公文 pairs with 宋/仿宋.</summary>
    public const string LatinFont = "Times New Roman";

    public static readonly (string Name, string? AltName, FontFamilyValues Family)[] Fonts =
    [
        (TitleFont, "宋体", FontFamilyValues.Roman),
        (BodyFont, "仿宋", FontFamilyValues.Modern),
        (Level1Font, null, FontFamilyValues.Modern),
        (Level2Font, "楷体", FontFamilyValues.Script),
        (PageNumberFont, null, FontFamilyValues.Roman),
        (LatinFont, null, FontFamilyValues.Roman),
    ];

    // The page in twentieths of a point: A4 (210 × 297 mm), margins top 37, bottom 35, left 28, right 26 mm.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 2098;
    public const int MarginBottom = 1984;
    public const int MarginLeft = 1587;
    public const int MarginRight = 1474;

    /// <summary>The width of the text: 156 mm.</summary>
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>
    /// Fixed line spacing of 28.95 pt: the standard's 22 lines to the 225 mm text height. Fixed, not "at least", so a
    /// line with a Latin run or a figure keeps to the grid.
    /// </summary>
    public const int LineTwips = 579;

    /// <summary>Two characters of 三号 (16 pt each), the first-line indent of body and heading paragraphs.</summary>
    public const int IndentTwoChars = 640;

    public static RunProperties RunProps(string eastAsiaFont, int halfPoints, bool bold = false)
    {
        var props = new RunProperties(
            new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = eastAsiaFont, ComplexScript = LatinFont });
        if (bold)
        {
            props.Append(new Bold());
        }

        props.Append(new FontSize { Val = Sz(halfPoints) }, new FontSizeComplexScript { Val = Sz(halfPoints) });
        return props;
    }

    public static Run Run(string text, string eastAsiaFont, int halfPoints, bool bold = false) =>
        new(RunProps(eastAsiaFont, halfPoints, bold), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>A paragraph on the 公文 line grid: fixed spacing, no space before or after, optionally indented two characters.</summary>
    public static ParagraphProperties ParagraphProps(JustificationValues justification, bool indentFirstLine, int lineTwips = LineTwips)
    {
        var props = new ParagraphProperties();
        props.Append(new SpacingBetweenLines
        {
            Before = "0",
            After = "0",
            Line = lineTwips.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LineRule = LineSpacingRuleValues.Exact,
        });
        if (indentFirstLine)
        {
            // firstLineChars keeps two characters when the size changes; firstLine is the same for readers that ignore it.
            props.Append(new Indentation { FirstLine = Tw(IndentTwoChars), FirstLineChars = 200 });
        }

        props.Append(new Justification { Val = justification });
        return props;
    }

    public static Paragraph Paragraph(JustificationValues justification, bool indentFirstLine, params Run[] runs)
    {
        var paragraph = new Paragraph(ParagraphProps(justification, indentFirstLine));
        paragraph.Append(runs);
        return paragraph;
    }

    public static Paragraph BlankLine() => new(ParagraphProps(JustificationValues.Both, false), Run("", BodyFont, Size3));

    public static string Tw(int twips) => twips.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Sz(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
