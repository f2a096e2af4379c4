using EdgeCamera.Contracts.Signing;
using EdgeCamera.TestKit;

namespace EdgeCamera.Contracts.Tests;

public sealed class ChainVerifierTests
{
    [Fact]
    public void Consecutive_packages_of_one_device_form_an_unbroken_chain_whatever_order_they_are_given_in()
    {
        var chain = Chain(5);

        var report = ChainVerifier.Check(chain.AsEnumerable().Reverse());

        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(4, report.GoodLinks);
    }

    [Fact]
    public void A_removed_package_is_reported_as_a_missing_sequence_number()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var report = ChainVerifier.Check(chain);

        Assert.False(report.Ok);
        Assert.Equal([(3L, 3L)], report.Gaps);
        Assert.Contains("sequence 3 missing", report.Problems);
    }

    [Fact]
    public void A_package_from_a_forked_chain_does_not_link_to_its_predecessor()
    {
        using var device = new TestDevice("cam-1");
        var first = Verify(device, device.Next());
        var second = device.Next();
        var fork = Verify(device, EvidenceSealer.Seal(SampleEvidence.Create("cam-1"), second.Link, device.Key));
        var other = Verify(device, EvidenceSealer.Seal(SampleEvidence.Create("cam-1"), first.Manifest!.Sequence == 1 ? new Evidence.ChainLink(1, new string('a', 64)) : second.Link, device.Key));

        var report = ChainVerifier.Check([first, other, fork]);

        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.Contains("does not link", StringComparison.Ordinal));
    }

    private static List<PackageVerification> Chain(int count)
    {
        using var device = new TestDevice("cam-1");
        return [.. Enumerable.Range(0, count).Select(_ => Verify(device, device.Next()))];
    }

    private static PackageVerification Verify(TestDevice device, SealedPackage package)
    {
        var result = EvidenceVerifier.Verify(package.WireBytes, device.Key, device.DeviceId);
        Assert.True(result.Ok, result.Reason);
        return result;
    }
}
