using System.Text;
using EdgeCamera.Hardware.Radar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Hardware.Tests;

public sealed class RadarProtocolTests
{
    [Fact]
    public void A_speed_sentence_with_a_good_checksum_is_parsed_into_lane_speed_direction_and_quality()
    {
        // The checksum computed independently (Python, functools.reduce over XOR): "SPD,1,87.5,A,92" → 0x28.
        Assert.True(RadarProtocol.TryParse("$SPD,1,87.5,A,92*28\r\n", out var s, out var why), why.ToString());

        Assert.Equal(RadarSentenceKind.Speed, s.Kind);
        Assert.Equal(1, s.Lane);
        Assert.Equal(87.5, s.SpeedKmh);
        Assert.Equal(RadarDirection.Approaching, s.Direction);
        Assert.Equal(92, s.QualityPercent);
    }

    [Fact]
    public void What_the_simulated_radar_writes_parses_back_to_the_same_values()
    {
        var line = RadarProtocol.FormatSpeed(2, 123.4, RadarDirection.Receding, 7);

        Assert.True(RadarProtocol.TryParse(line, out var s, out _));
        Assert.Equal((2, 123.4, RadarDirection.Receding, 7), (s.Lane, s.SpeedKmh, s.Direction, s.QualityPercent));
        Assert.True(RadarProtocol.TryParse(RadarProtocol.FormatHeartbeat(65535), out var hb, out _));
        Assert.Equal((RadarSentenceKind.Heartbeat, 65535), (hb.Kind, hb.HeartbeatCounter));
    }

    [Theory]
    [InlineData("", RadarRejection.Empty)]
    [InlineData("SPD,1,87.5,A,92*28", RadarRejection.NoStart)]
    [InlineData("$SPD,1,87.5,A,92*29", RadarRejection.BadChecksum)]
    [InlineData("$SPD,1,87.5,A,92", RadarRejection.NoChecksum)]
    [InlineData("$SPD,1,87.5,A,92*", RadarRejection.NoChecksum)]
    [InlineData("$SPD,1,87.5,A,92*G1", RadarRejection.NoChecksum)]
    [InlineData("$SPD,1,87.5,A,92\t*28", RadarRejection.NotAscii)]
    public void Lines_that_are_not_well_formed_sentences_are_rejected_with_their_reason(string line, RadarRejection expected)
    {
        Assert.False(RadarProtocol.TryParse(line, out _, out var why));
        Assert.Equal(expected, why);
    }

    [Theory]
    [InlineData("SPD,0,87.5,A,92", RadarRejection.BadLane)]
    [InlineData("SPD,10,87.5,A,92", RadarRejection.BadLane)]
    [InlineData("SPD,1,-5,A,92", RadarRejection.BadSpeed)]
    [InlineData("SPD,1,400.1,A,92", RadarRejection.BadSpeed)]
    [InlineData("SPD,1,1e3,A,92", RadarRejection.BadSpeed)]
    [InlineData("SPD,1,87.5,X,92", RadarRejection.BadDirection)]
    [InlineData("SPD,1,87.5,A,100", RadarRejection.BadQuality)]
    [InlineData("SPD,1,87.5,A", RadarRejection.WrongFieldCount)]
    [InlineData("SPD,1,87.5,A,92,1,2,3,4", RadarRejection.WrongFieldCount)]
    [InlineData("HBT,x", RadarRejection.BadHeartbeat)]
    [InlineData("XYZ,1", RadarRejection.UnknownSentence)]
    public void Sentences_with_a_good_checksum_but_impossible_fields_are_rejected(string body, RadarRejection expected)
    {
        var line = $"${body}*{RadarProtocol.Checksum(body):X2}";

        Assert.False(RadarProtocol.TryParse(line, out _, out var why));
        Assert.Equal(expected, why);
    }

