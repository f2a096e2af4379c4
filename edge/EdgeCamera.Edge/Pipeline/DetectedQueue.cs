using System.Threading.Channels;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// The queue between the detect and read stages: bounded; when full the OLDEST detected frame is dropped, disposed
/// (its pooled frame and candidate array go back) and counted, so the newest frames are read and the detect stage
/// never waits.
/// </summary>
internal static class DetectedQueue
{
    public static Channel<DetectedFrame> Create(int capacity, PipelineStats stats) =>
        Channel.CreateBounded<DetectedFrame>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            dropped =>
            {
                stats.DroppedDetected();
                dropped.Dispose();
            });
}
