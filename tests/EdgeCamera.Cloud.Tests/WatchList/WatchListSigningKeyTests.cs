using System.ComponentModel.DataAnnotations;
using EdgeCamera.Cloud.WatchList;
using EdgeCamera.Contracts.Signing;
using EdgeCamera.Contracts.WatchList;

namespace EdgeCamera.Cloud.Tests.WatchList;

/// <summary>The cloud's watch-list signing key: made by <c>edgecam-cloud watchlist-key</c>, required with a list file.</summary>
public sealed class WatchListSigningKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-wlkey-").FullName;

    [Fact]
    public void The_key_command_writes_a_private_key_only_its_owner_reads_and_a_public_key_that_verifies_its_lists()
    {
        var keyPath = Path.Combine(_dir, "cloud-watchlist-key.pem");
        var publicPath = Path.Combine(_dir, "cloud-watchlist.pub.pem");

        Assert.Equal(0, WatchListKeyCommand.Run(["--key", keyPath, "--public-key", publicPath], TextWriter.Null));

        Assert.False(PrivateKeyFile.IsExposed(keyPath));
        Assert.True(DeviceKey.TryLoad(keyPath, out var key, out var error), error);
        Assert.True(DeviceKey.TryLoad(publicPath, out var publicKey, out error), error);
        using (key)
        using (publicKey)
        {
            Assert.True(key.HasPrivateKey);
            Assert.False(publicKey.HasPrivateKey);
            var signed = WatchListSignature.Sign(WatchListWire.Create([new WatchListEntryWire("3960TAZ", "SA", "stolen", "test")], DateTimeOffset.UnixEpoch), key);
            Assert.True(WatchListWire.TryParse(WatchListWire.Serialize(signed), out var parsed, out var reason, out var detail), $"{reason}: {detail}");
            Assert.True(WatchListSignature.TryVerify(parsed, publicKey, out reason, out detail), $"{reason}: {detail}");
        }
    }

    [Fact]
    public void The_key_command_does_not_replace_an_existing_key_without_force()
    {
        var keyPath = Path.Combine(_dir, "cloud-watchlist-key.pem");
        Assert.Equal(0, WatchListKeyCommand.Run(["--key", keyPath], TextWriter.Null));
        var first = File.ReadAllText(keyPath);

        Assert.Equal(1, WatchListKeyCommand.Run(["--key", keyPath], TextWriter.Null));
        Assert.Equal(first, File.ReadAllText(keyPath));
        Assert.Equal(0, WatchListKeyCommand.Run(["--key", keyPath, "--force"], TextWriter.Null));
        Assert.NotEqual(first, File.ReadAllText(keyPath));
    }

    [Fact]
    public void A_list_file_without_a_private_signing_key_does_not_pass_the_start_checks()
    {
        var list = Path.Combine(_dir, "watchlist.json");
        File.WriteAllText(list, """{ "entries": [] }""");
        var publicPath = Path.Combine(_dir, "only.pub.pem");
        Assert.Equal(0, WatchListKeyCommand.Run(["--key", Path.Combine(_dir, "k.pem"), "--public-key", publicPath], TextWriter.Null));

        var withoutKey = new WatchListOptions { File = list };
        var publicOnly = new WatchListOptions { File = list, SigningKeyPath = publicPath };
        var signed = new WatchListOptions { File = list, SigningKeyPath = Path.Combine(_dir, "k.pem") };

        Assert.Contains(Errors(withoutKey), e => e.Contains("SigningKeyPath is required", StringComparison.Ordinal));
        Assert.Contains(Errors(publicOnly), e => e.Contains("public key only", StringComparison.Ordinal));
        Assert.Empty(Errors(signed));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> Errors(WatchListOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage ?? "")];
}
