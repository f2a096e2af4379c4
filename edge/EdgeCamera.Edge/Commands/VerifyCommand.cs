using System.Globalization;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam verify --public-key DEVICE.pub.pem PACKAGE|FOLDER...</c>: what the objections office runs offline. For
/// every package: the ES256 signature against the device's public key, each image's SHA-256; across all of them: the
/// hash chain and missing sequence numbers. Exit code 0 when everything holds, 1 on any failure, 2 on bad usage.
/// </summary>
public static class VerifyCommand
{
    private const string Usage = "usage: edgecam verify --public-key DEVICE.pub.pem PACKAGE-FILE|FOLDER...";

    public static int Run(string[] args, TextWriter output)
    {
        string? keyPath = null;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--public-key" && i + 1 < args.Length)
            {
                keyPath = args[++i];
            }
            else
            {
                paths.Add(args[i]);
            }
        }

        if (keyPath is null || paths.Count == 0)
        {
            output.WriteLine(Usage);
            return 2;
        }

        if (!DeviceKey.TryLoad(keyPath, out var key, out var keyError))
        {
            output.WriteLine($"error: {keyError}");
            return 2;
        }

        using (key)
        {
            output.WriteLine($"device key SHA256:{key.Fingerprint}");
            var files = paths.SelectMany(EvidencePackageFiles.Find).ToList();
            var results = files.Select(f => Report(f, key, output)).ToList();
            var failed = results.Count(r => !r.Ok);
            var chain = ChainVerifier.Check(results.Where(r => r.SignatureValid));
            output.WriteLine($"chain: {chain.Packages} signed package(s), {chain.GoodLinks} link(s) verified, {(chain.Ok ? "continuous" : "BROKEN")}");
            foreach (var problem in chain.Problems)
            {
                output.WriteLine($"  chain problem: {problem}");
            }

            var ok = files.Count > 0 && failed == 0 && chain.Ok;
            output.WriteLine($"{(ok ? "VERIFIED" : "FAILED")}: {files.Count} package(s), {failed} failed, {chain.Problems.Count} chain problem(s)");
            return ok ? 0 : 1;
        }
    }

    private static PackageVerification Report(string file, DeviceKey key, TextWriter output)
    {
        output.WriteLine(file);
        if (!File.Exists(file))
        {
            output.WriteLine("  FAILED: file not found");
            return new PackageVerification(VerificationFailure.Malformed, "file not found", null, null, null, []);
        }

        var result = EvidenceVerifier.Verify(File.ReadAllBytes(file), key, expectedDeviceId: null);
        if (result.Manifest is { } m)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  event {m.EventId}  device {m.DeviceId}  sequence {m.Sequence}  plate {m.Plate.Text} ({m.Plate.Country}, {m.Plate.Confidence:F2})  violation {m.Violation.TypeCode}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  captured {m.CapturedAtUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  clock {m.Clock.Source}, offset {m.Clock.OffsetMs} ms, {(m.Clock.WithinTolerance ? "within tolerance" : "NOT within tolerance")}"));
        }

        output.WriteLine($"  signature: {(result.SignatureValid ? "valid (ES256)" : "INVALID")}");
        foreach (var image in result.Images)
        {
            output.WriteLine(image.Ok
                ? $"  image {image.Name}: sha256 {image.ActualSha256} ok"
                : $"  image {image.Name}: MISMATCH, manifest says {image.ExpectedSha256}, bytes hash to {image.ActualSha256 ?? "(missing)"}");
        }

        output.WriteLine(result.Ok ? "  ok" : $"  FAILED ({result.Failure}): {result.Reason}");
        return result;
    }
}
