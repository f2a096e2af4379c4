using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeCamera.Edge.Commands;
using EdgeCamera.Edge.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCamera.Diagnostics.Tests;

/// <summary>The password hash, the set-password command, the lockout clock, the certificate and the masked configuration.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // The unit and CI are Debian.
public sealed class SignInSecurityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-diag-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Set_password_stores_a_salted_PBKDF2_SHA256_hash_with_600000_iterations_that_matches_only_that_password()
    {
        var path = Path.Combine(_dir, "pw");
        var output = new StringWriter();

        var exit = SetPasswordCommand.Run([$"--Diagnostics:PasswordHashPath={path}"], new StringReader("correct horse battery\n"), output);

        Assert.Equal(0, exit);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$600000$", text, StringComparison.Ordinal);
        Assert.True(new PasswordFile(path).TryRead(out var hash));
        Assert.True(hash.Matches("correct horse battery"));
        Assert.False(hash.Matches("correct horse batterY"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_same_password_set_twice_gets_a_different_salt_and_hash()
    {
        var a = PasswordHash.Create("same password here", iterations: 1000);
        var b = PasswordHash.Create("same password here", iterations: 1000);

        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.True(PasswordHash.TryParse(a.Format(), out var parsed) && parsed.Matches("same password here"));
    }

    [Fact]
    public void Set_password_refuses_a_short_or_empty_password_and_writes_nothing()
    {
        var path = Path.Combine(_dir, "pw");

        Assert.Equal(2, SetPasswordCommand.Run([$"--Diagnostics:PasswordHashPath={path}"], new StringReader("short\n"), new StringWriter()));
        Assert.Equal(2, SetPasswordCommand.Run([$"--Diagnostics:PasswordHashPath={path}"], new StringReader(""), new StringWriter()));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Five_wrong_passwords_lock_sign_in_for_five_minutes_and_then_it_opens_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(Options.Create(new DiagnosticsOptions()), time);

        for (var i = 0; i < 4; i++)
        {
            Assert.False(throttle.RecordFailure());
        }

        Assert.Null(throttle.LockedUntilUtc);
        Assert.True(throttle.RecordFailure());
        Assert.Equal(time.GetUtcNow().AddMinutes(5), throttle.LockedUntilUtc);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(throttle.LockedUntilUtc);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Null(throttle.LockedUntilUtc);
    }

    [Fact]
    public void A_successful_sign_in_resets_the_count_of_wrong_passwords()
    {
        var throttle = new SignInThrottle(Options.Create(new DiagnosticsOptions()), new FakeTimeProvider());
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure();
        }

        throttle.RecordSuccess();

        Assert.False(throttle.RecordFailure());
        Assert.Null(throttle.LockedUntilUtc);
    }

    [Fact]
    public void The_unit_creates_its_P256_certificate_once_and_loads_the_same_one_after_a_restart()
    {
        var path = Path.Combine(_dir, "tls", "cert.pfx");

        using var first = UnitCertificate.LoadOrCreate(path, "cam-7", TimeProvider.System);
        using var second = UnitCertificate.LoadOrCreate(path, "cam-7", TimeProvider.System);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
        using var key = second.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value); // secp256r1 = P-256 (RFC 5480)
        Assert.Contains("cam-7", second.Subject, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(Path.ChangeExtension(path, ".pem")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_view_masks_passwords_keys_secrets_and_tokens_and_leaves_the_environment_out()
    {
        var json = Path.Combine(_dir, "edge.settings.json");
        File.WriteAllText(json, """{ "Broker": { "Host": "127.0.0.1", "Password": "hunter2", "ApiToken": "t0k" }, "Signing": { "PrivateKeyPath": "k.pem" } }""");
        Environment.SetEnvironmentVariable("EDGECAM_TEST_UNRELATED", "x");
        var config = new ConfigurationBuilder().AddJsonFile(json).AddEnvironmentVariables().Build();

        var view = ConfigurationView.Read(config).ToDictionary(s => s.Key, s => s.Value);

        Assert.Equal("127.0.0.1", view["Broker:Host"]);
        Assert.Equal(ConfigurationView.Mask, view["Broker:Password"]);
        Assert.Equal(ConfigurationView.Mask, view["Broker:ApiToken"]);
        Assert.Equal(ConfigurationView.Mask, view["Signing:PrivateKeyPath"]);
        Assert.DoesNotContain("EDGECAM_TEST_UNRELATED", view.Keys);
        Assert.DoesNotContain(view.Values, v => v is "hunter2" or "t0k");
    }
}
