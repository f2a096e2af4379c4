using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCamera.Contracts.Evidence;

/// <summary>Times in the canonical manifest: always UTC, always millisecond precision, <c>2026-11-25T19:05:20.123Z</c>
/// (RFC 3339 profile of ISO 8601). Any other spelling is refused on reading.</summary>
public sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            throw new JsonException($"time '{text}' is not UTC in the form {Format}");
        }

        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
