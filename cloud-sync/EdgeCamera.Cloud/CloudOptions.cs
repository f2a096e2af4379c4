using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Cloud;

/// <summary>The "Receiver" config section.</summary>
public sealed class ReceiverOptions
{
    public const string Section = "Receiver";

    /// <summary>Shared-subscription group: receivers in the same group split the devices' messages between them.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string SharedGroup { get; set; } = "edgecam-cloud";

    /// <summary>Packages handled at once by this node, each device's in arrival order (one lane per device; a lane's
    /// packages one after the other). 1 handles one package at a time.</summary>
    [Range(1, 256)]
    public int Lanes { get; set; } = 8;

    /// <summary>Packages waiting per lane; when full, the node stops reading from the broker until a lane frees up
    /// (back-pressure, nothing dropped). The broker is asked for at most Lanes × (LaneCapacity + 1) unacknowledged messages.</summary>
    [Range(1, 64)]
    public int LaneCapacity { get; set; } = 2;

    /// <summary>Group commit: the most packages one database transaction stores (the node's lanes hand verified
    /// packages to one writer; each is acknowledged only after its transaction committed). A batch never holds more
    /// packages than are handled at once, so at most <see cref="Lanes"/>. 1 (the default) stores each package in its
    /// own transaction, from its lane: on the 2-core bench machine that was faster end to end than one writer
    /// (bench/README.md, measured 2026-11-26 05:46–06:08 UTC); batches of 8–16 raised what PostgreSQL alone stores
    /// of 628 KB rows ~1.5× over 8 overlapping commits, so try it where the database is the limit.</summary>
    [Range(1, 256)]
    public int MaxBatchPackages { get; set; } = 1;

    /// <summary>Group commit: payload bytes per transaction at most (a single larger package still goes alone).</summary>
    [Range(1, 1024 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Group commit: how long the writer waits for more packages after the first of a batch, when no more are
    /// queued yet (packages that arrive while a transaction commits are taken without waiting). Zero: never waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(2);
}

/// <summary>The "NationalSystem" config section: where and how to forward.</summary>
public sealed class NationalSystemOptions
{
    public const string Section = "NationalSystem";

    [Required, Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:8090/";

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the forwarder looks for pending records even without a new arrival.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}
