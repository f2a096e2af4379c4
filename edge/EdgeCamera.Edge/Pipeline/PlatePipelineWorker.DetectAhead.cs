using System.Threading.Channels;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// The detect stage for a detector that can prepare its input ahead (<see cref="IPipelinedPlateDetector"/>): when the
/// next frame is already waiting, it is letterboxed on a thread of its own (<see cref="InputPreparer"/>) while the model
/// runs on this one. When no frame waits (a live camera slower than the stage) nothing changes: each frame is
/// prepared and detected in turn. Frames leave in camera order, as from the plain stage.
/// </summary>
public sealed partial class PlatePipelineWorker
{
    private async Task DetectAheadStageAsync(IPipelinedPlateDetector pipelined, ChannelReader<Frame> frames, ChannelWriter<DetectedFrame> output, CancellationToken stoppingToken)
    {
        int capacity = options.Value.MaxCandidatesPerFrame;
        using var preparer = new InputPreparer(pipelined);
        Frame? current = null, next = null;
        int slot = 0;
        try
        {
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

                    pipelined.Prepare(current, slot);
                }

                if (frames.TryRead(out next))
                {
                    preparer.Start(next, 1 - slot); // the other slot, while the model runs on this one
                }

                var item = DetectedFrame.Rent(current, capacity);
                current = null; // the item owns it now
                int found;
                try
                {
                    found = pipelined.DetectPrepared(item.Frame, slot, item.Candidates.AsSpan(0, capacity));
                    preparer.Wait(); // the next frame's slot is filled (or Prepare's error rethrown) before going on
                }
                catch
                {
                    item.Dispose(); // and the finally below waits for the preparer before the next frame goes
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
            preparer.Dispose(); // waits for a preparation still running before its frame goes
            current?.Dispose();
            next?.Dispose();
            output.TryComplete();
        }
    }
}
