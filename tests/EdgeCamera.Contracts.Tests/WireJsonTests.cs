using System.Text;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class WireJsonTests
{
    [Fact]
    public void A_package_round_trips_through_the_wire_form_unchanged()
    {
        using var device = new TestDevice("cam-1");
        var sealedPackage = device.Next();

        Assert.True(WireJson.TryParsePackage(sealedPackage.WireBytes, out var parsed, out var error), error);
        Assert.True(CanonicalManifest.TryParse(parsed.Manifest, out var manifest, out error), error);

        Assert.Equal(sealedPackage.Manifest.EventId, manifest.EventId);
        Assert.Equal(sealedPackage.Manifest.Plate, manifest.Plate);
        Assert.Equal(sealedPackage.Manifest.Location, manifest.Location);
        Assert.Equal(sealedPackage.Manifest.Images, manifest.Images);
        Assert.Equal(WireJson.Serialize(parsed), sealedPackage.WireBytes);
    }

    [Fact]
    public void The_manifest_reads_out_of_a_package_as_the_full_parse_gives_it_wherever_it_stands()
    {
        using var device = new TestDevice("cam-1");
        var wire = device.Next().WireBytes;
        Assert.True(WireJson.TryParsePackage(wire, out var parsed, out var error), error);
        var json = Encoding.UTF8.GetString(wire);
        var manifestLast = "{" + json[(json.IndexOf("\"signature\"", StringComparison.Ordinal))..^1] + ",\"manifest\":\"" + Convert.ToBase64String(parsed.Manifest) + "\"}";

        Assert.True(WireJson.TryReadManifest(wire, out var manifest, out error), error);
        Assert.Equal(parsed.Manifest, manifest);
        Assert.True(WireJson.TryReadManifest(Encoding.UTF8.GetBytes(manifestLast), out manifest, out error), error);
        Assert.Equal(parsed.Manifest, manifest);
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"images\":[{\"kind\":", "malformed JSON")]
    [InlineData("{\"schemaVersion\":2}", "no manifest")]
    [InlineData("{\"manifest\":\"not base64!\"}", "malformed JSON")]
    public void A_package_without_a_readable_manifest_is_refused_with_a_reason(string payload, string reason)
    {
        Assert.False(WireJson.TryReadManifest(Encoding.UTF8.GetBytes(payload), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_form_uses_camel_case_names_and_string_enums()
    {
        var json = Encoding.UTF8.GetString(WireJson.Serialize(new EvidenceAck(Guid.CreateVersion7(), "cam-1", AckStatus.Duplicate, "NV-1", null)));

        Assert.Contains("\"eventId\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Duplicate\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("{not json", "malformed JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("{\"schemaVersion\":2}", "malformed JSON")]
    public void Malformed_packages_are_refused_with_a_reason_not_an_exception(string payload, string reason)
    {
        Assert.False(WireJson.TryParsePackage(Encoding.UTF8.GetBytes(payload), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_refused_so_a_newer_schema_is_never_half_read()
    {
        using var device = new TestDevice("cam-1");
        var json = Encoding.UTF8.GetString(device.Next().WireBytes);
        var tampered = json.Insert(1, "\"extraField\":1,");

        Assert.False(WireJson.TryParsePackage(Encoding.UTF8.GetBytes(tampered), out _, out var error));
        Assert.Contains("extraField", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_given_twice_is_refused_rather_than_last_one_wins()
    {
        using var device = new TestDevice("cam-1");
        var json = Encoding.UTF8.GetString(device.Next().WireBytes);
        var doubled = json.Insert(1, "\"signature\":\"x..y\",");

        Assert.False(WireJson.TryParsePackage(Encoding.UTF8.GetBytes(doubled), out _, out _));
    }

    [Fact]
    public void Oversized_payloads_are_refused_before_parsing()
    {
        var huge = new byte[WireJson.MaxEvidenceBytes + 1];

        Assert.False(WireJson.TryParsePackage(huge, out _, out var error));
        Assert.Contains("exceeds", error, StringComparison.Ordinal);
    }
}
