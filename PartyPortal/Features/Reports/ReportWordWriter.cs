using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static PartyPortal.Features.Reports.Gongwen;

namespace PartyPortal.Features.Reports;

/// <summary>
/// 「导出报告」: the report as a .docx in the 公文 format (GB/T 9704), in the seed's structure — title, the scope and
/// period, the opening, the six chapters with their numbered sections — and an appendix listing every figure with what it
/// counts. The document holds only what <see cref="ReportDocument"/> says, so the page and the file cannot disagree.
/// </summary>
public static class ReportWordWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string AppendixLabel = "附件";
    public const string AppendixTitle = "报告数字一览";
    public static readonly string[] AppendixColumns = ["编号", "数字", "语句", "统计口径"];

    public static byte[] Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = report.Title;
            word.PackageProperties.Language = "zh-CN";
            var main = word.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            main.AddNewPart<DocumentSettingsPart>().Settings = new DocumentFormat.OpenXml.Wordprocessing.Settings(new EvenAndOddHeaders());
            var oddFooter = AddPageNumberFooter(main, odd: true);
            var evenFooter = AddPageNumberFooter(main, odd: false);

            var body = new Body();
            foreach (var paragraph in Text(report))
            {
                body.Append(paragraph);
            }

            body.Append(Appendix(report.Appendix));
            body.Append(Section(main.GetIdOfPart(oddFooter), main.GetIdOfPart(evenFooter)));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Title and subtitle centred, then the opening and the chapters. A level-two heading that ends its sentence
    /// ("（一）不断强化思想理论武装。") runs into its section's first paragraph, in 楷体 followed by the text in 仿宋, as the
    /// seed and GB/T 9704 practice write it; one without a full stop (or a section without text) stands as its own line.
    /// </summary>
    private static IEnumerable<Paragraph> Text(ReportDocument report)
    {
        foreach (var line in report.Title.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var title = Paragraph(JustificationValues.Center, false, Run(line, TitleFont, Size2));
            title.ParagraphProperties!.SpacingBetweenLines!.Line = Tw(700);
            yield return title;
        }

        yield return BlankLine();
        if (!string.IsNullOrWhiteSpace(report.Subtitle))
        {
            // "统计范围：…　统计期间：…" is wider than a line of 三号: each part, split at the ideographic space, gets its own
            // centred line rather than a date broken across two.
            foreach (var part in report.Subtitle.Split('\u3000', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return Paragraph(JustificationValues.Center, false, Run(part, Level2Font, Size3));
            }

            yield return BlankLine();
        }

        foreach (var text in report.Opening)
        {
            yield return Body(text);
        }

        foreach (var chapter in report.Chapters)
        {
            yield return Paragraph(JustificationValues.Both, true, Run(chapter.Heading, Level1Font, Size3));
            foreach (var section in chapter.Sections)
            {
                var runIn = section.Heading.EndsWith('。') && section.Paragraphs.Count > 0;
                if (runIn)
                {
                    yield return Paragraph(JustificationValues.Both, true,
                        Run(section.Heading, Level2Font, Size3), Run(section.Paragraphs[0], BodyFont, Size3));
                }
                else
                {
                    yield return Paragraph(JustificationValues.Both, true, Run(section.Heading, Level2Font, Size3));
                }

                foreach (var text in section.Paragraphs.Skip(runIn ? 1 : 0))
                {
                    yield return Body(text);
                }
            }
        }
    }

    private static Paragraph Body(string text) => Paragraph(JustificationValues.Both, true, Run(text, BodyFont, Size3));

    /// <summary>"附件" in 黑体 at the top left of a new page, the appendix title centred, then the table of every figure.</summary>
    private static IEnumerable<OpenXmlElement> Appendix(IReadOnlyList<ReportAppendixRow> rows)
    {
        var label = Paragraph(JustificationValues.Left, false, Run(AppendixLabel, Level1Font, Size3));
        label.ParagraphProperties!.PrependChild(new PageBreakBefore());
        yield return label;
        yield return Paragraph(JustificationValues.Center, false, Run(AppendixTitle, TitleFont, Size3));
        yield return BlankLine();
        yield return Table(rows);

        // A body must not end with a table: Word adds an empty paragraph after one anyway, so the file says so itself.
        yield return new Paragraph(ParagraphProps(JustificationValues.Left, false));
    }

    // The columns' widths add up to the text width: number and value narrow, the sentence and its definition wide.
    private static readonly int[] ColumnWidths = [900, 1300, 3744, TextWidth - 900 - 1300 - 3744];

    private static Table Table(IReadOnlyList<ReportAppendixRow> rows)
    {
        var border = new Func<BorderType>[]
        {
            () => new TopBorder(), () => new LeftBorder(), () => new BottomBorder(), () => new RightBorder(),
            () => new InsideHorizontalBorder(), () => new InsideVerticalBorder(),
        };
        var borders = new TableBorders();
        foreach (var make in border)
        {
            var b = make();
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Color = "000000";
            borders.Append(b);
        }

        var table = new Table(new TableProperties(
            new TableWidth { Width = Tw(TextWidth), Type = TableWidthUnitValues.Dxa },
            borders,
            new TableLayout { Type = TableLayoutValues.Fixed }));
        var grid = new TableGrid();
        foreach (var width in ColumnWidths)
        {
            grid.Append(new GridColumn { Width = Tw(width) });
        }

        table.Append(grid);

        // The heading row repeats on every page the table runs over.
        table.Append(Row(AppendixColumns, header: true));
        foreach (var row in rows)
        {
            table.Append(Row([row.FigureId, row.Value, row.Sentence, row.Definition], header: false));
        }

        return table;
    }

    private static TableRow Row(string[] cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        for (var i = 0; i < cells.Length; i++)
        {
            var centred = header || i < 2;
            var paragraph = new Paragraph(ParagraphProps(centred ? JustificationValues.Center : JustificationValues.Left, false, lineTwips: 360));
            paragraph.Append(Run(cells[i], header ? Level1Font : BodyFont, SizeSmall4));
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Width = Tw(ColumnWidths[i]), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                paragraph));
        }

        return row;
    }

    /// <summary>
    /// The page number as "— 1 —" in 宋体 四号: on odd pages at the right, on even pages at the left, each one character in
    /// from the edge of the text (GB/T 9704, 7.5).
    /// </summary>
    private static FooterPart AddPageNumberFooter(MainDocumentPart main, bool odd)
    {
        var part = main.AddNewPart<FooterPart>();
        var props = ParagraphProps(odd ? JustificationValues.Right : JustificationValues.Left, false, lineTwips: 360);

        // Indentation belongs before jc in the schema's order.
        props.InsertBefore(odd ? new Indentation { Right = Tw(280) } : new Indentation { Left = Tw(280) }, props.GetFirstChild<Justification>());

        var number = new SimpleField { Instruction = " PAGE " };
        number.Append(Run("1", PageNumberFont, Size4));
        part.Footer = new Footer(new Paragraph(props, Run("— ", PageNumberFont, Size4), number, Run(" —", PageNumberFont, Size4)));
        return part;
    }

    private static SectionProperties Section(string oddFooterId, string evenFooterId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = MarginTop, Bottom = MarginBottom, Left = (uint)MarginLeft, Right = (uint)MarginRight,
            Header = 851, Footer = 1304, Gutter = 0,
        },
        new DocGrid { Type = DocGridValues.Lines, LinePitch = LineTwips });

    private static void AddStyles(MainDocumentPart main)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont },
                new FontSize { Val = Size3.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Languages { Val = "zh-CN", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = Tw(LineTwips), LineRule = LineSpacingRuleValues.Exact })));
        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };
        main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(defaults, normal);
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var fonts = new Fonts();
        foreach (var (name, altName, family) in Gongwen.Fonts)
        {
            var font = new Font { Name = name };
            if (altName is not null)
            {
                font.Append(new AltName { Val = altName });
            }

            var chinese = name != LatinFont;
            font.Append(
                new FontCharSet { Val = chinese ? "86" : "00" },
                new FontFamily { Val = family },
                new Pitch { Val = chinese ? FontPitchValues.Fixed : FontPitchValues.Variable });
            fonts.Append(font);
        }

        main.AddNewPart<FontTablePart>().Fonts = fonts;
    }
}