    [Fact]
    public void Garbage_truncated_and_oversized_lines_are_counted_and_the_next_good_sentence_still_arrives()
    {
        var receiver = new RadarReceiver("RADAR-1");
        var good = RadarProtocol.FormatSpeed(1, 95.0, RadarDirection.Approaching, 80);
        var wire = new List<byte>();
        wire.AddRange([0xFF, 0x00, 0x13, 0x80, (byte)'\n']);                          // line noise
        wire.AddRange(Encoding.ASCII.GetBytes("$SPD,1,95.0,A,8\n"));                   // truncated: no checksum
        wire.AddRange(Encoding.ASCII.GetBytes(new string('X', 10_000) + "\r\n"));      // oversized
        wire.AddRange(Encoding.ASCII.GetBytes(good));
        wire.AddRange(Encoding.ASCII.GetBytes("$SPD,2,60.0,R,"));                      // cut off mid-sentence…
        wire.AddRange(Encoding.ASCII.GetBytes(good));                                  // …by the next one

        receiver.Feed(wire.ToArray(), timestamp: 42);

        Assert.True(receiver.TryRead(out var reading));
        Assert.Equal(new RadarReading("RADAR-1", 1, 95.0, RadarDirection.Approaching, 80, 42), reading);
        Assert.False(receiver.TryRead(out _));
        Assert.Equal(1, receiver.Stats.Readings);
        Assert.Equal(1, receiver.Stats.Rejected(RadarRejection.NotAscii));
        Assert.Equal(1, receiver.Stats.Rejected(RadarRejection.NoChecksum));
        Assert.Equal(1, receiver.Stats.Rejected(RadarRejection.Oversized));
        Assert.Equal(1, receiver.Stats.Rejected(RadarRejection.BadChecksum));
        Assert.Equal(4, receiver.Stats.RejectedTotal);
    }

    [Fact]
    public void A_sentence_split_across_reads_is_put_back_together()
    {
        var receiver = new RadarReceiver("RADAR-1");
        var bytes = Encoding.ASCII.GetBytes(RadarProtocol.FormatSpeed(3, 51.2, RadarDirection.Receding, 60));

        for (var i = 0; i < bytes.Length; i++)
        {
            receiver.Feed(bytes.AsSpan(i, 1), timestamp: i);
        }

        Assert.True(receiver.TryRead(out var reading));
        Assert.Equal(51.2, reading.SpeedKmh);
        Assert.Equal(bytes.Length - 1, reading.Timestamp);
    }

    [Fact]
    public void A_sentence_of_exactly_the_longest_allowed_length_is_accepted_and_one_more_byte_is_oversized()
    {
        var receiver = new RadarReceiver("RADAR-1");
        var pad = new string('0', RadarProtocol.MaxLineLength - 2 - "$SPD,1,1.0,A,*XX".Length);
        foreach (var extra in new[] { "", "0" })
        {
            var body = $"SPD,1,1.0,A,{pad}{extra}";
            var line = $"${body}*{RadarProtocol.Checksum(body):X2}\r\n";
            receiver.Feed(Encoding.ASCII.GetBytes(line), 0);
        }

        Assert.Equal(1, receiver.Stats.Readings);
        Assert.Equal(1, receiver.Stats.Rejected(RadarRejection.Oversized));
    }

    [Fact]
    public void Heartbeats_are_counted_and_stamped_but_are_not_readings()
    {
        var radar = new SimulatedRadar("RADAR-1");

        radar.Receive(Encoding.ASCII.GetBytes(RadarProtocol.FormatHeartbeat(7)), timestamp: 1234);

        Assert.False(radar.TryRead(out _));
        Assert.Equal(1, radar.Stats.Heartbeats);
        Assert.Equal(1234, radar.Stats.LastHeartbeatTimestamp);
    }

    [Fact]
    public async Task The_serial_radar_reads_sentences_from_its_byte_stream_until_the_stream_ends()
    {
        var time = new FakeTimeProvider();
        var radar = new SerialRadar(new RadarOptions(), time, NullLogger<SerialRadar>.Instance);
        var text = RadarProtocol.FormatSpeed(1, 70.0, RadarDirection.Approaching, 90) + "noise\r\n"
            + RadarProtocol.FormatSpeed(2, 65.5, RadarDirection.Receding, 90);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));

        await radar.ReadAsync(stream, CancellationToken.None);

        Assert.True(radar.TryRead(out var first));
        Assert.True(radar.TryRead(out var second));
        Assert.Equal((1, 70.0, 2, 65.5), (first.Lane, first.SpeedKmh, second.Lane, second.SpeedKmh));
        Assert.Equal(1, radar.Stats.Rejected(RadarRejection.NoStart));
    }

    [Fact]
    public async Task A_serial_port_that_does_not_exist_ends_the_session_without_throwing()
    {
        var radar = new SerialRadar(new RadarOptions { PortName = "/dev/ttyEDGECAM-NONE" }, TimeProvider.System, NullLogger<SerialRadar>.Instance);

        Assert.False(await radar.RunSessionAsync(CancellationToken.None));
    }
}
