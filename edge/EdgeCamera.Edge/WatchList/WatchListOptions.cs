using System.ComponentModel.DataAnnotations;
using EdgeCamera.Contracts.Signing;

namespace EdgeCamera.Edge.WatchList;

/// <summary>The "WatchList" config section: the cloud's public key that every watch list pushed over MQTT must be
/// signed with (<see cref="WatchListReceiver"/>).</summary>
public sealed class WatchListOptions : IValidatableObject
{
    public const string Section = "WatchList";

    /// <summary>The cloud's watch-list public key (PEM, P-256), as <c>edgecam-cloud watchlist-key --public-key</c> wrote
    /// it. Empty: no list can be verified, so every list is refused (counted as <c>no-key</c>) and the WLH rule has no
    /// list.</summary>
    public string CloudPublicKeyPath { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CloudPublicKeyPath.Length > 0)
        {
            if (!DeviceKey.TryLoad(CloudPublicKeyPath, out var key, out var error))
            {
                yield return new ValidationResult($"WatchList:CloudPublicKeyPath: {error}", [nameof(CloudPublicKeyPath)]);
            }

            key?.Dispose();
        }
    }

    /// <summary>The cloud's key, or null when none is configured.</summary>
    public DeviceKey? LoadKey() =>
        CloudPublicKeyPath.Length == 0 ? null
        : DeviceKey.TryLoad(CloudPublicKeyPath, out var key, out var error) ? key
        : throw new InvalidOperationException($"WatchList:CloudPublicKeyPath: {error}");
}
