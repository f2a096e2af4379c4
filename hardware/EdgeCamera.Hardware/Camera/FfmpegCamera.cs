using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Hardware.Camera;

/// <summary>
/// Reads an RTSP camera through an FFmpeg child process that decodes to raw frames (I420 by default, <see cref="CameraOptions.PixelFormat"/>) on its stdout (the way Frigate
/// does it; OpenCV's bundled FFmpeg has no network support and no arm64 build). Frames go into a bounded queue
/// that drops the oldest frame when the pipeline is behind: the reader never waits for the pipeline.
/// One call of <see cref="RunSessionAsync"/> is one decoder process; the caller decides when to reconnect.
/// </summary>
public sealed partial class FfmpegCamera : IDisposable
{
    private readonly CameraOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Channel<Frame> _frames;
    private long _sequence;

    public FfmpegCamera(CameraOptions options, ILogger<FfmpegCamera> log, TimeProvider time)
    {
        _options = options;
        _log = log;
        _time = time;
        _frames = Channel.CreateBounded<Frame>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            dropped =>
            {
                dropped.Dispose();
                Stats.FrameDropped();
            });
    }

    public ChannelReader<Frame> Frames => _frames.Reader;

    public CameraStats Stats { get; } = new();

    /// <summary>Why a decoder session ended.</summary>
    public enum SessionEnd { Cancelled, StreamEnded, Stalled, FailedToStart }

    /// <summary>Runs one decoder process until the stream ends, stalls or <paramref name="ct"/> is cancelled.</summary>
    public async Task<SessionEnd> RunSessionAsync(CancellationToken ct)
    {
        using var process = new Process { StartInfo = BuildStartInfo() };
        try
        {
            if (!process.Start())
            {
                return SessionEnd.FailedToStart;
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            LogStartFailed(_log, _options.FfmpegPath, ex.Message);
            return SessionEnd.FailedToStart;
        }

        var stderr = DrainStderrAsync(process);
        LogStarted(_log, _options.Url, _options.WidthPx, _options.HeightPx, process.Id);
        var frameBytes = Frame.ByteCount(_options.WidthPx, _options.HeightPx, _options.PixelFormat);
        var stdout = process.StandardOutput.BaseStream;
        var end = SessionEnd.StreamEnded;
        try
        {
            while (true)
            {
                // A read that completes with data does not look at the token: check it once per frame too,
                // or a live stream would keep this loop (and the host's shutdown) going forever.
                if (ct.IsCancellationRequested)
                {
                    end = SessionEnd.Cancelled;
                    break;
                }

                var frame = new Frame(_options.WidthPx, _options.HeightPx, _sequence, _time.GetUtcNow(), _time.GetTimestamp(), _options.PixelFormat);
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
                stall.CancelAfter(_options.StallTimeout);
                int read;
                try
                {
                    read = await stdout.ReadAtLeastAsync(frame.PixelMemory, frameBytes, throwOnEndOfStream: false, stall.Token);
                }
                catch (OperationCanceledException)
                {
                    frame.Dispose();
                    end = ct.IsCancellationRequested ? SessionEnd.Cancelled : SessionEnd.Stalled;
                    break;
                }

                if (read < frameBytes)
                {
                    frame.Dispose();
                    end = SessionEnd.StreamEnded;
                    break;
                }

                // The frame's time is when its last byte arrived.
                frame.Stamp(_sequence++, _time.GetUtcNow(), _time.GetTimestamp());
                Stats.FrameRead(frame.CapturedAtUtc);
                if (!_frames.Writer.TryWrite(frame))
                {
                    frame.Dispose();
                }
            }
        }
        finally
        {
            Kill(process);
            await stderr;
        }

        LogEnded(_log, _options.Url, end);
        return end;
    }

    /// <summary>Counts a restart of the decoder (called by whoever loops over sessions).</summary>
    public void CountReconnect() => Stats.Reconnected();

    public void Dispose()
    {
        _frames.Writer.TryComplete();
        while (_frames.Reader.TryRead(out var frame))
        {
            frame.Dispose();
        }
    }

    private ProcessStartInfo BuildStartInfo()
    {
        var psi = new ProcessStartInfo(_options.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        // RTSP over TCP (no UDP loss on a lossy roadside link) with a socket timeout; a file needs neither.
        string[] transport = _options.Url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase)
            ? ["-rtsp_transport", "tcp", "-timeout", ((long)_options.StallTimeout.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [];
        string[] args =
        [
            "-hide_banner", "-loglevel", "error", "-nostdin",
            .. transport,
            "-threads", _options.DecoderThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", _options.Url,
            "-an",
            "-vf", $"scale={_options.WidthPx}:{_options.HeightPx}",
            "-f", "rawvideo", "-pix_fmt", PixelFormatName(_options.PixelFormat), "pipe:1",
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    /// <summary>FFmpeg's name for the format (<c>ffmpeg -pix_fmts</c>).</summary>
    private static string PixelFormatName(FramePixelFormat format) => format switch
    {
        FramePixelFormat.I420 => "yuv420p",
        _ => "bgr24",
    };

    private async Task DrainStderrAsync(Process process)
    {
        try
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                LogDecoderSaid(_log, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Process gone.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Decoder started for {Url} at {Width}x{Height} (pid {Pid})")]
    private static partial void LogStarted(ILogger log, string url, int width, int height, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decoder for {Url} ended: {End}")]
    private static partial void LogEnded(ILogger log, string url, SessionEnd end);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the decoder '{Path}': {Reason}")]
    private static partial void LogStartFailed(ILogger log, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decoder: {Line}")]
    private static partial void LogDecoderSaid(ILogger log, string line);
}
