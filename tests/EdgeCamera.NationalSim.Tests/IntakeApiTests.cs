using System.Net;
using System.Net.Http.Json;
using EdgeCamera.Contracts;
using EdgeCamera.Contracts.National;
using EdgeCamera.TestKit;
using Microsoft.AspNetCore.Builder;

namespace EdgeCamera.NationalSim.Tests;

public sealed class IntakeApiTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _app = NationalSimApp.Build([$"--Urls=http://127.0.0.1:{port}"]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_same_idempotency_key_gets_the_same_violation_number_and_one_notice()
    {
        var intake = Intake();

        var first = await PostAsync(intake, intake.EventId.ToString());
        var second = await PostAsync(intake, intake.EventId.ToString());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync(WireJsonContext.Default.IntakeReceipt);
        var b = await second.Content.ReadFromJsonAsync(WireJsonContext.Default.IntakeReceipt);
        Assert.Equal(a!.ViolationNumber, b!.ViolationNumber);
        Assert.True(b.AlreadyReceived);
        var notices = await _http.GetFromJsonAsync("api/v1/notices", WireJsonContext.Default.IReadOnlyListNotice);
        var notice = Assert.Single(notices!);
        Assert.Equal("3903BSJ", notice.PlateText);
        Assert.EndsWith(notice.ViolationNumber, notice.PaymentLink, StringComparison.Ordinal);
        Assert.Equal(3000m, notice.Amount);
    }

    [Fact]
    public async Task A_request_without_an_idempotency_key_is_refused()
    {
        var response = await PostAsync(Intake(), key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_violation_type_is_refused_and_issues_no_notice()
    {
        var intake = Intake() with { ViolationTypeCode = "NOPE" };

        var response = await PostAsync(intake, intake.EventId.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty((await _http.GetFromJsonAsync("api/v1/notices", WireJsonContext.Default.IReadOnlyListNotice))!);
    }

    [Fact]
    public async Task The_notices_page_lists_the_notice_as_a_driver_would_see_it()
    {
        var intake = Intake();
        await PostAsync(intake, intake.EventId.ToString());

        var html = await _http.GetStringAsync("/");

        Assert.Contains("3903BSJ", html, StringComparison.Ordinal);
        Assert.Contains("قطع الإشارة الحمراء", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(ViolationIntake intake, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/violations")
        {
            Content = JsonContent.Create(intake, WireJsonContext.Default.ViolationIntake),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _http.SendAsync(request);
    }

    private static ViolationIntake Intake() => new(
        Guid.CreateVersion7(), "cam-1", "RUH-1", "RLT", DateTimeOffset.UtcNow, 24.7, 46.7, "King Fahd Road", "northbound", "3903BSJ", "SA", "edgecam:evidence/x");
}
