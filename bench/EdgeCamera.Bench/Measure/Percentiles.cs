namespace EdgeCamera.Bench.Measure;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> values) => _sorted = [.. values.Order()];

    public int Count => _sorted.Length;

    public double At(double percent)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
}
