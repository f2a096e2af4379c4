using System.Buffers;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// A frame on its way from the detect stage to the read stage, with the plates found in it. Owns the frame and a
/// pooled candidate array: whoever holds it last (the read stage, or the queue when it drops it) disposes it.
/// </summary>
internal readonly record struct DetectedFrame(Frame Frame, PlateCandidate[] Candidates, int Count) : IDisposable
{
    public static DetectedFrame Rent(Frame frame, int capacity) =>
        new(frame, ArrayPool<PlateCandidate>.Shared.Rent(capacity), 0);

    public ReadOnlySpan<PlateCandidate> Found => Candidates.AsSpan(0, Count);

    public void Dispose()
    {
        Frame.Dispose();
        ArrayPool<PlateCandidate>.Shared.Return(Candidates);
    }
}
