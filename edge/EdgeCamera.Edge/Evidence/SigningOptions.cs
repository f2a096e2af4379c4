using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Edge.Evidence;

/// <summary>The "Signing" config section: where the device's private key (made by <c>edgecam provision</c>) lives.</summary>
public sealed class SigningOptions : IValidatableObject
{
    public const string Section = "Signing";

    /// <summary>PKCS#8 PEM, P-256, mode 0600 (readable by the service's user only).</summary>
    [Required]
    public string PrivateKeyPath { get; set; } = "var/edge/device-key.pem";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!File.Exists(PrivateKeyPath))
        {
            yield return new ValidationResult(
                $"Signing key '{Path.GetFullPath(PrivateKeyPath)}' not found: every package is signed with it. Create it once with 'edgecam provision --key {PrivateKeyPath}' and register the printed public key with the cloud.",
                [nameof(PrivateKeyPath)]);
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(PrivateKeyPath) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            yield return new ValidationResult(
                $"Signing key '{Path.GetFullPath(PrivateKeyPath)}' is readable by group or others: chmod 600 it (only the service's user may read it).",
                [nameof(PrivateKeyPath)]);
        }
    }
}
