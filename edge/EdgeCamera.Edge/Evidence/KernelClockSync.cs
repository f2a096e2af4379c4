using System.Runtime.InteropServices;
using EdgeCamera.Contracts.Evidence;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Evidence;

/// <summary>
/// The clock's state as the Linux kernel keeps it for whatever disciplines it (chrony, ntpd, gpsd): read-only
/// <c>adjtimex(2)</c> with modes = 0, which needs no privilege. Unsynchronised when the kernel says TIME_ERROR or
/// STA_UNSYNC; the offset is the kernel's last measured offset, and the tolerance check adds its estimated error.
/// </summary>
public sealed partial class KernelClockSync(IOptions<EvidenceOptions> options) : IClockSyncSource
{
    // adjtimex(2): return value TIME_ERROR, status bits STA_UNSYNC and STA_NANO (<sys/timex.h>, Linux uapi timex.h).
    private const int TimeError = 5;
    private const int StaUnsync = 0x0040;
    private const int StaNano = 0x2000;

    public ClockSyncState Current()
    {
        var o = options.Value;
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return new ClockSyncState(ClockSyncState.Unsynchronised, 0, WithinTolerance: false);
        }

        var timex = default(Timex);
        var state = AdjTimex(ref timex);
        return Interpret(state, timex.Status, timex.Offset, timex.EstError, o.ClockSource, o.ClockTolerance);
    }

    /// <summary>The kernel's numbers → the manifest's clock state. <paramref name="offset"/> in µs (ns with STA_NANO),
    /// <paramref name="estErrorUs"/> in µs.</summary>
    internal static ClockSyncState Interpret(int state, int status, long offset, long estErrorUs, string source, TimeSpan tolerance)
    {
        var offsetMs = (status & StaNano) != 0 ? offset / 1_000_000.0 : offset / 1_000.0;
        offsetMs = Math.Round(offsetMs, 3);
        if (state < 0 || state == TimeError || (status & StaUnsync) != 0)
        {
            return new ClockSyncState(ClockSyncState.Unsynchronised, offsetMs, WithinTolerance: false);
        }

        var worstMs = Math.Abs(offsetMs) + (estErrorUs / 1_000.0);
        return new ClockSyncState(source, offsetMs, worstMs <= tolerance.TotalMilliseconds);
    }

    [DllImport("libc", EntryPoint = "adjtimex")]
    private static extern int AdjTimex(ref Timex buffer);

    /// <summary>The head of glibc's <c>struct timex</c> on 64-bit Linux (x86_64 and aarch64 share it); 208 bytes in all.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 208)]
    private struct Timex
    {
        [FieldOffset(0)]
        public uint Modes;

        [FieldOffset(8)]
        public long Offset;

        [FieldOffset(32)]
        public long EstError;

        [FieldOffset(40)]
        public int Status;
    }
}
