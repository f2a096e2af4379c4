namespace EdgeCamera.Vision;

/// <summary>
/// A plate found in a frame: its box in full-resolution pixels and a detector score in [0, 1]. <see cref="ReadBox"/>
/// is where a reader cuts the plate: the same box unless a wrapper redrew <see cref="Box"/> and kept the detector's
/// box for the read (<see cref="RefinedPlateDetector"/>), since the recogniser learned on crops cut around boxes like
/// the detector's.
/// </summary>
public readonly record struct PlateCandidate(PixelBox Box, float Score)
{
    private readonly PixelBox? _readBox;

    /// <summary>The box a reader cuts; <see cref="Box"/> unless set apart. Set it after <see cref="Box"/> in an
    /// initialiser: a read box equal to the box is stored as none, so such candidates compare equal.</summary>
    public PixelBox ReadBox
    {
        get => _readBox ?? Box;
        init => _readBox = value == Box ? null : value;
    }
}
