using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Transport;

/// <summary>The "Broker" config section of both ends.</summary>
public sealed class MqttSessionOptions
{
    public const string Section = "Broker";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>MQTT client id; must be stable across restarts for the broker to keep the persistent session.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string ClientId { get; set; } = "edgecam";

    /// <summary>How long the broker keeps our session (subscriptions, queued QoS 1 messages) while we are away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
