using System.Text;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class WireJsonTests
{
    [Fact]
    public void Evidence_round_trips_through_the_wire_form_unchanged()
    {
        var record = SampleEvidence.Create();

        Assert.True(WireJson.TryParseEvidence(WireJson.Serialize(record), out var parsed, out var error), error);

        Assert.Equal(record.EventId, parsed.EventId);
        Assert.Equal(record.Plate, parsed.Plate);
        Assert.Equal(record.Location, parsed.Location);
        Assert.Equal(record.CapturedAtUtc, parsed.CapturedAtUtc);
        Assert.Equal(record.Images.Select(i => i.Sha256Hex), parsed.Images.Select(i => i.Sha256Hex));
        Assert.Equal(record.Images[0].Data, parsed.Images[0].Data);
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
    [InlineData("{\"eventId\":\"0190a8c4-0000-7000-8000-000000000000\"}", "malformed JSON")]
    public void Malformed_evidence_is_refused_with_a_reason_not_an_exception(string payload, string reason)
    {
        Assert.False(WireJson.TryParseEvidence(Encoding.UTF8.GetBytes(payload), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_refused_so_a_newer_schema_is_never_half_read()
    {
        var json = Encoding.UTF8.GetString(WireJson.Serialize(SampleEvidence.Create()));
        var tampered = json.Insert(1, "\"extraField\":1,");

        Assert.False(WireJson.TryParseEvidence(Encoding.UTF8.GetBytes(tampered), out _, out var error));
        Assert.Contains("extraField", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_payload_is_refused_before_parsing()
    {
        var huge = new byte[WireJson.MaxEvidenceBytes + 1];

        Assert.False(WireJson.TryParseEvidence(huge, out _, out var error));
        Assert.Contains("exceeds", error, StringComparison.Ordinal);
    }
}
