using System.Buffers;
using EdgeCamera.Cloud.Devices;
using EdgeCamera.Cloud.Storage;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Contracts.Mqtt;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging;

namespace EdgeCamera.Cloud.Intake;

/// <summary>
/// What happens to one message from a device: verify it against the device's registered key (signature, manifest,
/// image hashes), place it in the device's chain (sequence not reused, hashes link to stored neighbours), store it
/// durably, wake the forwarder. Bad input is counted by reason and logged, never thrown at the MQTT client and never
/// forwarded. The device is told "Rejected" only for packages its own signature vouches for; a forged or damaged
/// message gets no answer, so it cannot make a device give up a genuine package (the device resends its intact copy).
/// The method returns only after the package is stored (committed, possibly with other lanes' packages in one
/// transaction: <see cref="GroupCommitWriter"/>), and only then is the message acknowledged to the broker.
/// </summary>
public sealed partial class EvidenceIntake(
    IEvidenceStore store,
    GroupCommitWriter commits,
    IDeviceRegistry registry,
    IntakeMetrics metrics,
    WakeSignal forwardSignal,
    DeviceAcknowledger acknowledger,
    GapResender gaps,
    Central.CentralPublisher central,
    TimeProvider time,
    ILogger<EvidenceIntake> log)
{
    public async Task HandleAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!Topics.TryParseEvidenceTopic(topic, out var deviceId))
        {
            Reject(RejectReason.Topic, topic, null, "not an evidence topic");
            return;
        }

        if (payload.Length > WireJson.MaxEvidenceBytes)
        {
            Reject(RejectReason.Oversized, topic, null, $"{payload.Length} bytes");
            return;
        }

        if (!registry.TryGetKey(deviceId, out var key))
        {
            Reject(RejectReason.UnknownDevice, topic, null, $"device '{deviceId}' has no registered public key");
            return;
        }

        var bytes = payload.ToArray();
        var verified = EvidenceVerifier.Verify(bytes, key, deviceId);
        switch (verified.Failure)
        {
            case VerificationFailure.Malformed:
                Reject(RejectReason.Malformed, topic, null, verified.Reason);
                return;
            case VerificationFailure.Signature:
                Reject(RejectReason.Signature, topic, null, verified.Reason);
                return;
            case VerificationFailure.ImageHash:
                Reject(RejectReason.ImageHash, topic, verified.Manifest?.EventId, verified.Reason);
                return;
            case VerificationFailure.Invalid:
                await RejectToDeviceAsync(RejectReason.Invalid, topic, deviceId, verified.Manifest?.EventId, verified.Reason, ct);
                return;
        }

        var manifest = verified.Manifest!;

        // One read for the duplicate check and the chain neighbours (the unique keys still decide at the insert).
        var chain = await store.ReadChainAsync(manifest.EventId, deviceId, manifest.Sequence, ct);
        if (chain.SameEvent is { } existing)
        {
            await AnswerDuplicateAsync(existing, deviceId, ct);
            return;
        }

        if (CheckChain(manifest, verified.ManifestSha256!, chain) is { } chainProblem)
        {
            await RejectToDeviceAsync(chainProblem.Reason, topic, deviceId, manifest.EventId, chainProblem.Detail, ct);
            return;
        }

        var receivedAtUtc = time.GetUtcNow().UtcDateTime;
        var stored = new StoredEvidence
        {
            Id = manifest.EventId,
            DeviceId = deviceId,
            Sequence = manifest.Sequence,
            DeviceSequence = StoredEvidence.DeviceSequenceKey(deviceId, manifest.Sequence),
            ManifestSha256 = verified.ManifestSha256!,
            PreviousManifestSha256 = manifest.PreviousManifestSha256,
            ReceivedAtUtc = receivedAtUtc,
            SiteId = manifest.SiteId,
            ViolationTypeCode = manifest.Violation.TypeCode,
            CapturedAtUtc = manifest.CapturedAtUtc.UtcDateTime,
            SoftwareVersion = manifest.Software.Version,
            Payload = bytes,
            Manifest = verified.Package!.Manifest,
            State = ForwardState.Pending,
            NextAttemptAtUtc = receivedAtUtc,
            LeaseUntilUtc = DateTime.MinValue,
        };
        if (await commits.TryAddAsync(stored, ct)) // returns after the commit of the batch it went in
        {
            metrics.CountAccepted();
            if (manifest.Sequence > 1 && chain.Previous is null && store.FindBySequence(deviceId, manifest.Sequence - 1) is null)
            {
                // A sequence gap not declared by an eviction notice: ask the device for the missing run (issue 6).
                await gaps.RequestMissingBeforeAsync(deviceId, manifest.Sequence, ct);
            }

            LogStored(log, manifest.EventId, deviceId, manifest.Sequence, manifest.Plate.Text);
            forwardSignal.Notify();
            central.Enqueue(manifest, receivedAtUtc);
            return;
        }

        // Lost a race with another copy of the same package (or of the same sequence number): decide again.
        if (store.Find(manifest.EventId) is { } raced)
        {
            await AnswerDuplicateAsync(raced, deviceId, ct);
        }
        else
        {
            await RejectToDeviceAsync(RejectReason.Replayed, topic, deviceId, manifest.EventId, $"sequence {manifest.Sequence} already used", ct);
        }
    }

    /// <summary>Null when the package fits the device's stored chain; otherwise why not.</summary>
    private (string Reason, string Detail)? CheckChain(EvidenceManifest manifest, string manifestSha256, ChainView chain)
    {
        var deviceId = manifest.DeviceId;
        // The same event stored meanwhile by another receiver node is a duplicate (decided after TryAdd), not a replay.
        if (chain.SameSequence is { } sameSequence && sameSequence.Id != manifest.EventId)
        {
            return (RejectReason.Replayed, $"sequence {manifest.Sequence} was already used by event {sameSequence.Id}");
        }

        var previous = manifest.Sequence > 1 ? chain.Previous : null;
        if (previous is not null && previous.ManifestSha256 != manifest.PreviousManifestSha256)
        {
            return (RejectReason.Chain, $"sequence {manifest.Sequence} does not link to the stored sequence {previous.Sequence}");
        }

        if (chain.Next is { } next && next.PreviousManifestSha256 != manifestSha256)
        {
            return (RejectReason.Chain, $"the stored sequence {next.Sequence} does not link to sequence {manifest.Sequence}");
        }

        if (manifest.Sequence > 1 && previous is null)
        {
            // The device keeps every package until acknowledged and resends it: the gap fills when it arrives.
            metrics.CountSequenceGap();
            LogGap(log, deviceId, manifest.Sequence - 1, manifest.EventId);
        }

        return null;
    }

    private async Task AnswerDuplicateAsync(StoredEvidence existing, string deviceId, CancellationToken ct)
    {
        metrics.CountDuplicate();
        LogDuplicate(log, existing.Id, deviceId, existing.State.ToString());
        if (existing is { State: ForwardState.Forwarded, ViolationNumber: { } number })
        {
            // The device did not get (or lost) our first ack: answer again, without forwarding again.
            await acknowledger.SendAsync(new EvidenceAck(existing.Id, deviceId, AckStatus.Duplicate, number, null), ct);
        }
    }

    private async Task RejectToDeviceAsync(string category, string topic, string deviceId, Guid? eventId, string reason, CancellationToken ct)
    {
        Reject(category, topic, eventId, reason);
        if (eventId is { } id)
        {
            await acknowledger.SendAsync(new EvidenceAck(id, deviceId, AckStatus.Rejected, null, reason), ct);
        }
    }

    private void Reject(string category, string topic, Guid? eventId, string reason)
    {
        metrics.CountRejected(category);
        LogRejected(log, category, topic, eventId, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored evidence {EventId} from {DeviceId} (sequence {Sequence}), plate {Plate}")]
    private static partial void LogStored(ILogger log, Guid eventId, string deviceId, long sequence, string plate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate evidence {EventId} from {DeviceId} absorbed (stored copy is {State})")]
    private static partial void LogDuplicate(ILogger log, Guid eventId, string deviceId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequence gap from {DeviceId}: sequence {Missing} not received before event {EventId}; awaiting the device's resend")]
    private static partial void LogGap(ILogger log, string deviceId, long missing, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected message ({Category}) on {Topic}, event {EventId}: {Reason}")]
    private static partial void LogRejected(ILogger log, string category, string topic, Guid? eventId, string reason);
}
