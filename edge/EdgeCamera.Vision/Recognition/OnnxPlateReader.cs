using System.Diagnostics.CodeAnalysis;
using EdgeCamera.Hardware.Camera;
using EdgeCamera.Vision.Imaging;
using EdgeCamera.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision;

/// <summary>
/// The learned plate reader (models/plate-recogniser.onnx): samples the plate box, widened by the model's
/// margin, into a reused grey tensor, runs ONNX Runtime into reused outputs and decodes the Latin text, the
/// format (hence the country) and, on bilingual plates, the Arabic half for the halves-agree check.
/// Not thread-safe: one per pipeline.
/// </summary>
public sealed class OnnxPlateReader : IPlateReader, IDisposable
{
    /// <summary>Shorter reads are fragments, not plates (Kuwaiti plates are the shortest at 1–2 + 1 digits).</summary>
    private const int MinPlateCharacters = 2;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly GreyCropSampler _sampler;
    private readonly float[] _crop;
    private readonly float[] _latin;
    private readonly float[] _format;
    private readonly float[] _arabic;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly float[] _charConfidences;
    private readonly float[] _arabicConfidences;

    public OnnxPlateReader(string onnxPath, OnnxRuntimeOptions? runtime = null)
    {
        runtime ??= new OnnxRuntimeOptions();
        Info = RecogniserModelInfo.Load(Path.ChangeExtension(onnxPath, ".json"));
        using (var sessionOptions = runtime.CreateSessionOptions())
        {
            _session = new InferenceSession(onnxPath, sessionOptions);
        }

        _sampler = new GreyCropSampler(Info.InputWidthPx, Info.InputHeightPx);
        _crop = new float[Info.InputWidthPx * Info.InputHeightPx];
        _latin = new float[Info.Slots * Info.Classes];
        _format = new float[Info.Formats.Count];
        _arabic = new float[Info.Slots * Info.Classes];
        _charConfidences = new float[Info.Slots];
        _arabicConfidences = new float[Info.Slots];
        _inputValues = [OrtValue.CreateTensorValueFromMemory(_crop, [1, 1, Info.InputHeightPx, Info.InputWidthPx])];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_latin, [1, Info.Slots, Info.Classes]),
            OrtValue.CreateTensorValueFromMemory(_format, [1, Info.Formats.Count]),
            OrtValue.CreateTensorValueFromMemory(_arabic, [1, Info.Slots, Info.Classes]),
        ];

        // Bound once: RunWithBinding takes no managed arrays per call (Run with name arrays allocated ~540 B per
        // call, measured with bench/EdgeCamera.MicroBench --allocations).
        _binding = _session.CreateIoBinding();
        _binding.BindInput(Info.InputName, _inputValues[0]);
        _binding.BindOutput(Info.LatinOutput, _outputValues[0]);
        _binding.BindOutput(Info.FormatOutput, _outputValues[1]);
        _binding.BindOutput(Info.ArabicOutput, _outputValues[2]);
    }

    public RecogniserModelInfo Info { get; }

    public bool TryRead(Frame frame, PixelBox plate, [NotNullWhen(true)] out PlateText? text)
    {
        ArgumentNullException.ThrowIfNull(frame);
        text = null;
        if (!_sampler.TrySample(frame, plate, Info.Margin, _crop))
        {
            return false; // no pixel of the widened box inside the frame
        }

        _session.RunWithBinding(_runOptions, _binding);

        string latin = DecodeText(_latin, _charConfidences, out int length, out float confidence);
        if (length < MinPlateCharacters)
        {
            return false;
        }

        string formatId = Info.Formats[SlotDecoder.ArgMax(_format)];
        string country = RecogniserModelInfo.CountryOf(formatId);
        string arabic = DecodeText(_arabic, _arabicConfidences, out int arabicLength, out _);
        text = new PlateText(latin, country, confidence, _charConfidences[..length])
        {
            ArabicHalf = arabicLength > 0 ? arabic : null,
            ArabicLetters = Info.ArabicLetters.Count > 0 ? Info.ArabicLetters : null,
            ArabicCharConfidences = _arabicConfidences[..arabicLength],
            Source = "onnx",
        };
        return true;
    }

    private string DecodeText(float[] probabilities, float[] charConfidences, out int length, out float confidence) =>
        Info.Decoding == RecogniserDecoding.Ctc
            ? CtcDecoder.Decode(probabilities, Info.Slots, Info.Alphabet, charConfidences, out length, out confidence)
            : SlotDecoder.Decode(probabilities, Info.Slots, Info.Alphabet, charConfidences, out length, out confidence);

    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _inputValues)
        {
            value.Dispose();
        }

        foreach (var value in _outputValues)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }
}
