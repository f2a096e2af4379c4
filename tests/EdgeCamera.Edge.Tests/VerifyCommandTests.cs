using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Commands;
using EdgeCamera.TestKit;

namespace EdgeCamera.Edge.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-verify-").FullName;
    private readonly TestDevice _device = new("cam-1");
    private readonly string _publicKey;
    private readonly List<string> _files = [];

    public VerifyCommandTests()
    {
        _publicKey = _device.RegisterIn(Path.Combine(_dir, "registry"));
        for (var i = 0; i < 4; i++)
        {
            var sealedPackage = _device.Next();
            _files.Add(EvidencePackageFiles.Write(Path.Combine(_dir, "packages"), sealedPackage.Manifest, sealedPackage.WireBytes));
        }
    }

    [Fact]
    public void An_intact_chain_of_package_files_verifies_with_exit_code_zero()
    {
        var output = new StringWriter();

        var exit = VerifyCommand.Run(["--public-key", _publicKey, Path.Combine(_dir, "packages")], output);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("signature: valid", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("4 signed package(s), 3 link(s) verified, continuous", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_file_with_one_flipped_byte_fails_verification()
    {
        var bytes = File.ReadAllBytes(_files[1]);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(_files[1], bytes);
        var output = new StringWriter();

        var exit = VerifyCommand.Run(["--public-key", _publicKey, _files[1]], output);

        Assert.Equal(1, exit);
        Assert.Contains("FAILED", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_removed_from_the_folder_is_reported_as_a_gap_in_the_chain()
    {
        File.Delete(_files[2]);
        var output = new StringWriter();

        var exit = VerifyCommand.Run(["--public-key", _publicKey, Path.Combine(_dir, "packages")], output);

        Assert.Equal(1, exit);
        Assert.Contains("sequence 3 missing", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Packages_checked_against_another_devices_key_fail()
    {
        using var other = new TestDevice("cam-2");
        var otherKey = other.RegisterIn(Path.Combine(_dir, "other"));
        var output = new StringWriter();

        var exit = VerifyCommand.Run(["--public-key", otherKey, _files[0]], output);

        Assert.Equal(1, exit);
        Assert.Contains("signature: INVALID", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_without_a_public_key_is_a_usage_error()
    {
        Assert.Equal(2, VerifyCommand.Run([_files[0]], new StringWriter()));
    }

    public void Dispose()
    {
        _device.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
