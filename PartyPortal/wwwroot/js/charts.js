// The portal's one bridge to Chart.js, used by Components/Chart.razor. Chart.js itself is the UMD build that
// App.razor loads from lib/chart.js (restored by the build); it defines the global `Chart`.

const charts = new Map();
let lastHandle = 0;

const locale = 'zh-CN';
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
const percentAxis = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

function chartJs() {
    const chart = globalThis.Chart;
    if (!chart) {
        throw new Error('Chart.js is not loaded: App.razor must include lib/chart.js/chart.umd.min.js.');
    }
    return chart;
}

function isRound(kind) {
    return kind === 'doughnut' || kind === 'pie';
}

function toDataset(config, dataset) {
    const colors = dataset.pointColors ?? dataset.color;
    return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colors,
        borderColor: isRound(config.kind) ? '#FFFFFF' : colors,
        tension: 0.2,
    };
}

// The longest start every label shares ("国家税务总局江城市…"): it tells the units apart by nothing.
function sharedStart(labels) {
    const texts = (labels ?? []).map(String);
    if (texts.length < 2) {
        return '';
    }
    let end = 0;
    while (texts.every((t) => end < t.length - 1 && t[end] === texts[0][end])) {
        end++;
    }
    return texts[0].slice(0, end);
}

// A unit's name beside a horizontal bar gets at most 40 % of the chart's width: on a phone Chart.js would
// otherwise clip long names at the canvas edge. The shared start goes first, then the end gives way to "…";
// the tooltip still shows the whole name (it reads the chart's labels, not the ticks).
function fittedLabel(value) {
    const label = String(this.getLabelForValue(value));
    const size = this.options.ticks.font?.size ?? this.chart.options.font?.size ?? 12;
    const room = Math.max(4, Math.floor((this.chart.width * 0.4) / size));
    if (label.length <= room) {
        return label;
    }
    const start = sharedStart(this.chart.data.labels);
    const rest = start && label.startsWith(start) ? label.slice(start.length) : label;
    return rest.length <= room ? rest : `${rest.slice(0, room - 1)}…`;
}

function toScales(config) {
    if (isRound(config.kind)) {
        return {};
    }
    const valueAxis = config.horizontal ? 'x' : 'y';
    const indexAxis = config.horizontal ? 'y' : 'x';
    const index = { stacked: config.stacked };
    if (config.horizontal) {
        index.ticks = { autoSkip: false, callback: fittedLabel };
    }
    const value = { beginAtZero: true, stacked: config.stacked };
    if (config.percent) {
        value.min = 0;
        value.max = 1;
        // A callback rather than ticks.format: Chart.js writes a bare "0" for zero whatever the format.
        value.ticks = { callback: (tick) => percentAxis.format(tick) };
    }
    return { [indexAxis]: index, [valueAxis]: value };
}

// Callbacks cannot travel from C# as JSON: the tooltip's number format is chosen here from the config's flags.
function tooltipLabel(config) {
    const format = config.percent ? percent : number;
    return (item) => {
        const name = item.dataset.label;
        const value = item.raw === null || item.raw === undefined ? '—' : format.format(item.raw);
        return name ? `${name}：${value}` : value;
    };
}

function toChartJs(config) {
    return {
        type: config.kind,
        data: {
            labels: config.labels,
            datasets: config.datasets.map((d) => toDataset(config, d)),
        },
        options: {
            locale,
            responsive: true,
            maintainAspectRatio: false,
            indexAxis: config.horizontal ? 'y' : 'x',
            scales: toScales(config),
            plugins: {
                legend: { display: config.legend !== 'hidden', position: config.legend === 'hidden' ? 'top' : config.legend },
                tooltip: { callbacks: { label: tooltipLabel(config) } },
            },
        },
    };
}

/** Draws a chart on the canvas (its config as JSON text) and returns the handle that update and destroy take. */
export function create(canvas, configJson) {
    const config = JSON.parse(configJson);
    const Chart = chartJs();
    // The portal's Chinese fonts, as the page around the canvas has them.
    Chart.defaults.font.family = getComputedStyle(canvas).fontFamily;
    const handle = ++lastHandle;
    charts.set(handle, new Chart(canvas, toChartJs(config)));
    return handle;
}

/** Replaces the labels and each dataset's label and numbers (JSON text), keeping the chart's look, and animates to them. */
export function update(handle, dataJson) {
    const chart = charts.get(handle);
    if (!chart) {
        return;
    }
    const data = JSON.parse(dataJson);
    chart.data.labels = data.labels;
    data.datasets.forEach((d, i) => {
        const dataset = chart.data.datasets[i];
        if (dataset) {
            dataset.label = d.label;
            dataset.data = d.data;
        }
    });
    chart.update();
}

export function destroy(handle) {
    charts.get(handle)?.destroy();
    charts.delete(handle);
}
