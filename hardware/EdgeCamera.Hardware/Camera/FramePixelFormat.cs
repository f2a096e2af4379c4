namespace EdgeCamera.Hardware.Camera;

/// <summary>How a <see cref="Frame"/>'s bytes are laid out.</summary>
public enum FramePixelFormat
{
    /// <summary>Packed 8-bit B, G, R, row-major, stride = width × 3 (photographs, OpenCV).</summary>
    Bgr24,

    /// <summary>Planar YUV 4:2:0 as an H.264 decoder writes it (FFmpeg's yuv420p): the luma plane (width × height),
    /// then U and V at half width and half height (rounded up), each without padding; ITU-R BT.601 limited range
    /// (Y 16–235). The camera's format: no colour conversion in the decoder and half the bytes of BGR24.</summary>
    I420,
}
