namespace EdgeCamera.Vision.Imaging;

/// <summary>Bounding box (inclusive edges) and pixel count of one connected component.</summary>
internal struct ComponentBox
{
    public int MinX;
    public int MinY;
    public int MaxX;
    public int MaxY;
    public int PixelCount;

    public readonly int Width => MaxX - MinX + 1;

    public readonly int Height => MaxY - MinY + 1;
}
