using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>The "Diagnostics" config section: the technician's page, its sign-in and its HTTPS certificate.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>File holding the salted PBKDF2 hash of the technician's password (written by <c>edgecam set-password</c>).
    /// Until it exists nobody can sign in: there is no default password.</summary>
    [Required]
    public string PasswordHashPath { get; set; } = "var/edge/diagnostics-password";

    /// <summary>The unit's own TLS certificate (PFX), created self-signed on first start when an https:// address is in
    /// the Urls setting. A PEM copy of the certificate (public part) is written beside it for the technician's laptop.</summary>
    [Required]
    public string CertificatePath { get; set; } = "var/edge/diagnostics-cert.pfx";

    /// <summary>A signed-in session ends after this long without a request.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wrong passwords in a row that lock sign-in.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long sign-in stays locked after <see cref="MaxFailedAttempts"/> wrong passwords.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Live-view frames published per second at most (a few per second is enough to aim a camera).</summary>
    [Range(0.1, 10)]
    public double LiveViewMaxFps { get; set; } = 3;
}
