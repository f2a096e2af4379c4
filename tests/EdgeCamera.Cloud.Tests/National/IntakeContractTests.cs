using System.Text.Json.Nodes;
using EdgeCamera.NationalSim;
using EdgeCamera.TestKit;

namespace EdgeCamera.Cloud.Tests.National;

public sealed class IntakeContractTests
{
    [Fact]
    public async Task The_stand_in_publishes_the_intake_contract_with_the_notice_fields_and_it_matches_the_committed_copy()
    {
        var port = FreePort.Next();
        await using var national = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{port}"]);
        await national.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var served = JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!;

        var schemas = served["components"]!["schemas"]!;
        var intake = schemas["ViolationIntake"]!["properties"]!.AsObject();
        var notice = schemas["Notice"]!["properties"]!.AsObject();
        string[] submitted = ["eventId", "violationTypeCode", "occurredAtUtc", "latitudeDeg", "longitudeDeg", "road", "direction", "plateText", "plateCountry", "evidenceReference"];
        string[] noticed = ["violationNumber", "violationTypeCode", "occurredAtUtc", "location", "plateText", "plateCountry", "amount", "currency", "evidenceReference", "paymentLink", "objectionLink"];
        Assert.All(submitted, f => Assert.True(intake.ContainsKey(f), $"ViolationIntake lacks {f}"));
        Assert.All(noticed, f => Assert.True(notice.ContainsKey(f), $"Notice lacks {f}"));
        Assert.Equal("date-time", (string?)intake["occurredAtUtc"]!["format"]);
        var post = served["paths"]!["/api/v1/violations"]!["post"]!;
        Assert.Contains(post["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.All(["201", "200", "400", "422", "503"], code => Assert.NotNull(post["responses"]![code]));
        Assert.Null(served["paths"]!["/admin/faults"]); // stand-in only, not the contract

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.InRepo("cloud-sync", "docs", "national-intake.openapi.json")))!;
        Assert.True(JsonNode.DeepEquals(committed, served), "cloud-sync/docs/national-intake.openapi.json differs from what the stand-in serves: refresh it with `curl http://127.0.0.1:8090/openapi/v1.json`");
    }
}
