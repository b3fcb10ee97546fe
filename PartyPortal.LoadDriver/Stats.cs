using System.Globalization;

namespace PartyPortal.LoadDriver;

/// <summary>Nearest-rank percentiles, the same definition as the engine's own statistics.</summary>
internal sealed class Distribution
{
    private readonly double[] sorted;

    public Distribution(IEnumerable<double> values)
    {
        sorted = [.. values.Order()];
    }

    public int Count => sorted.Length;

    public double P(double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public double Min => sorted.Length == 0 ? double.NaN : sorted[0];

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public string Summary() => sorted.Length == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture,
            $"n={Count}  min={Min:F1}  p50={P(0.50):F1}  p95={P(0.95):F1}  p99={P(0.99):F1}  max={Max:F1} ms");
}
