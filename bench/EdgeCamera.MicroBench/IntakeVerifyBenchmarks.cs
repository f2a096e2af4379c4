using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.TestKit;

namespace EdgeCamera.MicroBench;

/// <summary>
/// What the cloud's intake spends on one package of the load test's realistic size (a 450 KB frame and a 20 KB crop,
/// random bytes like JPEG: 628 KB on the wire), against a baseline of one SHA-256 pass over the same bytes measured
/// in the same run: verifying it (parse, canonical form, ES256 signature, manifest, image hashes), and reading only
/// its manifest as the forwarder does for records stored without one.
/// </summary>
[MemoryDiagnoser]
public class IntakeVerifyBenchmarks : IDisposable
{
    private readonly TestDevice _device = new("bench-cam");
    private byte[] _wire = [];

    [GlobalSetup]
    public void Setup()
    {
        var draft = SampleEvidence.Create(_device.DeviceId, "3903BSJ");
        var images = new[]
        {
            new PackageImage(EvidenceImage.FullFrame, RandomNumberGenerator.GetBytes(450 * 1024)),
            new PackageImage(EvidenceImage.PlateCrop, RandomNumberGenerator.GetBytes(20 * 1024)),
        };
        _wire = _device.Next(EvidenceDraft.Create(draft.Manifest, images)).WireBytes;
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfThePackage() => SHA256.HashData(_wire);

    [Benchmark]
    public VerificationFailure Verify() => EvidenceVerifier.Verify(_wire, _device.Key, _device.DeviceId).Failure;

    /// <summary>The first step of <see cref="Verify"/>: the JSON parsed, the images' base64 decoded into arrays.</summary>
    [Benchmark]
    public int ParseOnly() => WireJson.TryParsePackage(_wire, out var package, out _) ? package.Images.Count : -1;

    [Benchmark]
    public int ReadManifestOnly() => WireJson.TryReadManifest(_wire, out var manifest, out _) ? manifest.Length : -1;

    public void Dispose()
    {
        _device.Dispose();
        GC.SuppressFinalize(this);
    }
}
