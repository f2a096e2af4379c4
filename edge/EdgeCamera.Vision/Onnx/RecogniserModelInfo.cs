namespace EdgeCamera.Vision.Onnx;

/// <summary>
/// What the edge needs to know about the plate recogniser (models/CONTRACT.md): crop size and margin, the
/// alphabet of the text outputs (class 0 = empty slot or CTC blank), how they are decoded, the format ids of the
/// format head, output names. <see cref="Slots"/> is the number of positions per text output: slots, or CTC columns.
/// </summary>
public sealed record RecogniserModelInfo(
    string Name,
    string Version,
    string InputName,
    int InputWidthPx,
    int InputHeightPx,
    double Margin,
    string Alphabet,
    int Slots,
    IReadOnlyList<string> Formats,
    string LatinOutput,
    string FormatOutput,
    string ArabicOutput,
    RecogniserDecoding Decoding = RecogniserDecoding.Slots)
{
    /// <summary>Classes per slot: the alphabet plus the empty class 0.</summary>
    public int Classes => Alphabet.Length + 1;

    /// <summary>The official Latin → Arabic letter table of the bilingual formats (JSON <c>arabic_letters</c>,
    /// optional): how the Arabic half, read as canonical Latin, is written back in Arabic script.</summary>
    public IReadOnlyDictionary<char, char> ArabicLetters { get; init; } = new Dictionary<char, char>();

    /// <summary>Reads <paramref name="jsonPath"/>; throws <see cref="InvalidDataException"/> naming the missing field.</summary>
    public static RecogniserModelInfo Load(string jsonPath)
    {
        using var doc = ModelJson.Open(jsonPath);
        var root = doc.RootElement;
        var crop = ModelJson.GreyCrop(root, jsonPath, "recogniser");
        var outputs = ModelJson.Object(root, "outputs", jsonPath);
        return new RecogniserModelInfo(
            ModelJson.String(root, "name", jsonPath),
            ModelJson.String(root, "version", jsonPath),
            crop.Name,
            crop.WidthPx,
            crop.HeightPx,
            crop.Margin,
            ModelJson.String(root, "alphabet", jsonPath),
            ModelJson.Int(root, "slots", jsonPath),
            ModelJson.Strings(root, "formats", jsonPath),
            ModelJson.String(outputs, "latin", jsonPath),
            ModelJson.String(outputs, "format", jsonPath),
            ModelJson.String(outputs, "arabic", jsonPath),
            DecodingOf(root, jsonPath))
        {
            ArabicLetters = ArabicLettersOf(root, jsonPath),
        };
    }

    private static Dictionary<char, char> ArabicLettersOf(System.Text.Json.JsonElement root, string jsonPath)
    {
        var table = new Dictionary<char, char>();
        if (!root.TryGetProperty("arabic_letters", out _))
        {
            return table; // models before version 3's sidecar update had none: no Arabic script in evidence
        }

        foreach (var pair in ModelJson.Object(root, "arabic_letters", jsonPath).EnumerateObject())
        {
            string arabic = pair.Value.ValueKind == System.Text.Json.JsonValueKind.String ? pair.Value.GetString()! : string.Empty;
            if (pair.Name.Length != 1 || arabic.Length != 1)
            {
                throw new InvalidDataException($"{jsonPath}: arabic_letters maps one Latin letter to one Arabic letter, not '{pair.Name}' → '{arabic}'");
            }

            table[pair.Name[0]] = arabic[0];
        }

        return table;
    }

    private static RecogniserDecoding DecodingOf(System.Text.Json.JsonElement root, string jsonPath)
    {
        if (!root.TryGetProperty("decoding", out _))
        {
            return RecogniserDecoding.Slots;    // models before CTC had no "decoding" field
        }

        return ModelJson.String(root, "decoding", jsonPath) switch
        {
            "slots" => RecogniserDecoding.Slots,
            "ctc" => RecogniserDecoding.Ctc,
            var other => throw new InvalidDataException($"{jsonPath}: unknown decoding '{other}' (slots or ctc)"),
        };
    }

    /// <summary>The country code of a format id ("sa-private" → "SA"); "??" for "other" and unknown ids.</summary>
    public static string CountryOf(string formatId)
    {
        int dash = formatId.IndexOf('-', StringComparison.Ordinal);
        return dash == 2 ? formatId[..2].ToUpperInvariant() : PlateFormats.UnknownCountry;
    }
}
