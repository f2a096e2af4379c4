using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Cloud.WatchList;

/// <summary>The "WatchList" config section: the fleet's watch list, which the receiver publishes retained on
/// <c>edgecam/v1/watchlist</c> (cloud-sync/docs/wire-format.md).</summary>
public sealed class WatchListOptions : IValidatableObject
{
    public const string Section = "WatchList";

    /// <summary>JSON file <c>{ "entries": [ { "plate", "country", "list", "reason" } ] }</c>. Empty: no list is
    /// published (whatever the broker retains stays). Edited in place: the change is published within
    /// <see cref="CheckInterval"/>; a malformed edit is refused (counted, logged) and the last good list stays.</summary>
    public string File { get; set; } = "";

    /// <summary>How often the file is looked at (and an unpublished list retried).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The cloud's watch-list signing key (PKCS#8 PEM, P-256, mode 0600), made once with
    /// <c>edgecam-cloud watchlist-key --key PATH --public-key PATH</c>; required with <see cref="File"/>. Each list is
    /// signed with it (ES256); units take only lists that verify against its public key (their
    /// <c>WatchList:CloudPublicKeyPath</c>).</summary>
    public string SigningKeyPath { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (File.Length > 0 && SigningKeyPath.Length == 0)
        {
            yield return new ValidationResult(
                "WatchList:SigningKeyPath is required with WatchList:File: units refuse unsigned lists. Create the key once with 'edgecam-cloud watchlist-key --key PATH --public-key PATH' and give the units the public key (WatchList:CloudPublicKeyPath).",
                [nameof(SigningKeyPath)]);
        }
        else if (SigningKeyPath.Length > 0)
        {
            if (!Contracts.Signing.DeviceKey.TryLoad(SigningKeyPath, out var key, out var error))
            {
                yield return new ValidationResult($"WatchList:SigningKeyPath: {error}", [nameof(SigningKeyPath)]);
            }
            else
            {
                using (key)
                {
                    if (!key.HasPrivateKey)
                    {
                        yield return new ValidationResult($"WatchList:SigningKeyPath '{Path.GetFullPath(SigningKeyPath)}' holds a public key only; the cloud signs with the private key.", [nameof(SigningKeyPath)]);
                    }
                    else if (Contracts.Signing.PrivateKeyFile.IsExposed(SigningKeyPath))
                    {
                        yield return new ValidationResult($"WatchList:SigningKeyPath '{Path.GetFullPath(SigningKeyPath)}' is readable by group or others: chmod 600 it.", [nameof(SigningKeyPath)]);
                    }
                }
            }
        }

        if (CheckInterval < TimeSpan.FromMilliseconds(100) || CheckInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("CheckInterval must be between 100 ms and 1 h", [nameof(CheckInterval)]);
        }

        if (File.Length > 0 && !System.IO.File.Exists(File))
        {
            yield return new ValidationResult($"WatchList:File '{Path.GetFullPath(File)}' does not exist", [nameof(File)]);
        }
    }
}
