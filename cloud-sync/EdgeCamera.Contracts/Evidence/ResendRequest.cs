namespace EdgeCamera.Contracts.Evidence;

/// <summary>
/// Cloud → device on <c>edgecam/v1/devices/{deviceId}/resend</c>: the cloud saw a sequence gap and asks for the
/// packages <see cref="FromSequence"/>..<see cref="ToSequence"/> (inclusive). The device republishes each one it still
/// holds on its evidence topic, and answers for each one the disk budget evicted with an eviction notice.
/// </summary>
public sealed record ResendRequest(string DeviceId, long FromSequence, long ToSequence)
{
    /// <summary>Most sequence numbers one request may name (bounds the work a request causes on the unit).</summary>
    public const long MaxRange = 1000;

    public bool IsValid => FromSequence >= 1 && ToSequence >= FromSequence && ToSequence - FromSequence < MaxRange;
}
