namespace EdgeCamera.Hardware.Loops;

/// <summary>
/// Loop pairs driven by a scenario (<see cref="Scenario.ScenarioPlayer"/>): the player computes when a vehicle of a
/// given speed and length would switch each loop and feeds those edges here, so the same tracker does the same
/// arithmetic as on the road.
/// </summary>
public sealed class SimulatedLoopDetector : ILoopDetector
{
    private readonly LoopEdgeProcessor _processor;
    private readonly TimeProvider _time;

    public SimulatedLoopDetector(LoopsOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
        _processor = new LoopEdgeProcessor(options, time);
    }

    public LoopsOptions Options { get; }

    public LoopStats Stats => _processor.Stats;

    public void Inject(LoopEdge edge) => _processor.Process(edge);

    public bool TryRead(out LoopPassage passage)
    {
        _processor.Expire(_time.GetTimestamp());
        return _processor.TryRead(out passage);
    }
}
