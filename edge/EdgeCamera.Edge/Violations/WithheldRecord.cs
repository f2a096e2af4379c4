namespace EdgeCamera.Edge.Violations;

/// <summary>
/// A violation a rule found but may not issue (a measuring device out of calibration, …): the reading as it would have
/// gone out — the unsigned evidence manifest (canonical JSON, with its flags as measurements <c>flag.*</c>) and its
/// images — kept on the unit, flagged, never sent as an offence.
/// </summary>
public sealed class WithheldRecord
{
    /// <summary>Insertion order (LiteDB auto id).</summary>
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public string TypeCode { get; set; } = "";

    public string Plate { get; set; } = "";

    /// <summary>Why it was withheld, e.g. "CalibrationExpired".</summary>
    public string Flags { get; set; } = "";

    public string Detail { get; set; } = "";

    public DateTime CapturedAtUtc { get; set; }

    public DateTime StoredAtUtc { get; set; }

    /// <summary>The evidence manifest (canonical JSON), as <c>CanonicalManifest.Serialize</c> writes it.</summary>
    public byte[] Manifest { get; set; } = [];

    /// <summary>Image name → JPEG bytes, as the manifest lists them with their SHA-256.</summary>
    public Dictionary<string, byte[]> Images { get; set; } = [];
}
