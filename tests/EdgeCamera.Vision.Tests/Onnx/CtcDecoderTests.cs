namespace EdgeCamera.Vision.Tests.Onnx;

public sealed class CtcDecoderTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Fact]
    public void Repeated_columns_merge_into_one_character_and_blanks_are_dropped()
    {
        var probabilities = Columns((null, 0.99f), ("3", 0.6f), ("3", 0.9f), (null, 0.9f), ("9", 0.8f), (null, 1f), ("B", 0.7f));
        var confidences = new float[7];

        string text = CtcDecoder.Decode(probabilities, 7, Alphabet, confidences, out int length, out float confidence);

        Assert.Equal("39B", text);
        Assert.Equal(3, length);
        Assert.Equal([0.9f, 0.8f, 0.7f], confidences[..3]);
        Assert.Equal(0.99f * 0.6f * 0.9f * 0.9f * 0.8f * 1f * 0.7f, confidence, 4);
    }

    [Fact]
    public void A_blank_between_two_equal_characters_keeps_both()
    {
        var confidences = new float[5];

        string text = CtcDecoder.Decode(Columns(("7", 1f), ("7", 1f), (null, 1f), ("7", 1f), (null, 1f)), 5, Alphabet, confidences, out int length, out _);

        Assert.Equal("77", text);
        Assert.Equal(2, length);
    }

    [Fact]
    public void Only_blanks_read_as_nothing()
    {
        string text = CtcDecoder.Decode(Columns((null, 1f), (null, 1f)), 2, Alphabet, new float[2], out int length, out _);

        Assert.Equal(string.Empty, text);
        Assert.Equal(0, length);
    }

    /// <summary>One column per entry: the character (null = blank) gets the probability, the rest share what is left.</summary>
    private static float[] Columns(params (string? Char, float P)[] columns)
    {
        int classes = Alphabet.Length + 1;
        var result = new float[columns.Length * classes];
        for (int s = 0; s < columns.Length; s++)
        {
            int best = columns[s].Char is null ? 0 : Alphabet.IndexOf(columns[s].Char!, StringComparison.Ordinal) + 1;
            for (int c = 0; c < classes; c++)
            {
                result[(s * classes) + c] = c == best ? columns[s].P : (1 - columns[s].P) / (classes - 1);
            }
        }

        return result;
    }
}
