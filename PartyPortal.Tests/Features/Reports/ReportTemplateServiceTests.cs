using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.Reports;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>Templates kept per bureau and versioned, on a real database with the real authorisation and audit trail.</summary>
public sealed class ReportTemplateServiceTests : ServiceTestContext
{
    private ReportTemplateService service = null!;
    private int county;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new ReportTemplateService(Database, Guard, Audit, Time);
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        county = (await TestTree.AddUnitAsync(db, "滨江区局党委", OrgUnitType.CountyCommittee, root)).Id;
    }

    private async Task<(int Templates, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.ReportTemplates.CountAsync(Ct), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ReportTemplate), Ct));
    }

    private Task<PartyPortal.Features.WriteResult> UploadAsync(byte[] bytes, string name = "半年报告模板", System.Security.Claims.ClaimsPrincipal? user = null) =>
        service.UploadAsync(user ?? TestUsers.PartyOffice, name, name + ".docx", new MemoryStream(bytes), Ct);

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task PartyOfficeUploadsVersionsOfATemplateEachAuditedInTheSameSave()
    {
        var sample = TemplateSamples.Build();
        var first = await UploadAsync(sample);
        var second = await UploadAsync(Docx("第二版：{{F03}}"));
        var other = await UploadAsync(Docx("{{期间}}"), "简报模板");

        Assert.True(first.Succeeded && second.Succeeded && other.Succeeded);
        Assert.Equal((3, 3), await CountsAsync());

        var list = await service.ListAsync(TestUsers.Leader, Ct);
        Assert.Equal(["半年报告模板", "简报模板"], list.Select(s => s.Name));
        var report = list[0];
        Assert.Equal((2, second.Id!.Value), (report.Latest.Version, report.Latest.Id));
        Assert.Equal([2, 1], report.History.Select(v => v.Version));
        Assert.Equal(("admin", Time.GetUtcNow()), (report.Latest.UploadedBy, report.Latest.UploadedAt));

        var stored = await service.GetAsync(TestUsers.Discipline, first.Id!.Value, Ct);
        Assert.Equal(sample, stored!.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Content)), stored.Version.ContentHash);
    }

    [Fact]
    public async Task AStoredVersionIsFilledWithTheCallersValues()
    {
        var id = (await UploadAsync(TemplateSamples.Build())).Id!.Value;
        var (version, filled) = (await service.FillAsync(TestUsers.Leader, id, TemplateSamples.Values(), Ct))!.Value;

        Assert.Equal(1, version.Version);
        Assert.Equal(["F13"], filled.Withheld);
        Assert.Equal(["F99"], filled.Unknown);
    }

    public static TheoryData<string, byte[]> NotWord() => new()
    {
        { "text", "{{F03}} 不是 Word 文件"u8.ToArray() },
        { "zip", Zip() },
        { "truncated docx", TemplateSamples.Build()[..400] },
    };

    private static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("report.txt").Open());
            entry.Write("{{F03}}");
        }

        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(NotWord))]
    public async Task AFileThatDoesNotOpenAsWordIsRefusedAndNothingSaved(string what, byte[] bytes)
    {
        var result = await UploadAsync(bytes);

        Assert.False(result.Succeeded, what);
        Assert.Equal(ReportTemplateService.NotWordMessage, result.Errors["file"]);
        Assert.StartsWith("请上传 Word 文档（.docx）", result.Errors["file"], StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task AFileLargerThanTenMegabytesIsRefusedNamingTheLimitAndNothingSaved()
    {
        var big = new byte[ReportTemplate.MaxBytes + 1];
        TemplateSamples.Build().CopyTo(big, 0);

        var result = await UploadAsync(big);

        Assert.Equal("模板文件不能超过10 MB，请压缩其中的图片后重新上传。", result.Errors["file"]);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task AnEmptyFileATemplateWithoutPlaceholdersAndAMissingNameAreRefused()
    {
        Assert.Equal(ReportTemplateService.EmptyMessage, (await UploadAsync([])).Errors["file"]);
        Assert.Equal(ReportTemplateService.NoPlaceholderMessage, (await UploadAsync(Docx("只有文字，没有占位符"))).Errors["file"]);
        Assert.Equal("请填写模板名称。", (await UploadAsync(TemplateSamples.Build(), "  ")).Errors["name"]);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task TheSameFileAgainIsNotANewVersion()
    {
        // The package is zipped with the time of its making: the same file is the same bytes, not the same build.
        var sample = TemplateSamples.Build();
        await UploadAsync(sample);
        var again = await UploadAsync(sample);

        Assert.Equal("与“半年报告模板”的当前版本（第1版）内容相同，无需再次上传。", again.Errors["file"]);
        Assert.Equal((1, 1), await CountsAsync());
    }

    public static TheoryData<string> NotUploaders() => ["leader", "discipline", "secretary", "county party office"];

    [Theory]
    [MemberData(nameof(NotUploaders))]
    public async Task OnlyPartyOfficeOfTheWholeBureauUploadsAndARefusalSavesNothingButItsAuditEntry(string who)
    {
        var user = who switch
        {
            "leader" => TestUsers.Leader,
            "discipline" => TestUsers.Discipline,
            "secretary" => TestUsers.Secretary(county),
            _ => TestUsers.With("county-office", new Assignment(PortalRole.PartyOffice, county)),
        };

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => UploadAsync(TemplateSamples.Build(), user: user));

        Assert.Equal("您没有权限维护报告模板。", e.Message);
        Assert.Equal((0, 0), await CountsAsync());
        Assert.Equal(1, await RefusalsAuditedAsync());
    }

    [Fact]
    public async Task ASecretaryCannotListOrFetchTemplates()
    {
        var id = (await UploadAsync(TemplateSamples.Build())).Id!.Value;

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.Secretary(county), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(TestUsers.Secretary(county), id, Ct));
        Assert.Null(await service.GetAsync(TestUsers.Leader, id + 100, Ct));
    }
}
