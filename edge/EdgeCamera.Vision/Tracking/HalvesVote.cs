namespace EdgeCamera.Vision.Tracking;

/// <summary>
/// The halves check over one text's reads: how many frames found the Arabic half saying the same as the Latin half,
/// how many found it confidently different (<see cref="PlateText.HalvesAgree"/>), and the last such Arabic read. The
/// Arabic script is composed once, for the decision (<see cref="ArabicScript"/>), not per frame.
/// The vehicle's plate is called mismatched only when at least <see cref="MinDifferingReads"/> frames say so and they
/// outnumber the agreeing ones: one frame's misread must not mark a genuine plate as forged.
/// </summary>
internal struct HalvesVote
{
    /// <summary>Frames that must find the halves different. Per frame, none of the 982 genuine Saudi plates read with
    /// both halves in the 1920×1080 synthetic test scenes was flagged as differing (models/cards/plate-recogniser.md);
    /// two keeps one stray read, of a kind those scenes lack, from flagging a plate.</summary>
    public const int MinDifferingReads = 2;

    private int _agree;
    private int _differ;
    private string? _differingHalf;
    private IReadOnlyDictionary<char, char>? _letters;

    public void Add(PlateText read)
    {
        _letters ??= read.ArabicLetters; // one model, one table
        switch (read.HalvesAgree)
        {
            case true:
                _agree++;
                break;
            case false:
                _differ++;
                _differingHalf = read.ArabicHalf;
                break;
        }
    }

    public void Absorb(HalvesVote other)
    {
        _agree += other._agree;
        _differ += other._differ;
        _differingHalf ??= other._differingHalf;
        _letters ??= other._letters;
    }

    /// <summary>true, false (mismatch) or null (never compared, or too few differing reads to say).</summary>
    public readonly bool? Agree => _differ >= MinDifferingReads && _differ > _agree ? false : _agree > 0 ? true : null;

    /// <summary>The Arabic half as read (canonical Latin) for <paramref name="text"/>: the text itself when the halves
    /// agree, the differing read when they do not; null when not compared.</summary>
    public readonly string? ArabicHalf(string text) => Agree switch
    {
        true => text,
        false => _differingHalf,
        null => null,
    };

    /// <summary>The Arabic half in Arabic script, as <see cref="ArabicHalf"/> chooses it; null also when the reads
    /// came with no letter table.</summary>
    public readonly string? ArabicScript(string text) => ArabicLine.Compose(ArabicHalf(text), _letters);
}
