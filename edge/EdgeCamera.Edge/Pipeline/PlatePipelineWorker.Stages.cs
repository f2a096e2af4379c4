using System.Runtime.InteropServices;
using System.Threading.Channels;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// The frame path as two stages on their own threads, so detection of frame n+1 runs while frame n is read:
/// camera queue (bounded, drops the oldest) → detect → queue of detected frames (bounded,
/// <see cref="PipelineOptions.DetectedQueueCapacity"/>, drops the oldest, counted) → read, track and vote, judge,
/// store. Neither stage ever blocks the camera reader; a dropped frame is disposed by the queue that drops it.
/// A file replay (<see cref="QueueFullPolicy.Wait"/>) drops nothing: each stage waits for the next.
/// An <see cref="IPipelineObserver"/>, when given, is told as each frame leaves: read, or dropped between the stages.
/// </summary>
public sealed partial class PlatePipelineWorker
{
    /// <summary>Both stages until <paramref name="stoppingToken"/> or the end of <paramref name="frames"/> (the camera's
    /// queue in the unit; the bench's live run passes the same, tests their own), then the tracker's flush.</summary>
    internal async Task RunStagesAsync(ChannelReader<Frame> frames, CancellationToken stoppingToken)
    {
        var detected = DetectedQueue.Create(options.Value.DetectedQueueCapacity, stats, observer, options.Value.DetectedQueueFull);
        var detect = Task.Run(() => DetectStageAsync(frames, detected.Writer, stoppingToken), CancellationToken.None);
        try
        {
            await ReadStageAsync(detected.Reader, stoppingToken);
        }
        finally
        {
            await detect;
            while (detected.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    /// <summary>
    /// Detects each frame in camera order. With a detector that can prepare its input ahead
    /// (<see cref="IPipelinedPlateDetector"/>, <see cref="PipelineOptions.PrepareAhead"/>), a frame already waiting
    /// behind the current one is letterboxed on a thread of its own (<see cref="InputPreparer"/>) while the model runs
    /// on the current one; when none waits (a live camera slower than the stage) each frame is prepared and detected
    /// in turn.
    /// </summary>
    private async Task DetectStageAsync(ChannelReader<Frame> frames, ChannelWriter<DetectedFrame> output, CancellationToken stoppingToken)
    {
        int capacity = options.Value.MaxCandidatesPerFrame;
        var pipelined = options.Value.PrepareAhead ? detector as IPipelinedPlateDetector : null;
        var preparer = pipelined is null ? null : new InputPreparer(pipelined);
        Frame? current = null, next = null;
        int slot = 0;
        try
        {
            // Checked on every turn: a live camera keeps the queue full, so waiting for it would never see the token.
            while (!stoppingToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    if (!frames.TryRead(out current))
                    {
                        if (!await frames.WaitToReadAsync(stoppingToken))
                        {
                            break; // the camera's queue is complete
                        }

                        continue;
                    }

                    pipelined?.Prepare(current, slot);
                }

                if (preparer is not null && frames.TryRead(out next))
                {
                    preparer.Start(next, 1 - slot); // the other slot, while the model runs on this one
                }

                var item = DetectedFrame.Rent(current, capacity);
                current = null; // the item owns it now
                int found;
                try
                {
                    var candidates = item.Candidates.AsSpan(0, capacity);
                    found = pipelined is null ? detector.Detect(item.Frame, candidates) : pipelined.DetectPrepared(item.Frame, slot, candidates);
                    preparer?.Wait(); // the next frame's slot is filled (or Prepare's error rethrown) before going on
                }
                catch
                {
                    item.Dispose(); // the finally below waits for the preparer before the next frame goes
                    throw;
                }

                if (next is not null)
                {
                    (current, next, slot) = (next, null, 1 - slot); // prepared: detected on the next turn
                }

                item = item with { Count = found };
                if (!output.TryWrite(item) && !await WaitToWriteAsync(output, item, stoppingToken))
                {
                    item.Dispose(); // the read stage has finished (or we are stopping): nobody will take it
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            preparer?.Dispose(); // waits for a preparation still running before its frame goes
            current?.Dispose();
            next?.Dispose();
            output.TryComplete();
        }
    }

    /// <summary>Only a <see cref="QueueFullPolicy.Wait"/> queue is ever full for a writer: waits for room.
    /// False when the queue is closed or the pipeline stops (the caller disposes the frame).</summary>
    private static async ValueTask<bool> WaitToWriteAsync(ChannelWriter<DetectedFrame> output, DetectedFrame item, CancellationToken ct)
    {
        try
        {
            while (await output.WaitToWriteAsync(ct))
            {
                if (output.TryWrite(item))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }

        return false;
    }

    private async Task ReadStageAsync(ChannelReader<DetectedFrame> input, CancellationToken stoppingToken)
    {
        var reads = new List<PlateText?>(options.Value.MaxCandidatesPerFrame);
        var completed = new List<VehicleRead>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (input.TryRead(out var item))
                {
                    using (item)
                    {
                        if (stoppingToken.IsCancellationRequested)
                        {
                            break;
                        }

                        ReadAndTrack(item.Frame, item.Found, reads, completed);
                        observer?.FrameProcessed(item.Frame.Sequence, item.Frame.CapturedAtTimestamp, CollectionsMarshal.AsSpan(completed));
                    }

                    Report(completed);
                }

                // No frame waiting (or the camera is down): held reads whose hold is over are still judged.
                Report(completed);
                if (!await WaitForWorkAsync(input, stoppingToken))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: report what the tracker still holds so no vehicle already seen is lost.
        }

        tracker.Flush(completed);
        observer?.VehiclesFlushed(CollectionsMarshal.AsSpan(completed));
        Report(completed, final: true);
    }

    /// <summary>Waits for the next detected frame, at most <see cref="IdleCheck"/>; false when the queue is closed.</summary>
    private static async Task<bool> WaitForWorkAsync(ChannelReader<DetectedFrame> queue, CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(IdleCheck);
        try
        {
            return await queue.WaitToReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true; // idle check: back to judge what is due
        }
    }

    /// <summary>The read stage's work on one frame: read the best candidates, track and vote, feed the live view.</summary>
    private void ReadAndTrack(Frame frame, ReadOnlySpan<PlateCandidate> found, List<PlateText?> reads, List<VehicleRead> completed)
    {
        reads.Clear();
        int readCount = 0, attempts = 0, settled = 0;
        var maxReads = options.Value.MaxReadsPerFrame;
        for (var i = 0; i < found.Length; i++)
        {
            // Candidates come best first; past the budget, or on a track whose vote is settled, they are tracked
            // without a read.
            var worthReading = tracker.NeedsRead(found[i].Box, frame.Sequence);
            settled += worthReading ? 0 : 1;
            if (worthReading && attempts++ < maxReads && reader.TryRead(frame, found[i].ReadBox, out var text))
            {
                reads.Add(text);
                readCount++;
            }
            else
            {
                reads.Add(null);
            }
        }

        tracker.Observe(frame, found, reads, completed);
        evidenceFrames?.Offer(frame, found.Length); // frames with a plate, as JPEG, for the frames a violation names
        liveView.Offer(frame, found, reads); // ≤ 3 frames/s; JPEG only while watched, off this thread.
        stats.Frame(found.Length, readCount, settled);
    }
}
