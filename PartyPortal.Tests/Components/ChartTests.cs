using System.Text.Json;
using Bunit;
using Microsoft.JSInterop;
using PartyPortal.Components;

namespace PartyPortal.Tests.Components;

/// <summary>Strict JS interop: any call to the browser that is not set up here fails the test.</summary>
public class ChartTests : BunitContext
{
    private readonly BunitJSModuleInterop charts;
    private readonly JSRuntimeInvocationHandler<int> create;
    private readonly JSRuntimeInvocationHandler destroy;

    private static readonly ChartConfig Coverage = new(
        ChartKind.Bar,
        ["一季度", "二季度"],
        [new ChartDataset("警示教育覆盖率", [0.5, 0.75])])
    { Percent = true, Horizontal = true };

    public ChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        charts = JSInterop.SetupModule(Chart.ModulePath);
        create = charts.Setup<int>("create", _ => true);
        create.SetResult(1);
        charts.SetupVoid("update", _ => true).SetVoidResult();
        destroy = charts.SetupVoid("destroy", _ => true);
        destroy.SetVoidResult();
    }

    [Fact]
    public void TheFirstRenderCreatesTheChartOnItsCanvasWithTheWholeConfig()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage).Add(c => c.Metric, "warning-education"));

        var call = charts.VerifyInvoke("create");
        call.Arguments[0].ShouldBeElementReferenceTo(chart.Find("canvas"));
        var sent = Sent(call.Arguments[1]);
        Assert.Equal(Coverage.Labels, sent.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("[0.5,0.75]", sent.GetProperty("datasets")[0].GetProperty("data").GetRawText());
        Assert.True(sent.GetProperty("percent").GetBoolean() && sent.GetProperty("horizontal").GetBoolean());
        Assert.Equal(ChartConfig.Palette[0], sent.GetProperty("datasets")[0].GetProperty("color").GetString());
        Assert.Equal("warning-education", chart.Find("div.portal-chart").GetAttribute("data-metric"));
        charts.VerifyNotInvoke("update");
    }

    [Fact]
    public void TheConfigReachesTheBrowserInTheShapeChartsJsReads()
    {
        Render<Chart>(p => p.Add(c => c.Config, Coverage));

        var json = Sent(charts.VerifyInvoke("create").Arguments[1]);

        Assert.Equal("bar", json.GetProperty("kind").GetString());
        Assert.Equal("top", json.GetProperty("legend").GetString());
        Assert.True(json.GetProperty("percent").GetBoolean());
        Assert.Equal("#B71C1C", json.GetProperty("datasets")[0].GetProperty("color").GetString());
    }

    [Fact]
    public void NewNumbersSendOnlyTheLabelsAndTheDataNeverTheOptions()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));

        chart.Render(p => p.Add(c => c.Config, Coverage with
        {
            Labels = ["一季度", "二季度", "三季度"],
            Datasets = [new ChartDataset("警示教育覆盖率", [0.5, 0.75, null])],
        }));

        chart.WaitForAssertion(() => charts.VerifyInvoke("update"));
        var call = charts.VerifyInvoke("update");
        Assert.Equal(1, call.Arguments[0]);
        var json = Sent(call.Arguments[1]);
        Assert.Equal(["labels", "datasets"], json.EnumerateObject().Select(p => p.Name));
        var dataset = Assert.Single(json.GetProperty("datasets").EnumerateArray());
        Assert.Equal(["label", "data"], dataset.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[0.5,0.75,null]", dataset.GetProperty("data").GetRawText());
        Assert.Equal("三季度", json.GetProperty("labels")[2].GetString());
        charts.VerifyInvoke("create", calledTimes: 1);
        charts.VerifyNotInvoke("destroy");
    }

    [Fact]
    public void AConfigWithTheSameNumbersInNewListsSendsNothing()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));

        chart.Render(p => p.Add(c => c.Config, Coverage with
        {
            Labels = ["一季度", "二季度"],
            Datasets = [new ChartDataset("警示教育覆盖率", [0.5, 0.75])],
        }));

        charts.VerifyNotInvoke("update");
        charts.VerifyInvoke("create", calledTimes: 1);
    }

    [Fact]
    public void AnotherKindOfChartDestroysTheOldOneAndCreatesAnew()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));
        create.SetResult(2);

        chart.Render(p => p.Add(c => c.Config, Coverage with { Kind = ChartKind.Line }));

        chart.WaitForAssertion(() => charts.VerifyInvoke("create", calledTimes: 2));
        Assert.Equal(1, charts.VerifyInvoke("destroy").Arguments[0]);
        Assert.Equal("line", Sent(charts.Invocations["create"][1].Arguments[1]).GetProperty("kind").GetString());
        charts.VerifyNotInvoke("update");
    }

    [Fact]
    public void OtherOptionsAlsoDrawTheChartAnew()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));

        chart.Render(p => p.Add(c => c.Config, Coverage with { Stacked = true }));

        chart.WaitForAssertion(() => charts.VerifyInvoke("create", calledTimes: 2));
        charts.VerifyInvoke("destroy");
        charts.VerifyNotInvoke("update");
    }

    [Fact]
    public async Task DisposingTheComponentDestroysItsChart()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));
        create.SetResult(7);
        chart.Render(p => p.Add(c => c.Config, Coverage with { Kind = ChartKind.Line }));
        chart.WaitForAssertion(() => charts.VerifyInvoke("create", calledTimes: 2));

        await DisposeComponentsAsync();

        Assert.Equal(7, charts.Invocations["destroy"][^1].Arguments[0]);
        charts.VerifyInvoke("destroy", calledTimes: 2);
    }

    [Fact]
    public async Task DisposingAfterTheCircuitIsGoneDoesNotThrow()
    {
        var chart = Render<Chart>(p => p.Add(c => c.Config, Coverage));
        destroy.SetException(new JSDisconnectedException("the circuit is gone"));

        await DisposeComponentsAsync();

        charts.VerifyInvoke("destroy");
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public void DoughnutSlicesTakeThePaletteInTurnUnlessColoursAreGiven()
    {
        var doughnut = new ChartConfig(ChartKind.Doughnut, ["五星", "四星", "三星"], [new ChartDataset("支部数", [3, 5, 8])]);

        Assert.Equal(ChartConfig.Palette.Take(3), doughnut.WithDefaultColors().Datasets[0].PointColors);
        var given = doughnut with { Datasets = [new ChartDataset("支部数", [3, 5, 8]) { PointColors = ["#000000"] }] };
        Assert.Equal(["#000000"], given.WithDefaultColors().Datasets[0].PointColors);
    }

    /// <summary>What the browser is sent: JSON text, which charts.js parses.</summary>
    private static JsonElement Sent(object? argument) => JsonDocument.Parse(Assert.IsType<string>(argument)).RootElement;
}
