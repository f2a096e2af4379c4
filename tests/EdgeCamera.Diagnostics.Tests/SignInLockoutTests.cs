using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>
/// Wrong passwords in the browser, on a worker of their own (a lockout would shut the other tests out): no camera
/// or broker behind it, sign-in does not need them.
/// </summary>
[Collection(EdgeUnderTest.Name)]
public sealed class SignInLockoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Wrong_passwords_are_rejected_and_after_five_sign_in_locks_even_for_the_right_one()
    {
        await using var edge = await EdgeHost.StartAsync("rtsp://127.0.0.1:9/none", brokerPort: FreePort.Next());
        await using var context = await fixture.NewContextAsync(widthPx: 360, heightPx: 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync(edge.BaseUrl + "/diag/");
        var error = page.Locator("#signin-error");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.FillAsync("#password", "not-the-password-" + attempt);
            await page.ClickAsync("#signin-button");
            await Expect(error).ToHaveAttributeAsync("data-error", "wrong-password");
            await Expect(error).ToHaveTextAsync("Wrong password.");
            await page.EvaluateAsync("() => document.getElementById('signin-error').removeAttribute('data-error')");
        }

        await page.FillAsync("#password", "not-the-password-5");
        await page.ClickAsync("#signin-button");
        await Expect(error).ToHaveAttributeAsync("data-error", "locked");

        await page.EvaluateAsync("() => document.getElementById('signin-error').removeAttribute('data-error')");
        await page.FillAsync("#password", EdgeHost.Password);
        await page.ClickAsync("#signin-button");
        await Expect(error).ToHaveAttributeAsync("data-error", "locked");
        await Expect(page.Locator("#page")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("diagnostics-locked"), FullPage = true });

        var audit = edge.Service<AuditLog>().Snapshot();
        Assert.Equal(4, audit.Count(e => e.Action == "sign-in" && e.Outcome == "wrong password"));
        Assert.Contains(audit, e => e.Outcome == "wrong password; sign-in locked");
        Assert.Contains(audit, e => e.Outcome == "refused: locked");
        Assert.DoesNotContain(audit, e => e.Outcome == "succeeded");
    }

    [Fact]
    public async Task Until_a_password_is_set_the_page_says_so_and_nobody_can_sign_in()
    {
        await using var edge = await EdgeHost.StartAsync("rtsp://127.0.0.1:9/none", brokerPort: FreePort.Next());
        File.Delete(edge.Service<PasswordFile>().Path);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(edge.BaseUrl + "/diag/");

        await Expect(page.Locator("#no-password")).ToBeVisibleAsync();
        await Expect(page.Locator("#signin-form")).ToBeHiddenAsync();
        using var http = new HttpClient();
        using var post = new HttpRequestMessage(HttpMethod.Post, edge.BaseUrl + "/diag/api/signin")
        {
            Content = new StringContent("{\"password\":\"\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        post.Headers.Add("X-EdgeCam-Request", "1");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await http.SendAsync(post)).StatusCode);
    }
}
