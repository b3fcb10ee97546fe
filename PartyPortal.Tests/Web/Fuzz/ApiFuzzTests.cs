using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web.Fuzz;

/// <summary>
/// Hostile bodies, headers and query strings against every write endpoint of the API and against
/// <c>/api/v1/metrics</c>, generated from a fixed seed (FUZZ_SEED overrides it, FUZZ_ROUNDS scales the count):
/// not one 5xx, every 4xx an RFC 9457 problem with a zh-CN title and nothing of the server's inside, and
/// afterwards nothing stored that the input policy refuses.
/// </summary>
public class ApiFuzzTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task HostileRequestsGetProblemsNeverServerErrors()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261205;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ROUNDS"), CultureInfo.InvariantCulture, out var r) ? r : 1;
        await using var bureau = await ApiBureau.CreateAsync();
        using var sec = await bureau.ClientAsync("sec");
        using var office = await bureau.ClientAsync("office");
        using var anonymous = bureau.Portal.CreateClient();
        var (activity, etag) = await bureau.RecordAsync(sec);
        var fuzz = new HostileInput(seed);
        var run = new Run(fuzz, bureau, activity, etag);

        for (var round = 0; round < rounds; round++)
        {
            await run.SendAsync([sec, sec, office, anonymous], 450, run.RecordActivity);
            await run.SendAsync([sec, sec, office, anonymous], 200, run.UpdateActivity);
            await run.SendAsync([sec], 60, run.DeleteActivity);
            await run.SendAsync([office, office, sec, anonymous], 200, run.CreateScreen);
            await run.SendAsync([office], 40, run.RevokeScreen);
            await run.SendAsync([anonymous], 60, run.RequestToken);
            await run.SendAsync([sec, office, anonymous], 250, run.ReadMetrics);
            await run.SendAsync([sec], 60, run.ListActivities);
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"seed {seed}: {run.Sent} requests; " + string.Join(", ", run.Statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}×{x.Value}")));
        Assert.True(run.Sent >= 1_000 * rounds);
        Assert.True(run.Failures.Count == 0,
            $"seed {seed}: {run.Failures.Count} of {run.Sent} answers broke the rules; the first:\n" + string.Join("\n", run.Failures.Take(10)));

        await using var db = bureau.Portal.CreateDbContext();
        var titles = await db.Activities.Select(a => a.Title).ToListAsync(Ct);
        var names = await db.Screens.Select(x => x.Name).ToListAsync(Ct);
        Assert.All(titles.Concat(names), t => Assert.True(InputRules.IsClean(t), $"stored: {JsonSerializer.Serialize(t)}"));
        Assert.True(run.Statuses.Keys.Any(k => k is >= 200 and < 300), "nothing valid got through: the generator is too hostile to test acceptance");
    }

    /// <summary>The request builders and the checks of each answer.</summary>
    private sealed class Run(HostileInput fuzz, ApiBureau bureau, int activity, EntityTagHeaderValue etag)
    {
        public int Sent { get; private set; }
        public List<string> Failures { get; } = [];
        public Dictionary<int, int> Statuses { get; } = [];

        private int[] Members => [.. bureau.MembersA];
        private int[] Strangers => [bureau.MemberB];
        private int[] Units => [bureau.BranchA, bureau.BranchB, bureau.Root];

        /// <summary>Sends <paramref name="count"/> requests, each as one of <paramref name="clients"/>.</summary>
        public async Task SendAsync(HttpClient[] clients, int count, Func<HttpRequestMessage> build)
        {
            for (var i = 0; i < count; i++)
            {
                var client = fuzz.Pick(clients);
                using var request = build();
                var what = $"{request.Method} {request.RequestUri}";
                var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync(Ct);
                using var response = await client.SendAsync(request, Ct);
                Sent++;
                var status = (int)response.StatusCode;
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
                if (await Problem(response) is { } problem)
                {
                    Failures.Add($"{what} → {status}: {problem}; sent {Shorten(sent)}");
                }
            }
        }

        public HttpRequestMessage RecordActivity()
        {
            var request = Json(HttpMethod.Post, "/api/v1/activities", fuzz.Body(ValidActivity(), ActivityField));
            if (fuzz.Chance(0.2))
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", fuzz.Chance(0.5) ? fuzz.Text() : "k" + fuzz.Next(5));
            }

            return request;
        }

        public HttpRequestMessage UpdateActivity()
        {
            var request = Json(HttpMethod.Put, "/api/v1/activities/" + Target(activity), fuzz.Body(ValidActivity(), ActivityField));
            IfMatch(request);
            return request;
        }

        public HttpRequestMessage DeleteActivity()
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, Relative("/api/v1/activities/" + Target(activity + 1)));
            IfMatch(request);
            return request;
        }

        public HttpRequestMessage CreateScreen() =>
            Json(HttpMethod.Post, "/api/v1/screens", fuzz.Body(
                new Dictionary<string, string>
                {
                    ["name"] = "\"三楼会议室\"", ["scopeOrgUnitId"] = Num(bureau.Root), ["rotationSeconds"] = "15", ["panels"] = "\"All\"",
                },
                field => field switch
                {
                    "scopeOrgUnitId" => fuzz.Id(Units),
                    "rotationSeconds" => fuzz.Pick(["0", "-5", "4", "3601", "86400", "2147483647", "1.5", "\"15\""]),
                    "panels" => fuzz.Pick(["\"Stars\"", "\"Nothing\"", "0", "-1", "65535", "\"Stars, Coverage\"", "[\"Stars\"]", "null"]),
                    _ => fuzz.TextValue(),
                }));

        public HttpRequestMessage RevokeScreen() =>
            new(HttpMethod.Delete, Relative("/api/v1/screens/" + Target(1)));

        public HttpRequestMessage RequestToken() =>
            Json(HttpMethod.Post, "/api/v1/auth/token", fuzz.Body(
                new Dictionary<string, string> { ["userName"] = "\"sec\"", ["password"] = JsonSerializer.Serialize(ApiBureau.Password + "x") },
                _ => fuzz.TextValue()));

        public HttpRequestMessage ReadMetrics()
        {
            var parts = new List<string>();
            if (fuzz.Chance(0.8))
            {
                parts.Add("scope=" + fuzz.QueryValue(Num(bureau.Root), Num(bureau.BranchA), Num(bureau.BranchB), "999999", "-1"));
            }

            if (fuzz.Chance(0.8))
            {
                parts.Add("period=" + fuzz.QueryValue("2024", "2024Q3", "2025H1", "9999", "9999Q4", "0Q1", "2024Q5", "2024H3", "2017", "20240", "2024q1", " 2024"));
            }

            if (fuzz.Chance(0.2))
            {
                parts.Add(fuzz.QueryValue("period", "scope", "x") + "=" + fuzz.QueryValue("1"));
            }

            return new HttpRequestMessage(HttpMethod.Get, Relative("/api/v1/metrics?" + string.Join("&", parts)));
        }

        public HttpRequestMessage ListActivities() =>
            new(HttpMethod.Get, Relative(
                $"/api/v1/activities?orgUnitId={fuzz.QueryValue(Num(bureau.BranchA), "x")}&from={fuzz.QueryValue("2024-01-01", "0001-01-01")}" +
                $"&to={fuzz.QueryValue("2026-12-31", "9999-12-31")}&kindCode={fuzz.QueryValue("themed-party-day")}"));

        private Dictionary<string, string> ValidActivity()
        {
            var body = new Dictionary<string, string>
            {
                ["kindCode"] = "\"themed-party-day\"",
                ["orgUnitId"] = Num(bureau.BranchA),
                ["date"] = JsonSerializer.Serialize(ApiBureau.Day(ApiBureau.Today.AddDays(-fuzz.Next(300)))),
                ["title"] = "\"学习党章\"",
                ["place"] = "\"三楼会议室\"",
                ["attendance"] = $"[{{\"memberId\":{Members[0]},\"status\":\"present\"}}]",
            };

            // Optional fields, so that their checks are reached too.
            foreach (var (field, value) in Optional)
            {
                if (fuzz.Chance(0.25))
                {
                    body[field] = value;
                }
            }

            return body;
        }

        private (string Field, string Value)[] Optional =>
        [
            ("presenterMemberId", Num(Members[1])), ("presenterName", "\"王书记\""), ("notes", "\"会议记录\""), ("quantity", "2"),
            ("campaign", "\"2024年党纪学习教育\""), ("studyTopicId", "1"), ("organiserLevel", "\"Municipal\""), ("trainingFor", "[\"Section\"]"),
        ];

        private string ActivityField(string field) => field switch
        {
            "attendance" => fuzz.Attendance(Members, Strangers),
            "orgUnitId" => fuzz.Id(Units),
            "presenterMemberId" => fuzz.Id([.. Members, .. Strangers]),
            "studyTopicId" => fuzz.Id(1, 2),
            "kindCode" => fuzz.Chance(0.5)
                ? fuzz.Pick(["\"party-lecture\"", "\"warning-education\"", "\"integrity-talk\"", "\"branch-committee-meeting\"", "\"first-topic-study\"", "\"case-discipline-day\""])
                : fuzz.TextValue(),
            "date" or "quantity" or "organiserLevel" or "trainingFor" => fuzz.AnyValue(),
            _ => fuzz.TextValue(),
        };

        private string Target(int real) => fuzz.Next(5) switch
        {
            0 => Num(real),
            // Not %00: the test server's client refuses a NUL in a path before it is sent (Kestrel answers 400 itself).
            1 => Uri.EscapeDataString(fuzz.Pick(["0", "-1", "2147483648", "abc", "1.5", "1e3", "%FF", "学习", "..", " 1"])),
            2 => Num(fuzz.Next(1_000)),
            _ => Num(real),
        };

        private void IfMatch(HttpRequestMessage request)
        {
            switch (fuzz.Next(6))
            {
                case 0:
                    break;
                case 1:
                    request.Headers.TryAddWithoutValidation("If-Match", etag.ToString());
                    break;
                case 2:
                    request.Headers.TryAddWithoutValidation("If-Match", "*");
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("If-Match",
                        fuzz.Pick(["W/" + etag, "\"not-a-guid\"", "garbage", "\"\"", ",,,", etag + ", *", new string('"', 3_000), "\"00000000-0000-0000-0000-000000000000\""]));
                    break;
            }
        }

        private HttpRequestMessage Json(HttpMethod method, string path, byte[] body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type",
                fuzz.Chance(0.9) ? "application/json; charset=utf-8" : fuzz.Pick(["text/plain", "application/json; charset=latin1", "application/xml", "multipart/form-data", ";;"]));
            return new HttpRequestMessage(method, Relative(path)) { Content = content };
        }

        private static Uri Relative(string path) => new(path, UriKind.Relative);

        private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

        private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + $"…({s.Length} chars)";

        /// <summary>What is wrong with an answer, or null: a 5xx; a 4xx that is not a problem with a Chinese title, or leaks.</summary>
        private static async Task<string?> Problem(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return "server error";
            }

            if (status < 400)
            {
                return null;
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"content type {response.Content.Headers.ContentType}";
            }

            var body = await response.Content.ReadAsStringAsync(Ct);
            // A stack trace, an exception's name, or the request's headers (with the caller's token) echoed back.
            if (body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal)
                || body.Contains("Authorization", StringComparison.OrdinalIgnoreCase) || body.Contains("CfDJ8", StringComparison.Ordinal))
            {
                return "leaks the server's internals: " + Shorten(body);
            }

            using var json = JsonDocument.Parse(body);
            var title = json.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            return title.Any(c => c is >= '\u4e00' and <= '\u9fff') ? null : "title not in Chinese: " + Shorten(body);
        }
    }
}
