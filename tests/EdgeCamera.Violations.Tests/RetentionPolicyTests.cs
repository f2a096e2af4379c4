using EdgeCamera.Violations.Retention;

namespace EdgeCamera.Violations.Tests;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void By_default_plain_reads_are_not_kept_and_evidence_is()
    {
        var policy = new ReadRetentionPolicy(new ReadRetentionOptions());

        Assert.False(policy.ShouldKeep(isEvidence: false));
        Assert.True(policy.ShouldKeep(isEvidence: true));
        Assert.True(policy.IsExpired(Captured, isEvidence: false, Captured));
        Assert.False(policy.TryGetExpiry(Captured, isEvidence: false, out _));
    }

    [Fact]
    public void Kept_plain_reads_expire_exactly_at_the_end_of_their_retention()
    {
        var policy = new ReadRetentionPolicy(new ReadRetentionOptions { KeepPlainReads = true, PlainReadRetention = TimeSpan.FromHours(24) });

        Assert.True(policy.ShouldKeep(isEvidence: false));
        Assert.True(policy.TryGetExpiry(Captured, isEvidence: false, out var expires));
        Assert.Equal(Captured.AddHours(24), expires);
        Assert.False(policy.IsExpired(Captured, false, Captured.AddHours(24).AddTicks(-1)));
        Assert.True(policy.IsExpired(Captured, false, Captured.AddHours(24)));
    }

    [Fact]
    public void Evidence_never_expires_under_the_plain_read_policy()
    {
        var policy = new ReadRetentionPolicy(new ReadRetentionOptions { KeepPlainReads = true, PlainReadRetention = TimeSpan.FromHours(1) });

        Assert.False(policy.IsExpired(Captured, isEvidence: true, Captured.AddDays(365)));
        Assert.False(policy.TryGetExpiry(Captured, isEvidence: true, out _));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(31.0)]
    public void A_retention_of_zero_or_over_thirty_days_is_rejected(double days)
    {
        var options = new ReadRetentionOptions { PlainReadRetention = TimeSpan.FromDays(days) };

        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
