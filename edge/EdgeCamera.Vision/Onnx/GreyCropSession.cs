using Microsoft.ML.OnnxRuntime;

namespace EdgeCamera.Vision.Onnx;

/// <summary>
/// One ONNX model with one grey crop input <c>[1,1,H,W]</c> and one float output, bound once to reused buffers, so
/// a run allocates nothing: what the plate verifier and the box refiner share. Fill <see cref="Input"/> (a
/// <see cref="Imaging.GreyCropSampler"/> writes it), call <see cref="Run"/>, read the output it returns. Not
/// thread-safe.
/// </summary>
internal sealed class GreyCropSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;

    public GreyCropSession(string onnxPath, OnnxRuntimeOptions runtime, string inputName, int widthPx, int heightPx, string outputName, int outputLength)
    {
        using (var sessionOptions = runtime.CreateSessionOptions())
        {
            _session = new InferenceSession(onnxPath, sessionOptions);
        }

        _input = new float[widthPx * heightPx];
        _output = new float[outputLength];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 1, heightPx, widthPx]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, outputLength]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inputName, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
    }

    /// <summary>The crop, row by row, pixel/255.</summary>
    public Span<float> Input => _input;

    public ReadOnlySpan<float> Run()
    {
        _session.RunWithBinding(_runOptions, _binding);
        return _output;
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
