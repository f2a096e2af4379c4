namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// One change of a loop detector's output: the loop became occupied (a vehicle's front entered it) or free (its
/// rear left it). <paramref name="Timestamp"/> is monotonic (<see cref="TimeProvider.GetTimestamp"/> units), the
/// same clock as <c>Frame.CapturedAtTimestamp</c>, so loop passages and video frames can be put side by side.
/// </summary>
public readonly record struct LoopEdge(int Lane, LoopPosition Position, bool Occupied, long Timestamp);
