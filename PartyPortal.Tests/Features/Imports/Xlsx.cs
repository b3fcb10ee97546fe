using System.Diagnostics.CodeAnalysis;
using MiniExcelLibs;

// Tests mirror the feature folder (Features/Imports); the name clashes only with a Visual Basic keyword.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:PartyPortal.Tests.Features.Imports")]

namespace PartyPortal.Tests.Features.Imports;

/// <summary>Real .xlsx files for import tests, written and read with MiniExcel as a secretary's spreadsheet program would.</summary>
internal static class Xlsx
{
    /// <summary>A sheet whose first row is the header and each further row the values under it (null for an empty cell).</summary>
    public static MemoryStream Sheet(string sheetName, string[] header, params object?[][] rows)
    {
        var data = rows.Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(data, sheetName: sheetName);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The rows of a sheet as dictionaries keyed by the header.</summary>
    public static List<IDictionary<string, object?>> Rows(byte[] file, string sheetName)
    {
        using var stream = new MemoryStream(file);
        return stream.Query(useHeaderRow: true, sheetName: sheetName).Cast<IDictionary<string, object?>>().ToList();
    }

    public static List<string> SheetNames(byte[] file)
    {
        using var stream = new MemoryStream(file);
        return stream.GetSheetNames();
    }

    public static List<string> Header(byte[] file, string sheetName)
    {
        using var stream = new MemoryStream(file);
        var first = stream.Query(useHeaderRow: false, sheetName: sheetName).Cast<IDictionary<string, object?>>().First();
        return [.. first.Values.OfType<string>()];
    }
}
