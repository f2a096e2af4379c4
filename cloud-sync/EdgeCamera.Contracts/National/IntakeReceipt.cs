namespace EdgeCamera.Contracts.National;

/// <summary>The national system's answer: the violation number it assigned (the same for a repeated idempotency key).</summary>
public sealed record IntakeReceipt(string ViolationNumber, bool AlreadyReceived, string NoticeUrl);
