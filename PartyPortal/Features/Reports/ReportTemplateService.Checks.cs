using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

public sealed partial class ReportTemplateService
{
    public const string NotWordMessage = "请上传 Word 文档（.docx）：这个文件不能作为 Word 文档打开。旧版 .doc、WPS 或 PDF 文件请先在 Word 中另存为 .docx。";

    public static string TooLargeMessage => $"模板文件不能超过{ReportTemplate.MaxBytes / 1024 / 1024} MB，请压缩其中的图片后重新上传。";

    public const string EmptyMessage = "文件是空的，请选择要上传的 Word 模板。";

    public const string NoPlaceholderMessage = "模板中没有占位符，套用后不会填入任何数字。请在需要数字的地方写入如 {{F03}}、{{期间}}、{{单位}} 的占位符后再上传。";

    /// <summary>
    /// Reads the upload, at most one byte past the limit (a larger file is refused without being held in memory), and
    /// checks it is what the filler can fill: a Word document that opens, with at least one placeholder. A template without
    /// one is refused rather than kept with a warning: filling it would return the same file with no figure in it, which is
    /// never what the uploader meant.
    /// </summary>
    private static async Task<(byte[]? Bytes, string? Error)> ReadCheckedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ReportTemplate.MaxBytes)
            {
                return (null, TooLargeMessage);
            }
        }

        if (buffer.Length == 0)
        {
            return (null, EmptyMessage);
        }

        var bytes = buffer.ToArray();
        try
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false);

            // A macro-enabled document or a .dotx opens too, but filled and saved as .docx Word would refuse it.
            if (word.DocumentType != WordprocessingDocumentType.Document || word.MainDocumentPart?.Document?.Body is null)
            {
                return (null, NotWordMessage);
            }

            if (ReportTemplateFiller.Placeholders(word).Count == 0)
            {
                return (null, NoPlaceholderMessage);
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or System.Xml.XmlException)
        {
            return (null, NotWordMessage);
        }

        return (bytes, null);
    }

    /// <summary>A size as a person reads it: "3.2 MB", "640 KB".</summary>
    public static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
