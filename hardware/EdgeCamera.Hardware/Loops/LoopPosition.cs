namespace EdgeCamera.Hardware.Loops;

/// <summary>Which loop of a lane's pair: the one a vehicle travelling the lane's way meets first, or second.</summary>
public enum LoopPosition
{
    Leading,
    Trailing,
}
