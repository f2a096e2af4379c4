using System.Buffers;

namespace EdgeCamera.Vision.Imaging;

/// <summary>
/// 8-connected component labelling of a binary mask by runs (one union-find node per horizontal run).
/// Buffers are pooled and reused between calls; not thread-safe.
/// </summary>
internal sealed class ConnectedComponents : IDisposable
{
    private int[] _runStart = [];
    private int[] _runEnd = [];
    private int[] _runRow = [];
    private int[] _parent = [];
    private int[] _rootToComponent = [];
    private ComponentBox[] _components = [];
    private int _componentCount;

    public ReadOnlySpan<ComponentBox> Components => _components.AsSpan(0, _componentCount);

    /// <summary>Labels the non-zero pixels of <paramref name="mask"/> and returns the component count.</summary>
    public int Label(ReadOnlySpan<byte> mask, int width, int height)
    {
        int runCount = 0;
        int previousRowFirst = 0;
        int previousRowEnd = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = mask.Slice(y * width, width);
            int rowFirst = runCount;
            int x = 0;
            while (x < width)
            {
                int start = row[x..].IndexOfAnyExcept((byte)0);
                if (start < 0)
                {
                    break;
                }

                start += x;
                int end = row[start..].IndexOf((byte)0);
                end = end < 0 ? width - 1 : start + end - 1;
                EnsureRunCapacity(runCount + 1);
                _runStart[runCount] = start;
                _runEnd[runCount] = end;
                _runRow[runCount] = y;
                _parent[runCount] = runCount;
                for (int p = previousRowFirst; p < previousRowEnd; p++)
                {
                    if (_runStart[p] <= end + 1 && _runEnd[p] >= start - 1)
                    {
                        Union(p, runCount);
                    }
                }

                runCount++;
                x = end + 2;
            }

            previousRowFirst = rowFirst;
            previousRowEnd = runCount;
        }

        Collect(runCount);
        return _componentCount;
    }

    public void Dispose()
    {
        Return(ref _runStart);
        Return(ref _runEnd);
        Return(ref _runRow);
        Return(ref _parent);
        Return(ref _rootToComponent);
        if (_components.Length > 0)
        {
            ArrayPool<ComponentBox>.Shared.Return(_components);
            _components = [];
        }

        _componentCount = 0;
    }

    private static void Return(ref int[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<int>.Shared.Return(array);
            array = [];
        }
    }

    private static void Grow(ref int[] array, int needed, int keep)
    {
        int[] larger = ArrayPool<int>.Shared.Rent(Math.Max(needed, Math.Max(1024, array.Length * 2)));
        array.AsSpan(0, keep).CopyTo(larger);
        Return(ref array);
        array = larger;
    }

    private void EnsureRunCapacity(int needed)
    {
        if (_runStart.Length >= needed)
        {
            return;
        }

        int keep = needed - 1;
        Grow(ref _runStart, needed, keep);
        Grow(ref _runEnd, needed, keep);
        Grow(ref _runRow, needed, keep);
        Grow(ref _parent, needed, keep);
    }

    private int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }

        return node;
    }

    private void Union(int a, int b)
    {
        int rootA = Find(a);
        int rootB = Find(b);
        if (rootA != rootB)
        {
            // Keep the older run as root so roots always precede their members.
            if (rootA < rootB)
            {
                _parent[rootB] = rootA;
            }
            else
            {
                _parent[rootA] = rootB;
            }
        }
    }

    private void Collect(int runCount)
    {
        if (_rootToComponent.Length < runCount)
        {
            Return(ref _rootToComponent);
            _rootToComponent = ArrayPool<int>.Shared.Rent(Math.Max(runCount, 1024));
        }

        _componentCount = 0;
        for (int r = 0; r < runCount; r++)
        {
            int root = Find(r);
            int index;
            if (root == r)
            {
                index = _componentCount++;
                _rootToComponent[r] = index;
                if (_components.Length <= index)
                {
                    ComponentBox[] larger = ArrayPool<ComponentBox>.Shared.Rent(Math.Max(256, _components.Length * 2));
                    _components.AsSpan(0, index).CopyTo(larger);
                    if (_components.Length > 0)
                    {
                        ArrayPool<ComponentBox>.Shared.Return(_components);
                    }

                    _components = larger;
                }

                _components[index] = new ComponentBox
                {
                    MinX = int.MaxValue, MinY = int.MaxValue, MaxX = int.MinValue, MaxY = int.MinValue,
                };
            }
            else
            {
                index = _rootToComponent[root];
            }

            ref ComponentBox box = ref _components[index];
            box.MinX = Math.Min(box.MinX, _runStart[r]);
            box.MaxX = Math.Max(box.MaxX, _runEnd[r]);
            box.MinY = Math.Min(box.MinY, _runRow[r]);
            box.MaxY = Math.Max(box.MaxY, _runRow[r]);
            box.PixelCount += _runEnd[r] - _runStart[r] + 1;
        }
    }
}
