using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace PartyPortal.Features.Imports;

/// <summary>
/// Writes .xlsx files with MiniExcel: named sheets, each a header row and its rows. Dates are written as
/// yyyy-MM-dd text, so every spreadsheet program shows the same thing and a file can be imported again.
/// </summary>
public static class Workbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(params (string Name, IReadOnlyList<string> Header, IEnumerable<object?[]> Rows)[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var book = new Dictionary<string, object>();
        foreach (var (name, header, rows) in sheets)
        {
            // The header is written as a row of its own so a sheet with no rows (a template) still has it.
            var keys = header.Select((_, i) => ColumnName(i)).ToArray();
            book[name] = rows.Select(Cells).Prepend([.. header]).Select(cells => keys.Select((k, i) => (k, v: i < cells.Length ? cells[i] : null))
                .ToDictionary(x => x.k, x => x.v)).ToList();
        }

        using var stream = new MemoryStream();
        stream.SaveAs(book, printHeader: false, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, FreezeRowCount = 1 });
        return stream.ToArray();
    }

    private static object?[] Cells(object?[] row) => row.Select(v => v switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        Enum e => Model.DisplayNames.Display(e),
        _ => v,
    }).ToArray();

    private static string ColumnName(int index) => index < 26
        ? ((char)('A' + index)).ToString()
        : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));
}
