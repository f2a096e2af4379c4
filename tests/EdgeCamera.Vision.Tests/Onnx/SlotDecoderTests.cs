namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class SlotDecoderTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Fact]
    public void Filled_slots_read_left_to_right_and_empty_slots_end_the_text()
    {
        var probabilities = Slots(("3", 0.9f), ("9", 0.8f), ("B", 0.7f), (null, 0.95f), (null, 1f));
        var confidences = new float[5];

        string text = SlotDecoder.Decode(probabilities, 5, Alphabet, confidences, out int length, out float confidence);

        Assert.Equal("39B", text);
        Assert.Equal(3, length);
        Assert.Equal([0.9f, 0.8f, 0.7f], confidences[..3]);
        Assert.Equal(0.9f * 0.8f * 0.7f * 0.95f, confidence, 4);
    }

    [Fact]
    public void All_empty_slots_read_as_nothing()
    {
        var confidences = new float[3];

        string text = SlotDecoder.Decode(Slots((null, 1f), (null, 1f), (null, 1f)), 3, Alphabet, confidences, out int length, out _);

        Assert.Equal(string.Empty, text);
        Assert.Equal(0, length);
    }

    [Fact]
    public void Format_ids_name_their_country()
    {
        Assert.Equal("SA", Vision.Onnx.RecogniserModelInfo.CountryOf("sa-private"));
        Assert.Equal("KW", Vision.Onnx.RecogniserModelInfo.CountryOf("kw-private"));
        Assert.Equal("??", Vision.Onnx.RecogniserModelInfo.CountryOf("other"));
    }

    /// <summary>One slot per entry: the character (null = empty slot) gets the probability, the rest share what is left.</summary>
    private static float[] Slots(params (string? Char, float P)[] slots)
    {
        int classes = Alphabet.Length + 1;
        var result = new float[slots.Length * classes];
        for (int s = 0; s < slots.Length; s++)
        {
            int best = slots[s].Char is null ? 0 : Alphabet.IndexOf(slots[s].Char!, StringComparison.Ordinal) + 1;
            for (int c = 0; c < classes; c++)
            {
                result[(s * classes) + c] = c == best ? slots[s].P : (1 - slots[s].P) / (classes - 1);
            }
        }

        return result;
    }
}
