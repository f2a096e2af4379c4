using EdgeCamera.Violations.Site;

namespace EdgeCamera.Violations.Calibration;

/// <summary>Answers whether a device was in calibration on the (site local) day of a measurement.</summary>
public sealed class CalibrationRegister
{
    private readonly Dictionary<string, CalibrationRecordOptions> _byDevice;
    private readonly SiteClock _clock;

    public CalibrationRegister(CalibrationOptions options, SiteClock clock)
    {
        _byDevice = options.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        _clock = clock;
    }

    public CalibrationStatus Check(string deviceId, DateTimeOffset measuredAtUtc, out CalibrationRecordOptions? record)
    {
        if (!_byDevice.TryGetValue(deviceId, out record))
        {
            return CalibrationStatus.Unknown;
        }

        var day = _clock.LocalDate(measuredAtUtc);
        return day > record.ExpiresOn ? CalibrationStatus.Expired
            : day < record.CalibratedOn ? CalibrationStatus.NotYetValid
            : CalibrationStatus.Valid;
    }
}
