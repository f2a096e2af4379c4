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
