using System.Text;
using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Tests;

public sealed class CanonicalManifestTests
{
    private static readonly EvidenceManifest Example = new()
    {
        EventId = Guid.Parse("019ab6f1-2c3d-7e4f-8a5b-6c7d8e9f0a1b"),
        DeviceId = "cam-1",
        Sequence = 1,
        SiteId = "RUH-KFR-012",
        Location = new SiteLocation(24.7136, 46.6753, "King Fahd Road", "northbound"),
        CapturedAtUtc = new DateTimeOffset(2026, 11, 25, 19, 5, 20, 123, TimeSpan.FromHours(3)),
        Clock = new ClockSyncState("ntp", 0.25, WithinTolerance: true),
        Plate = new PlateObservation("3903BSJ", "SA", 0.93, 7, "Approaching") { TextArabic = "٣٩٠٣ بسج" },
        Violation = new ViolationInfo("RED-LIGHT", "Crossing on red") { Lane = 2, CalibrationId = "cal-7", Measurements = [new Measurement("timeSinceRed", 2.41, "s")] },
        Software = new SoftwareInfo("0.1.0", [new ModelVersion("plate-reader", "tesseract-5")]),
        Images = [new EvidenceImage("frame", "image/jpeg", new string('a', 64), 1234)],
    };

    [Fact]
    public void The_canonical_bytes_are_exactly_the_documented_form()
    {
        // The same text is in cloud-sync/docs/evidence-package.md; change both or neither.
        // Lines joined without separator.
        const string expected = """
            {"schemaVersion":2,"eventId":"019ab6f1-2c3d-7e4f-8a5b-6c7d8e9f0a1b","deviceId":"cam-1","sequence":1,
            "previousManifestSha256":"0000000000000000000000000000000000000000000000000000000000000000","siteId":"RUH-KFR-012",
            "location":{"latitudeDeg":24.7136,"longitudeDeg":46.6753,"road":"King Fahd Road","direction":"northbound"},
            "capturedAtUtc":"2026-11-25T16:05:20.123Z","clock":{"source":"ntp","offsetMs":0.25,"withinTolerance":true},
            "plate":{"text":"3903BSJ","country":"SA","confidence":0.93,"votes":7,"travelDirection":"Approaching","textArabic":"\u0663\u0669\u0660\u0663 \u0628\u0633\u062C"},
            "violation":{"typeCode":"RED-LIGHT","description":"Crossing on red","lane":2,"calibrationId":"cal-7","measurements":[{"name":"timeSinceRed","value":2.41,"unit":"s"}]},
            "software":{"version":"0.1.0","models":[{"name":"plate-reader","version":"tesseract-5"}]},
            "images":[{"name":"frame","contentType":"image/jpeg","sha256Hex":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","byteLength":1234}]}
            """;

        var bytes = CanonicalManifest.Serialize(Example);

        Assert.Equal(expected.Replace("\n", string.Empty, StringComparison.Ordinal), Encoding.UTF8.GetString(bytes));
        Assert.All(bytes, b => Assert.True(b < 0x80, "canonical bytes are pure ASCII"));
    }

    [Fact]
    public void Canonical_bytes_parse_back_to_the_same_manifest()
    {
        Assert.True(CanonicalManifest.TryParse(CanonicalManifest.Serialize(Example), out var parsed, out var error), error);

        Assert.Equal(Example.EventId, parsed.EventId);
        Assert.Equal(Example.CapturedAtUtc, parsed.CapturedAtUtc);
        Assert.Equal(Example.Plate, parsed.Plate);
        Assert.Equal(Example.Violation.Measurements, parsed.Violation.Measurements);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,", "{ \"schemaVersion\":2,")]
    [InlineData("16:05:20.123Z", "19:05:20.123+03:00")]
    [InlineData("\"lane\":2,", "")]
    public void Any_other_spelling_of_the_same_manifest_is_refused(string canonical, string other)
    {
        var text = Encoding.UTF8.GetString(CanonicalManifest.Serialize(Example)).Replace(canonical, other, StringComparison.Ordinal);

        Assert.False(CanonicalManifest.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));
    }

    [Fact]
    public void Quotes_backslashes_html_characters_and_control_characters_are_escaped_as_documented()
    {
        var manifest = Example with { Violation = new ViolationInfo("X", "a\"b\\c<d>&'+`\n\u00e9\b\f\r\t\u0001") };

        var text = Encoding.UTF8.GetString(CanonicalManifest.Serialize(manifest));

        Assert.Contains("\"description\":\"a\\u0022b\\\\c\\u003Cd\\u003E\\u0026\\u0027\\u002B\\u0060\\n\\u00E9\\b\\f\\r\\t\\u0001\"", text, StringComparison.Ordinal);
    }
}
