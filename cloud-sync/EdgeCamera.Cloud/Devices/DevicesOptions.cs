using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Cloud.Devices;

/// <summary>The "Devices" config section: the device registry, one public key file per device.</summary>
public sealed class DevicesOptions
{
    public const string Section = "Devices";

    /// <summary>Folder of <c>{deviceId}.pub.pem</c> files (SubjectPublicKeyInfo PEM, P-256), as <c>edgecam provision</c> prints them.</summary>
    [Required]
    public string PublicKeyDirectory { get; set; } = "var/cloud/devices";
}
