using System.Collections.Concurrent;

namespace EdgeCamera.Hardware.Radar;

/// <summary>
/// Cuts the radar's byte stream into lines and parses them. Never holds more than
/// <see cref="RadarProtocol.MaxLineLength"/> bytes: a longer line is skipped up to its newline and counted as
/// oversized, so noise on the wire (a baud-rate mismatch, a loose connector) cannot grow memory or stop the link.
/// Feed it from one thread; reading is thread-safe.
/// </summary>
public sealed class RadarReceiver
{
    /// <summary>Readings kept for the reader (bounded, oldest dropped and counted).</summary>
    public const int QueueCapacity = 256;

    private readonly string _deviceId;
    private readonly char[] _line = new char[RadarProtocol.MaxLineLength];
    private readonly ConcurrentQueue<RadarReading> _readings = new();
    private int _length;
    private bool _overflowed;
    private bool _binary;

    public RadarReceiver(string deviceId)
    {
        _deviceId = deviceId;
    }

    public RadarStats Stats { get; } = new();

    /// <summary>Takes bytes as they came off the wire; <paramref name="timestamp"/> stamps lines ending in them.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, long timestamp)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                EndLine(timestamp);
                continue;
            }

            if (_length == _line.Length)
            {
                _overflowed = true;
                continue;
            }

            if (b > 0x7E)
            {
                _binary = true;
            }

            _line[_length++] = (char)b;
        }
    }

    public bool TryRead(out RadarReading reading) => _readings.TryDequeue(out reading!);

    private void EndLine(long timestamp)
    {
        var line = _line.AsSpan(0, _length);
        var overflowed = _overflowed;
        var binary = _binary;
        _length = 0;
        _overflowed = false;
        _binary = false;
        if (overflowed)
        {
            Stats.Reject(RadarRejection.Oversized);
            return;
        }

        if (binary)
        {
            Stats.Reject(RadarRejection.NotAscii);
            return;
        }

        if (!RadarProtocol.TryParse(line, out var sentence, out var why))
        {
            Stats.Reject(why);
            return;
        }

        if (sentence.Kind == RadarSentenceKind.Heartbeat)
        {
            Stats.Heartbeat(timestamp);
            return;
        }

        var reading = new RadarReading(_deviceId, sentence.Lane, sentence.SpeedKmh, sentence.Direction, sentence.QualityPercent, timestamp);
        Stats.Reading(reading);
        _readings.Enqueue(reading);
        while (_readings.Count > QueueCapacity && _readings.TryDequeue(out _))
        {
            Stats.DroppedOne();
        }
    }
}
