namespace EdgeCamera.Edge.Pipeline;

/// <summary>What the queue between the detect and read stages does when the read stage is behind.</summary>
public enum QueueFullPolicy
{
    /// <summary>Drop the oldest detected frame (disposed and counted): a live camera's fresh frame is worth more than
    /// a late one, and the tracker bridges the gap. The unit's setting.</summary>
    DropOldest,

    /// <summary>The detect stage waits for room: no frame skipped. Only for a source that can wait too — replaying a
    /// recorded file for re-analysis, the bench's offline run — never a live camera, whose own queue would then drop.</summary>
    Wait,
}
