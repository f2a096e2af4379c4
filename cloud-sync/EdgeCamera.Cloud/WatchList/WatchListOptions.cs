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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
