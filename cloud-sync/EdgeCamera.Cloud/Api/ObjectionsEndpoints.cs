using EdgeCamera.Cloud.Devices;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Cloud.Api;

/// <summary>
/// <c>GET /api/v1/objections/{violationNumber}</c>: for the objections office, the evidence behind a national violation
/// number and the result of verifying it now against the device's registered key — signature, every image's hash,
/// and its place in the device's hash chain (does it link to the stored previous package, does the stored next one
/// link to it). The package itself is a link (<c>/api/v1/evidence/{eventId}/package</c>, readable by <c>edgecam verify</c>).
/// </summary>
public static class ObjectionsEndpoints
{
    public static IEndpointRouteBuilder MapObjections(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/objections/{violationNumber}", (string violationNumber, IEvidenceStore store, IDeviceRegistry registry, TimeProvider time) =>
            store.FindByViolationNumber(violationNumber) is { } stored
                ? Results.Ok(Examine(violationNumber, stored, store, registry, time))
                : Results.NotFound(new { violationNumber, error = "no evidence for this violation number" }));
        return app;
    }

    public static ObjectionReport Examine(string violationNumber, StoredEvidence stored, IEvidenceStore store, IDeviceRegistry registry, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (!registry.TryGetKey(stored.DeviceId, out var key))
        {
            return new ObjectionReport(violationNumber, stored.Id, stored.DeviceId, stored.Sequence, stored.ReceivedAtUtc, stored.ForwardedAtUtc, PackageUrl(stored),
                now, false, new VerificationReport(false, "unknown-device", $"device '{stored.DeviceId}' has no registered public key", null, []), null, null);
        }

        var verified = EvidenceVerifier.Verify(stored.Payload, key, stored.DeviceId);
        var verification = new VerificationReport(
            verified.Ok,
            verified.Failure.ToString(),
            verified.Ok ? "signature, manifest and every image hash verify against the registered key" : verified.Reason,
            key.Fingerprint,
            [.. verified.Images.Select(i => new ImageReport(i.Name, i.ExpectedSha256, i.ActualSha256, i.Ok))]);
        var chain = verified.SignatureValid ? Chain(stored, verified, store, key) : null;
        var m = verified.Manifest;
        var summary = m is null ? null : new EvidenceSummary(m.SiteId, m.Violation.TypeCode, m.CapturedAtUtc, m.Plate.Text, m.Plate.Country, m.Location.Road, m.Location.Direction);
        return new ObjectionReport(violationNumber, stored.Id, stored.DeviceId, stored.Sequence, stored.ReceivedAtUtc, stored.ForwardedAtUtc, PackageUrl(stored),
            now, verified.Ok && (chain?.Ok ?? false), verification, chain, summary);
    }

    private static string PackageUrl(StoredEvidence e) => $"/api/v1/evidence/{e.Id}/package";

    private static ChainReportView Chain(StoredEvidence stored, PackageVerification self, IEvidenceStore store, DeviceKey key)
    {
        var previous = stored.Sequence > 1 ? store.FindBySequence(stored.DeviceId, stored.Sequence - 1) : null;
        var next = store.FindBySequence(stored.DeviceId, stored.Sequence + 1);
        var neighbours = new[] { previous, next }.OfType<StoredEvidence>().Select(n => EvidenceVerifier.Verify(store.Find(n.Id)!.Payload, key, n.DeviceId)).Where(v => v.SignatureValid);
        var report = ChainVerifier.Check([self, .. neighbours]);
        var startsAtGenesis = stored.Sequence == 1;
        return new ChainReportView(
            stored.Sequence,
            startsAtGenesis,
            previous is null ? null : new NeighbourView(previous.Sequence, previous.Id, self.Manifest!.PreviousManifestSha256 == previous.ManifestSha256),
            next is null ? null : new NeighbourView(next.Sequence, next.Id, next.PreviousManifestSha256 == self.ManifestSha256),
            report.Ok,
            report.Problems);
    }
}

public sealed record ObjectionReport(
    string ViolationNumber,
    Guid EventId,
    string DeviceId,
    long Sequence,
    DateTime ReceivedAtUtc,
    DateTime? ForwardedAtUtc,
    string PackageUrl,
    DateTimeOffset VerifiedAtUtc,
    bool Verified,
    VerificationReport Verification,
    ChainReportView? Chain,
    EvidenceSummary? Evidence);

public sealed record VerificationReport(bool Ok, string Failure, string Reason, string? KeyFingerprint, IReadOnlyList<ImageReport> Images);

public sealed record ImageReport(string Name, string ExpectedSha256, string? ActualSha256, bool Ok);

/// <summary>Where the package sits in its device's chain; a neighbour not (yet) stored is null, which is not a failure.</summary>
public sealed record ChainReportView(long Sequence, bool Genesis, NeighbourView? Previous, NeighbourView? Next, bool Ok, IReadOnlyList<string> Problems);

public sealed record NeighbourView(long Sequence, Guid EventId, bool Links);

public sealed record EvidenceSummary(string SiteId, string ViolationTypeCode, DateTimeOffset CapturedAtUtc, string Plate, string PlateCountry, string Road, string Direction);
