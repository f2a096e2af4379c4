using System.Runtime.InteropServices;

namespace EdgeCamera.Vision.Interop;

/// <summary>
/// Thin P/Invoke layer over libjpeg-turbo's TurboJPEG C API (/usr/include/turbojpeg.h, Debian libturbojpeg0 2.1):
/// compress a packed BGR image straight to JPEG with the library's SIMD code — no BGRA copy, unlike SkiaSharp's
/// encoder. Only the calls <see cref="JpegEncoder"/> needs.
/// </summary>
internal static partial class TurboJpegApi
{
    /// <summary>Debian's SONAME on amd64 and arm64 (package libturbojpeg0).</summary>
    public const string Library = "libturbojpeg.so.0";

    /// <summary>TJPF_BGR (turbojpeg.h): 3 bytes per pixel, blue first.</summary>
    public const int PixelFormatBgr = 1;

    /// <summary>TJSAMP_420 (turbojpeg.h): chroma halved both ways, what cameras and SkiaSharp write.</summary>
    public const int Subsampling420 = 2;

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(Library, out _));

    /// <summary>Whether the library is installed (the unit's image and setup.sh install it; without it Skia encodes).</summary>
    public static bool IsAvailable => Loaded.Value;

    [LibraryImport(Library)]
    public static partial nint tjInitCompress();

    [LibraryImport(Library)]
    public static unsafe partial int tjCompress2(
        nint handle, byte* source, int width, int pitchBytes, int height, int pixelFormat,
        byte** jpeg, nuint* jpegSize, int subsampling, int quality, int flags);

    /// <summary>Encodes a unified planar YUV buffer (Y, then U, then V; rows padded to <paramref name="pad"/> bytes —
    /// 1 for none): an I420 frame goes in as the decoder wrote it, no colour conversion or chroma downsampling.</summary>
    [LibraryImport(Library)]
    public static unsafe partial int tjCompressFromYUV(
        nint handle, byte* source, int width, int pad, int height, int subsampling,
        byte** jpeg, nuint* jpegSize, int quality, int flags);

    [LibraryImport(Library)]
    public static unsafe partial void tjFree(byte* buffer);

    [LibraryImport(Library)]
    public static partial int tjDestroy(nint handle);

    [LibraryImport(Library)]
    public static partial nint tjGetErrorStr2(nint handle);
}
