using EdgeCamera.Edge.Pipeline;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Edge.Tests.Pipeline;

public sealed class DetectedQueueTests
{
    [Fact]
    public void A_full_queue_drops_disposes_and_counts_the_oldest_detected_frame()
    {
        var stats = new PipelineStats();
        var queue = DetectedQueue.Create(2, stats);
        var frames = Enumerable.Range(0, 3).Select(i => new Frame(8, 8, i, DateTimeOffset.UnixEpoch, i)).ToArray();

        foreach (var frame in frames)
        {
            Assert.True(queue.Writer.TryWrite(DetectedFrame.Rent(frame, 4)));
        }

        Assert.True(frames[0].IsDisposed);
        Assert.False(frames[1].IsDisposed);
        Assert.Equal(1, stats.DetectedDropped);
        Assert.True(queue.Reader.TryRead(out var first));
        Assert.Equal(1, first.Frame.Sequence);
        first.Dispose();
        Assert.True(frames[1].IsDisposed);
        Assert.True(queue.Reader.TryRead(out var second));
        second.Dispose();
    }
}
