namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// Checks that packages of one device form an unbroken chain: ordered by sequence, each names the SHA-256 of the
/// previous one's manifest, no sequence number is missing or used twice. The first package given may start anywhere
/// (earlier ones were not handed over); it links to the genesis hash only when it is sequence 1.
/// </summary>
public static class ChainVerifier
{
    /// <summary>Packages whose signatures already verified (<see cref="PackageVerification.SignatureValid"/>).</summary>
    public static ChainReport Check(IEnumerable<PackageVerification> packages)
    {
        var ordered = packages
            .Where(p => p.Manifest is not null && p.ManifestSha256 is not null)
            .OrderBy(p => p.Manifest!.Sequence)
            .ToList();
        var problems = new List<string>();
        var gaps = new List<(long From, long To)>();
        var links = 0;
        foreach (var device in ordered.Select(p => p.Manifest!.DeviceId).Distinct().Skip(1))
        {
            problems.Add($"package of another device '{device}' in the chain of '{ordered[0].Manifest!.DeviceId}'");
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            var m = ordered[i].Manifest!;
            if (i == 0)
            {
                if (m.Sequence == 1 && m.PreviousManifestSha256 != Evidence.ChainLink.GenesisSha256)
                {
                    problems.Add("sequence 1 does not start from the genesis hash");
                }

                continue;
            }

            var previous = ordered[i - 1];
            var p = previous.Manifest!;
            if (m.Sequence == p.Sequence)
            {
                problems.Add($"sequence {m.Sequence} used twice (events {p.EventId} and {m.EventId})");
            }
            else if (m.Sequence > p.Sequence + 1)
            {
                gaps.Add((p.Sequence + 1, m.Sequence - 1));
                problems.Add(m.Sequence == p.Sequence + 2
                    ? $"sequence {p.Sequence + 1} missing"
                    : $"sequences {p.Sequence + 1}-{m.Sequence - 1} missing");
            }
            else if (m.PreviousManifestSha256 != previous.ManifestSha256)
            {
                problems.Add($"sequence {m.Sequence} does not link to sequence {p.Sequence} (previous hash differs)");
            }
            else
            {
                links++;
            }
        }

        return new ChainReport(ordered.Count, links, gaps, problems);
    }
}

/// <summary>The result of a chain check: how many packages and good links, the missing sequence ranges, every problem.</summary>
public sealed record ChainReport(int Packages, int GoodLinks, IReadOnlyList<(long From, long To)> Gaps, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}
