using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MiniExcelLibs;
using PartyPortal.Model;

namespace PartyPortal.Features.Imports;

/// <summary>A data row of an uploaded sheet: its number as the spreadsheet shows it, and its cells by column header.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, object?> Cells);

/// <summary>Reads the data rows of an uploaded .xlsx with MiniExcel: the first row is the header, blank rows are skipped.</summary>
public static class SheetReader
{
    /// <summary>An upload larger than this is refused before it is read.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>One import validates and writes in one go; larger registers are split into several files.</summary>
    public const int MaxRows = 5000;

    public static (IReadOnlyList<SheetRow> Rows, ImportError? Error) Read(Stream stream, string sheet, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(required);
        try
        {
            var names = stream.GetSheetNames();
            stream.Position = 0;
            var name = names.Contains(sheet) ? sheet : names.FirstOrDefault();
            if (name is null)
            {
                return ([], new ImportError(1, "", "文件中没有工作表。"));
            }

            // Read without MiniExcel's header mode: it yields no columns for a sheet that has a header and no rows.
            using var cells = stream.Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().GetEnumerator();
            var headers = cells.MoveNext()
                ? cells.Current.Where(c => c.Value is not null).Select(c => (Key: c.Key, Name: c.Value!.ToString()!.Trim()))
                    .DistinctBy(c => c.Name).ToList()
                : [];
            var missing = required.Where(c => !headers.Exists(h => h.Name == c)).ToList();
            if (missing.Count > 0)
            {
                return ([], new ImportError(1, "", $"工作表“{name}”缺少列：{string.Join("、", missing)}。请下载模板，按模板的表头填写。"));
            }

            var rows = new List<SheetRow>();
            var number = 1;
            while (cells.MoveNext())
            {
                number++;
                var row = cells.Current;
                if (row.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s))))
                {
                    continue;
                }

                if (rows.Count == MaxRows)
                {
                    return ([], new ImportError(number, "", $"一次最多导入{MaxRows}行，请把文件拆成几份分别导入。"));
                }

                rows.Add(new SheetRow(number, headers.ToDictionary(h => h.Name, h => row.TryGetValue(h.Key, out var v) ? v : null)));
            }

            return rows.Count == 0
                ? ([], new ImportError(2, "", $"工作表“{name}”中没有数据行：请从第2行起每行填写一条。"))
                : (rows, null);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or IOException or FormatException)
        {
            return ([], new ImportError(1, "", "无法读取文件：请上传用 Excel 或 WPS 保存的 .xlsx 文件（可先下载模板）。"));
        }
    }
}

/// <summary>Reads one row's cells into typed values, adding a zh-CN error for every cell that cannot be read.</summary>
public sealed class RowReader(SheetRow row, ICollection<ImportError> errors)
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss"];
    private static readonly char[] NameSeparators = ['、', ',', '，', ';', '；', ' ', '　', '\n', '\r', '\t'];

    public int Number => row.Number;

    public bool HasErrors { get; private set; }

    public void Error(string column, string message)
    {
        HasErrors = true;
        errors.Add(new ImportError(row.Number, column, message));
    }

    public string? Text(string column) => row.Cells.GetValueOrDefault(column) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString()?.Trim(),
    };

    public int? Whole(string column)
    {
        var value = row.Cells.GetValueOrDefault(column);
        switch (value)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue:
                return (int)d;
            case int i:
                return i;
            case long l when l is >= int.MinValue and <= int.MaxValue:
                return (int)l;
            case decimal m when m == decimal.Floor(m) && Math.Abs(m) < int.MaxValue:
                return (int)m;
            case string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                Error(column, $"“{Text(column)}”不是整数。");
                return null;
        }
    }

    public DateOnly? Date(string column)
    {
        var value = row.Cells.GetValueOrDefault(column);
        switch (value)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case DateTime d:
                return DateOnly.FromDateTime(d);
            // A date cell Excel stores as a serial number (days since 1899-12-30) without a date format.
            case double serial when serial is > 10000 and < 100000:
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            case string s when DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed):
                return DateOnly.FromDateTime(parsed);
            default:
                Error(column, $"“{Text(column)}”不是日期，请写成 2024-05-15 这样的格式。");
                return null;
        }
    }

    /// <summary>A value named by its zh-CN display name (the template's valid values); empty gives <paramref name="empty"/>.</summary>
    public TEnum? Choice<TEnum>(string column, TEnum? empty = null)
        where TEnum : struct, Enum
    {
        if (Text(column) is not { } text)
        {
            return empty;
        }

        var match = Enum.GetValues<TEnum>().Where(v => string.Equals(v.Display(), text, StringComparison.Ordinal)).ToList();
        if (match.Count == 1)
        {
            return match[0];
        }

        Error(column, $"“{text}”不是可选值，可填：{string.Join("、", Enum.GetValues<TEnum>().Select(v => v.Display()))}。");
        return null;
    }

    /// <summary>The one thing a cell names, among what matched it; none or several is an error of the cell.</summary>
    public bool One<T>(string column, IReadOnlyList<T> found, string none, string several, [MaybeNullWhen(false)] out T value)
    {
        if (found.Count == 1)
        {
            value = found[0];
            return true;
        }

        Error(column, found.Count == 0 ? none : several);
        value = default;
        return false;
    }

    /// <summary>Several values in one cell by their zh-CN display names, separated like <see cref="Names"/>.</summary>
    public List<TEnum> Choices<TEnum>(string column)
        where TEnum : struct, Enum
    {
        var values = new List<TEnum>();
        foreach (var name in Names(column))
        {
            var match = Enum.GetValues<TEnum>().Where(v => string.Equals(v.Display(), name, StringComparison.Ordinal)).ToList();
            if (match.Count == 1)
            {
                values.Add(match[0]);
            }
            else
            {
                Error(column, $"“{name}”不是可选值，可填：{string.Join("、", Enum.GetValues<TEnum>().Select(v => v.Display()))}。");
            }
        }

        return values;
    }

    /// <summary>Names listed in one cell, separated by 、 (or commas, semicolons, spaces, line breaks).</summary>
    public IReadOnlyList<string> Names(string column) =>
        Text(column)?.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
