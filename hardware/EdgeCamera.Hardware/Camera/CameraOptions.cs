using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Hardware.Camera;

/// <summary>The "Camera" config section: which stream, what size, how patient.</summary>
public sealed class CameraOptions
{
    public const string Section = "Camera";

    /// <summary>RTSP address of the camera, e.g. rtsp://127.0.0.1:8554/cam.</summary>
    [Required]
    public string Url { get; set; } = "rtsp://127.0.0.1:8554/cam";

    /// <summary>Frame size the decoder scales to; the evidence and the detector see this size.</summary>
    [Range(64, 7680)]
    public int WidthPx { get; set; } = 1920;

    [Range(64, 4320)]
    public int HeightPx { get; set; } = 1080;

    /// <summary>What the decoder writes. I420 (default) is what an H.264 decoder produces: no colour conversion in
    /// FFmpeg and half the bytes of BGR24 through the pipe (measured on the bench clip, one thread: 8.8 ms of FFmpeg CPU a
    /// 1080p frame as yuv420p against 11.4 ms as bgr24; bench/README.md). Bgr24 is kept for comparison.</summary>
    [EnumDataType(typeof(FramePixelFormat))]
    public FramePixelFormat PixelFormat { get; set; } = FramePixelFormat.I420;

    /// <summary>Decoder threads (FFmpeg <c>-threads</c>); 0 lets FFmpeg choose (frame threads, one per core). One is
    /// the default: frame threading cost 14 % more decoder CPU on the bench clip (8.9 against 7.8 s for 884 1080p
    /// frames, 2026-11-26) and holds a frame back per extra thread, and one core decodes that clip at ~119 frames/s.</summary>
    [Range(0, 16)]
    public int DecoderThreads { get; set; } = 1;

    /// <summary>Decoded frames waiting for the pipeline. When full the oldest is dropped (and counted), so the
    /// reader never blocks and the pipeline always works on the freshest frames.</summary>
    [Range(1, 64)]
    public int QueueCapacity { get; set; } = 3;

    /// <summary>No frame for this long means the stream is dead: the decoder is killed and restarted.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The FFmpeg program (Debian package ffmpeg on the unit).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";
}
