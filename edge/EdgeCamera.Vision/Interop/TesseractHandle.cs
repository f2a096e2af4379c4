using Microsoft.Win32.SafeHandles;

namespace EdgeCamera.Vision.Interop;

/// <summary>Owns a native <c>TessBaseAPI*</c>; releasing it ends and deletes the engine.</summary>
internal sealed class TesseractHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractHandle()
        : base(ownsHandle: true)
    {
    }

    public static TesseractHandle Create()
    {
        var handle = new TesseractHandle();
        handle.SetHandle(TesseractApi.TessBaseAPICreate());
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        TesseractApi.TessBaseAPIEnd(handle);
        TesseractApi.TessBaseAPIDelete(handle);
        return true;
    }
}
