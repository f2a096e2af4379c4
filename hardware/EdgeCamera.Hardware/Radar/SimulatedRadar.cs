using System.Text;

namespace EdgeCamera.Hardware.Radar;

/// <summary>
/// A radar driven by a scenario (<see cref="Scenario.ScenarioPlayer"/>): each measurement is written as a protocol
/// sentence and fed through the same <see cref="RadarReceiver"/> as the serial radar's bytes.
/// </summary>
public sealed class SimulatedRadar : IRadar
{
    private readonly RadarReceiver _receiver;

    public SimulatedRadar(string deviceId)
    {
        _receiver = new RadarReceiver(deviceId);
    }

    public RadarStats Stats => _receiver.Stats;

    public void Measure(int lane, double speedKmh, RadarDirection direction, int qualityPercent, long timestamp) =>
        _receiver.Feed(Encoding.ASCII.GetBytes(RadarProtocol.FormatSpeed(lane, speedKmh, direction, qualityPercent)), timestamp);

    /// <summary>Raw bytes as if they came over the wire (noise, a heartbeat, a half sentence).</summary>
    public void Receive(ReadOnlySpan<byte> bytes, long timestamp) => _receiver.Feed(bytes, timestamp);

    public bool TryRead(out RadarReading reading) => _receiver.TryRead(out reading);
}
