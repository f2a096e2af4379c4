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
