using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Evidence;
using EdgeCamera.Edge.Outbox;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam resume-chain [--key PATH] [--public-key OLD.pub.pem] [--outbox PATH] PACKAGE-FILE</c>: after the outbox
/// database was lost, continue this unit's hash chain after the newest package the cloud holds
/// (<c>GET /api/v1/evidence/{eventId}/package</c> on the receiver) instead of restarting at sequence 1, which the cloud
/// rejects as replayed. The package must verify against the unit's key (<c>--key</c>, the private key the worker signs
/// with) or, when the key was lost and re-made with <c>provision --force</c>, against the old public key
/// (<c>--public-key</c>; register the new one with the cloud). Exit 0 when the chain was moved, 1 when refused, 2 on usage.
/// </summary>
public static class ResumeChainCommand
{
    private const string Usage = "usage: edgecam resume-chain [--key PATH] [--public-key OLD.pub.pem] [--outbox PATH] PACKAGE-FILE";

    public static int Run(string[] args, TextWriter output)
    {
        var keyPath = new SigningOptions().PrivateKeyPath;
        var outboxPath = new OutboxOptions().DatabasePath;
        string? oldPublicKey = null;
        string? packagePath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Length:
                    keyPath = args[++i];
                    break;
                case "--public-key" when i + 1 < args.Length:
                    oldPublicKey = args[++i];
                    break;
                case "--outbox" when i + 1 < args.Length:
                    outboxPath = args[++i];
                    break;
                case var file when packagePath is null && !file.StartsWith("--", StringComparison.Ordinal):
                    packagePath = file;
                    break;
                default:
                    output.WriteLine(Usage);
                    return 2;
            }
        }

        if (packagePath is null || !File.Exists(packagePath))
        {
            output.WriteLine(packagePath is null ? Usage : $"error: no package file '{packagePath}'");
            return 2;
        }

        if (!DeviceKey.TryLoad(keyPath, out var key, out var keyError))
        {
            output.WriteLine($"error: the unit's signing key: {keyError}");
            return 2;
        }

        using (key)
        {
            DeviceKey? verifier = null;
            if (oldPublicKey is not null && !DeviceKey.TryLoad(oldPublicKey, out verifier, out var oldError))
            {
                output.WriteLine($"error: the old public key: {oldError}");
                return 2;
            }

            using (verifier)
            {
                var verified = EvidenceVerifier.Verify(File.ReadAllBytes(packagePath), verifier ?? key, expectedDeviceId: null);
                if (!verified.Ok)
                {
                    output.WriteLine($"refused: the package does not verify against {(verifier is null ? "this unit's key" : "the old public key")}: {verified.Reason}");
                    return 1;
                }

                var last = new ChainLink(verified.Manifest!.Sequence, verified.ManifestSha256!);
                using var outbox = new LiteDbOutbox(outboxPath, key);
                if (!outbox.TryResumeChain(last, out var error))
                {
                    output.WriteLine($"refused: {error}");
                    return 1;
                }

                output.WriteLine($"chain of {verified.Manifest.DeviceId} resumes after sequence {last.Sequence} (manifest SHA-256 {last.ManifestSha256}); the next package is {last.Sequence + 1}");
                return 0;
            }
        }
    }
}
