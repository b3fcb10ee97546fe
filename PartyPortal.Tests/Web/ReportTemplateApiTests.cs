using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Features.Reports;
using PartyPortal.Model;
using PartyPortal.Tests.Features.Reports;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>The templates over HTTP with a bearer token: upload, list, download, the refusals as problems, and the OpenAPI entries.</summary>
public class ReportTemplateApiTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, string? token, byte[] bytes, string name = "半年报告模板")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(name), "name");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(ReportWordWriter.ContentType);
        form.Add(file, "file", name + ".docx");
        using var request = new HttpRequestMessage(HttpMethod.Post, ReportTemplateEndpoints.ListPath) { Content = form };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await api.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient api, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request, Ct);
    }

    [Fact]
    public async Task PartyOfficeUploadsWithATokenOthersAreRefusedAndEveryReaderDownloads()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.AddBranchAsync("一支部");
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        await portal.CreateAccountAsync("boss", Password, (PortalRole.Leader, null));
        var office = await portal.TokenAsync("office", Password);
        var leader = await portal.TokenAsync("boss", Password);
        using var api = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var sample = TemplateSamples.Build();

        using var created = await UploadAsync(api, office, sample);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, version.GetProperty("version").GetInt32());

        using var notWord = await UploadAsync(api, office, "不是 Word"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, notWord.StatusCode);
        var problem = await notWord.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(ReportTemplateService.NotWordMessage, problem.GetProperty("errors").GetProperty("file")[0].GetString());

        using var byLeader = await UploadAsync(api, leader, sample, "领导的模板");
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        using var anonymous = await UploadAsync(api, null, sample, "匿名的模板");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(["半年报告模板"], await db.ReportTemplates.Select(t => t.Name).ToListAsync(Ct));
        }

        using var list = await GetAsync(api, leader, ReportTemplateEndpoints.ListPath);
        var summaries = await list.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = summaries[0].GetProperty("latest").GetProperty("id").GetInt32();
        using var download = await GetAsync(api, leader, ReportTemplateEndpoints.DownloadUrl(id));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(ReportWordWriter.ContentType, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(sample, await download.Content.ReadAsByteArrayAsync(Ct));
        using var missing = await GetAsync(api, leader, ReportTemplateEndpoints.DownloadUrl(id + 1));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var openApi = await api.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var paths = (await openApi.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("paths");
        Assert.True(paths.GetProperty(ReportTemplateEndpoints.ListPath).TryGetProperty("post", out _));
        Assert.True(paths.GetProperty(ReportTemplateEndpoints.ListPath).TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/exports/report-templates/{id}.docx", out _));
    }
}
