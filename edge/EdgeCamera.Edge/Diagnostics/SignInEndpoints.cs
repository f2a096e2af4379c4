using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>Sign-in, sign-out and the session state of the diagnostics page (one technician account, cookie session).</summary>
internal static class SignInEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Requests that change something must carry this header: a cross-site form cannot set it (CSRF guard,
    /// on top of the SameSite=Strict cookie).</summary>
    public const string RequestHeader = "X-EdgeCam-Request";

    public sealed record SignInRequest(string? Password);

    public static void MapSignIn(this RouteGroupBuilder diag)
    {
        diag.MapGet("/api/session", (HttpContext http, PasswordFile password, SignInThrottle throttle) => Results.Ok(new
        {
            passwordSet = password.IsSet,
            signedIn = http.User.Identity?.IsAuthenticated == true,
            lockedUntilUtc = throttle.LockedUntilUtc,
        }));

        diag.MapPost("/api/signin", SignInAsync).AddEndpointFilter(RequireRequestHeader);

        diag.MapPost("/api/signout", async (HttpContext http, AuditLog audit) =>
        {
            await http.SignOutAsync(Scheme);
            audit.Record("sign-out", "done", Client(http));
            return Results.Ok(new { signedIn = false });
        }).RequireAuthorization().AddEndpointFilter(RequireRequestHeader);
    }

    public static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static async ValueTask<object?> RequireRequestHeader(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        return context.HttpContext.Request.Headers.ContainsKey(RequestHeader)
            ? await next(context)
            : Results.BadRequest(new { error = "missing-header" });
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest body, HttpContext http, PasswordFile password, SignInThrottle throttle, AuditLog audit, CancellationToken ct)
    {
        var client = Client(http);
        if (!password.TryRead(out var hash))
        {
            audit.Record("sign-in", "refused: no password set on this unit", client);
            return Results.Json(new { error = "no-password" }, statusCode: StatusCodes.Status409Conflict);
        }

        using (await throttle.EnterAsync(ct))
        {
            if (throttle.LockedUntilUtc is { } until)
            {
                audit.Record("sign-in", "refused: locked", client);
                return Results.Json(new { error = "locked", lockedUntilUtc = until }, statusCode: StatusCodes.Status429TooManyRequests);
            }

            if (!hash.Matches(body.Password ?? ""))
            {
                var locked = throttle.RecordFailure();
                audit.Record("sign-in", locked ? "wrong password; sign-in locked" : "wrong password", client);
                return locked
                    ? Results.Json(new { error = "locked", lockedUntilUtc = throttle.LockedUntilUtc }, statusCode: StatusCodes.Status429TooManyRequests)
                    : Results.Json(new { error = "wrong-password" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            throttle.RecordSuccess();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "technician")], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        audit.Record("sign-in", "succeeded", client);
        return Results.Ok(new { signedIn = true });
    }
}
