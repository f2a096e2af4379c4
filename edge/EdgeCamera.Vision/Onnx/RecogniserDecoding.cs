namespace EdgeCamera.Vision.Onnx;

/// <summary>How the recogniser's text outputs are read (models/CONTRACT.md).</summary>
public enum RecogniserDecoding
{
    /// <summary>One class per slot, class 0 = empty slot, slots in canonical order.</summary>
    Slots,

    /// <summary>One class per image column, class 0 = CTC blank; repeats merged, blanks dropped.</summary>
    Ctc,
}
