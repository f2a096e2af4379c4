namespace EdgeCamera.Hardware.Loops;

/// <summary>Induction-loop pairs, one per lane: vehicles measured, oldest first.</summary>
public interface ILoopDetector
{
    /// <summary>Takes the oldest measured passage; false when none is waiting.</summary>
    bool TryRead(out LoopPassage passage);

    LoopStats Stats { get; }
}
