using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// Two recognisers trained apart (models/plate-recogniser.onnx and plate-recogniser-b.onnx: different data and
/// seeds, so they misread different plates): the first reads every plate; when its confidence is below
/// <see cref="AskBelow"/> the second reads it too. When both read the same Latin text the first's read is kept whole,
/// so its Arabic half and halves check (the one <see cref="PlateText.DifferMinCharConfidence"/> was chosen for) stand;
/// when they differ, the read with the higher confidence wins, whole (Latin text, format, Arabic half), so the halves
/// check always compares two rows one model read. Counts how often each happened, so the harness can show what the
/// second model costs and changes (models/cards/plate-recogniser.md, "Two recognisers", measures it).
/// Owns both readers; not thread-safe.
/// </summary>
public sealed class BestOfTwoPlateReader(IPlateReader first, IPlateReader second, double askBelow) : IPlateReader, IDisposable
{
    public double AskBelow { get; } = askBelow;

    /// <summary>The recogniser that reads every plate.</summary>
    public IPlateReader First { get; } = first;

    /// <summary>The recogniser asked below <see cref="AskBelow"/>.</summary>
    public IPlateReader Second { get; } = second;

    /// <summary>Plates the second model read as well.</summary>
    public long Asked { get; private set; }

    /// <summary>Plates whose read came from the second model (it read other text, more confidently, or the first read
    /// nothing).</summary>
    public long SecondWon { get; private set; }

    public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
    {
        bool firstRead = First.TryRead(frame, plate, out var mine);
        if (firstRead && mine!.Confidence >= AskBelow)
        {
            text = mine;
            return true;
        }

        Asked++;
        if (Second.TryRead(frame, plate, out var theirs)
            && (!firstRead || (!string.Equals(theirs.Text, mine!.Text, StringComparison.Ordinal) && theirs.Confidence > mine.Confidence)))
        {
            SecondWon++;
            text = theirs;
            return true;
        }

        text = mine;
        return firstRead;
    }

    public void Dispose()
    {
        (First as IDisposable)?.Dispose();
        (Second as IDisposable)?.Dispose();
    }
}
