using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Transport;

/// <summary>The "Broker" config section of both ends. TLS with a client certificate when the three <c>Tls*File</c>
/// settings are given (all or none; checked at start: the files exist and parse); plain TCP otherwise.</summary>
public sealed class MqttSessionOptions : IValidatableObject
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

    /// <summary>PEM file of the certificate authority that issued the broker's certificate (the only one trusted for it).</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>PEM file of this client's certificate (issued by the broker's client CA; its CN is the MQTT username).</summary>
    public string? TlsClientCertificateFile { get; set; }

    /// <summary>PEM file of the client certificate's private key (PKCS#8 or EC/RSA PEM), readable by the service only.</summary>
    public string? TlsClientKeyFile { get; set; }

    /// <summary>The name the broker's certificate must carry (SNI and host name check); defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    public bool UseTls => TlsCaFile is not null || TlsClientCertificateFile is not null || TlsClientKeyFile is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UseTls)
        {
            yield break;
        }

        if (!MqttTlsFiles.TryLoad(this, out var files, out var error))
        {
            yield return new ValidationResult(error, [nameof(TlsCaFile), nameof(TlsClientCertificateFile), nameof(TlsClientKeyFile)]);
        }
        else
        {
            files.Dispose();
        }
    }
}
