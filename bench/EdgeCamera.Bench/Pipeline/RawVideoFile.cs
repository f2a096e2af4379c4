using System.Diagnostics;
using System.Globalization;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Bench.Pipeline;

/// <summary>
/// A recorded clip decoded by FFmpeg to raw frames (I420 or BGR24) on a pipe, with back-pressure: FFmpeg waits while the pipeline works,
/// so every frame is processed (<see cref="FfmpegCamera"/> drops the oldest instead, right for a live camera).
/// Frames carry the video's own time (first frame at <c>startUtc</c>, then one frame interval apart), as a camera
/// would stamp them, so the tracker's time windows mean the same as live.
/// </summary>
internal sealed class RawVideoFile : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly int _width;
    private readonly int _height;
    private readonly FramePixelFormat _format;
    private readonly TimeSpan _frameInterval;
    private readonly DateTimeOffset _startUtc;
    private readonly TimeProvider _time;
    private long _sequence;

    private RawVideoFile(Process process, int width, int height, FramePixelFormat format, int fps, TimeProvider time)
    {
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        _width = width;
        _height = height;
        _format = format;
        _frameInterval = TimeSpan.FromSeconds(1.0 / fps);
        _time = time;
        _startUtc = time.GetUtcNow();
    }

    public static RawVideoFile Open(string ffmpeg, string path, int width, int height, FramePixelFormat format, int fps, TimeProvider time)
    {
        var psi = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        string[] args =
        [
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-threads", new CameraOptions().DecoderThreads.ToString(CultureInfo.InvariantCulture), // as the unit's camera
            "-i", path, "-an",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}"),
            "-f", "rawvideo", "-pix_fmt", format == FramePixelFormat.I420 ? "yuv420p" : "bgr24", "pipe:1",
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {ffmpeg}");
        return new RawVideoFile(process, width, height, format, fps, time);
    }

    /// <summary>The next frame, or null at the end of the clip.</summary>
    public async Task<Frame?> ReadAsync(CancellationToken ct)
    {
        var frame = new Frame(_width, _height, _sequence, _startUtc + (_frameInterval * _sequence), _time.GetTimestamp(), _format);
        var read = await _stdout.ReadAtLeastAsync(frame.PixelMemory, frame.Length, throwOnEndOfStream: false, ct);
        if (read < frame.Length)
        {
            frame.Dispose();
            return null;
        }

        _sequence++;
        return frame;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
