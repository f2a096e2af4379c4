namespace EdgeCamera.Vision.Tests;

public sealed class TrackerSettledReadTests
{
    private static readonly TrackerOptions Options = new() { SettledVotes = 6, SettledShare = 0.9, SettledReadEveryFrames = 4 };

    private static PlateText Read(string text) => new(text, "SA", 0.9f, Enumerable.Repeat(0.9f, text.Length).ToArray());

    // A plate drifting right 4 px a frame.
    private static PixelBox Box(long sequence) => new(40 + (int)(sequence * 4), 100, 60, 16);

    private static void See(PlateTracker tracker, Hardware.Camera.Frame frame, string text) =>
        tracker.Observe(frame, [new PlateCandidate(Box(frame.Sequence), 0.9f)], [Read(text)], new List<VehicleRead>());

    [Fact]
    public void A_settled_track_is_read_only_on_every_fourth_frame_and_a_new_plate_always()
    {
        var tracker = new PlateTracker(Options);
        using var frames = new SyntheticFrames(320, 240);
        for (int i = 0; i < 6; i++)
        {
            See(tracker, frames.Next(), "1234ABD");
        }

        Assert.False(tracker.NeedsRead(Box(6), 6));
        Assert.False(tracker.NeedsRead(Box(7), 7));
        Assert.True(tracker.NeedsRead(Box(8), 8)); // the periodic re-read keeps the best crop up to date
        Assert.True(tracker.NeedsRead(new PixelBox(240, 200, 60, 16), 7)); // far from the track: another plate
    }

    [Fact]
    public void A_track_is_read_every_frame_until_enough_reads_agree_and_again_once_one_disagrees()
    {
        var tracker = new PlateTracker(Options);
        using var frames = new SyntheticFrames(320, 240);
        for (int i = 0; i < 5; i++)
        {
            See(tracker, frames.Next(), "1234ABD");
        }

        Assert.True(tracker.NeedsRead(Box(5), 5)); // five votes: not yet settled

        See(tracker, frames.Next(), "1234ABD");
        Assert.False(tracker.NeedsRead(Box(6), 6));

        See(tracker, frames.Next(), "1234ABO"); // 0.9 of 6.3 weight disagrees: the leader holds 86 % < 90 %
        Assert.True(tracker.NeedsRead(Box(7), 7));
    }
}
