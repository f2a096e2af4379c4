using System.IO.Ports;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Hardware.Radar;

/// <summary>
/// The speed radar on a serial port (System.IO.Ports). One call of <see cref="RunSessionAsync"/> opens the port
/// and reads until cancelled, silent for <see cref="RadarOptions.SilenceTimeout"/>, or the port fails; the caller
/// decides when to reopen. The bytes go through <see cref="RadarReceiver"/>, which does all the parsing.
/// </summary>
public sealed partial class SerialRadar : IRadar
{
    private readonly RadarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly RadarReceiver _receiver;

    public SerialRadar(RadarOptions options, TimeProvider time, ILogger<SerialRadar> log)
    {
        _options = options;
        _time = time;
        _log = log;
        _receiver = new RadarReceiver(options.DeviceId);
    }

    public RadarStats Stats => _receiver.Stats;

    public bool TryRead(out RadarReading reading) => _receiver.TryRead(out reading);

    /// <summary>Returns false when the port could not be opened.</summary>
    public async Task<bool> RunSessionAsync(CancellationToken ct)
    {
        using var port = new SerialPort(_options.PortName, _options.BaudRate, Parity.None, 8, StopBits.One);
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            LogOpenFailed(_log, _options.PortName, ex.Message);
            return false;
        }

        LogOpened(_log, _options.PortName, _options.BaudRate);
        await ReadAsync(port.BaseStream, ct);
        return true;
    }

    /// <summary>Reads a byte stream (the port's, or any other) into the receiver until it ends, goes silent or
    /// <paramref name="ct"/> is cancelled.</summary>
    public async Task ReadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[256]; // a few sentences (82 bytes at most each, NMEA 0183) per read
        while (!ct.IsCancellationRequested)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
            silence.CancelAfter(_options.SilenceTimeout);
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, silence.Token);
            }
            catch (OperationCanceledException)
            {
                if (!ct.IsCancellationRequested)
                {
                    LogSilent(_log, _options.PortName);
                }

                return;
            }
            catch (IOException ex)
            {
                LogReadFailed(_log, _options.PortName, ex.Message);
                return;
            }

            if (read == 0)
            {
                return;
            }

            _receiver.Feed(buffer.AsSpan(0, read), _time.GetTimestamp());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Radar port {Port} open at {Baud} baud")]
    private static partial void LogOpened(ILogger log, string port, int baud);

    [LoggerMessage(Level = LogLevel.Error, Message = "Radar port {Port} could not be opened: {Reason}")]
    private static partial void LogOpenFailed(ILogger log, string port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Radar port {Port} is silent; closing it")]
    private static partial void LogSilent(ILogger log, string port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Radar port {Port} read failed: {Reason}")]
    private static partial void LogReadFailed(ILogger log, string port, string reason);
}
