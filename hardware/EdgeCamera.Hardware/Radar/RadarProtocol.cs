using System.Globalization;

namespace EdgeCamera.Hardware.Radar;

/// <summary>
/// Our radar line protocol (hardware/docs/radar-protocol.md): NMEA 0183-style ASCII sentences,
/// <c>$SPD,&lt;lane&gt;,&lt;km/h&gt;,&lt;A|R&gt;,&lt;quality&gt;*&lt;XX&gt;</c> and <c>$HBT,&lt;counter&gt;*&lt;XX&gt;</c>, where XX is the XOR
/// of the characters between <c>$</c> and <c>*</c> in two upper-case hex digits. Parsing never throws.
/// </summary>
public static class RadarProtocol
{
    /// <summary>Longest sentence, including <c>$</c> and CR LF: the NMEA 0183 limit.</summary>
    public const int MaxLineLength = 82;

    /// <summary>Highest speed we accept from the radar: above any road vehicle, below a glitch's nonsense.</summary>
    public const double MaxSpeedKmh = 400;

    public const int MaxLane = 9;

    public static bool TryParse(ReadOnlySpan<char> line, out RadarSentence sentence, out RadarRejection rejection)
    {
        sentence = default;
        line = line.TrimEnd("\r\n");
        rejection = Check(line);
        if (rejection != RadarRejection.None)
        {
            return false;
        }

        var star = line.LastIndexOf('*');
        var body = line[1..star];
        Span<Range> fields = stackalloc Range[7];
        var count = body.Split(fields, ',');
        var name = body[fields[0]];
        if (name.SequenceEqual("SPD"))
        {
            rejection = ParseSpeed(body, fields[..count], out sentence);
        }
        else if (name.SequenceEqual("HBT"))
        {
            rejection = ParseHeartbeat(body, fields[..count], out sentence);
        }
        else
        {
            rejection = RadarRejection.UnknownSentence;
        }

        return rejection == RadarRejection.None;
    }

    /// <summary>Writes a speed sentence with its checksum and CR LF (the simulated radar and tests use it).</summary>
    public static string FormatSpeed(int lane, double speedKmh, RadarDirection direction, int qualityPercent) =>
        Frame(string.Create(
            CultureInfo.InvariantCulture,
            $"SPD,{lane},{speedKmh:0.0},{(direction == RadarDirection.Approaching ? 'A' : 'R')},{qualityPercent}"));

    public static string FormatHeartbeat(int counter) =>
        Frame(string.Create(CultureInfo.InvariantCulture, $"HBT,{counter}"));

    /// <summary>XOR of every character between <c>$</c> and <c>*</c>.</summary>
    public static byte Checksum(ReadOnlySpan<char> body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return sum;
    }

    private static string Frame(string body) =>
        string.Create(CultureInfo.InvariantCulture, $"${body}*{Checksum(body):X2}\r\n");

    private static RadarRejection Check(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return RadarRejection.Empty;
        }

        if (line.Length > MaxLineLength - 2)
        {
            return RadarRejection.Oversized;
        }

        foreach (var c in line)
        {
            if (c is < ' ' or > '~')
            {
                return RadarRejection.NotAscii;
            }
        }

        if (line[0] != '$')
        {
            return RadarRejection.NoStart;
        }

        var star = line.LastIndexOf('*');
        if (star < 1 || star != line.Length - 3)
        {
            return RadarRejection.NoChecksum;
        }

        if (!byte.TryParse(line[(star + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
        {
            return RadarRejection.NoChecksum;
        }

        return Checksum(line[1..star]) == expected ? RadarRejection.None : RadarRejection.BadChecksum;
    }

    private static RadarRejection ParseSpeed(ReadOnlySpan<char> body, ReadOnlySpan<Range> fields, out RadarSentence sentence)
    {
        sentence = default;
        if (fields.Length != 5)
        {
            return RadarRejection.WrongFieldCount;
        }

        if (!TryInt(body[fields[1]], 1, MaxLane, out var lane))
        {
            return RadarRejection.BadLane;
        }

        var speedText = body[fields[2]];
        if (speedText.IsEmpty || speedText.Length > 6
            || !double.TryParse(speedText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var speed)
            || speed > MaxSpeedKmh)
        {
            return RadarRejection.BadSpeed;
        }

        var dir = body[fields[3]];
        RadarDirection direction;
        if (dir.SequenceEqual("A"))
        {
            direction = RadarDirection.Approaching;
        }
        else if (dir.SequenceEqual("R"))
        {
            direction = RadarDirection.Receding;
        }
        else
        {
            return RadarRejection.BadDirection;
        }

        if (!TryInt(body[fields[4]], 0, 99, out var quality))
        {
            return RadarRejection.BadQuality;
        }

        sentence = new RadarSentence(RadarSentenceKind.Speed, lane, speed, direction, quality, 0);
        return RadarRejection.None;
    }

    private static RadarRejection ParseHeartbeat(ReadOnlySpan<char> body, ReadOnlySpan<Range> fields, out RadarSentence sentence)
    {
        sentence = default;
        if (fields.Length != 2)
        {
            return RadarRejection.WrongFieldCount;
        }

        if (!TryInt(body[fields[1]], 0, 65535, out var counter))
        {
            return RadarRejection.BadHeartbeat;
        }

        sentence = new RadarSentence(RadarSentenceKind.Heartbeat, 0, 0, default, 0, counter);
        return RadarRejection.None;
    }

    private static bool TryInt(ReadOnlySpan<char> text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
