using SkiaSharp;

namespace EdgeCamera.Vision.Tests;

public sealed class TrackerTests
{
    private static PlateText Read(string text, float confidence) =>
        new(text, "SA", confidence, Enumerable.Repeat(confidence, text.Length).ToArray());

    private static SyntheticFrames Frames() => new(320, 240);

    [Fact]
    public void Tracker_emits_one_read_per_vehicle_with_the_majority_text()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 3, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        string[] texts = ["3903BSJ", "3903BSJ", "39O3BSJ", "3903BSJ", "8903BSJ"];
        using SyntheticFrames frames = Frames();
        for (int i = 0; i < texts.Length; i++)
        {
            // A plate growing and drifting right: an approaching vehicle.
            var box = new PixelBox(100 + (i * 4), 100, 60 + (i * 6), 15 + (i * 2));
            tracker.Observe(frames.Next(), [new PlateCandidate(box, 0.9f)], [Read(texts[i], 0.8f)], completed);
        }

        for (int i = 0; i < 3; i++)
        {
            tracker.Observe(frames.Next(), [], [], completed);
        }

        VehicleRead vehicle = Assert.Single(completed);
        Assert.Equal("3903BSJ", vehicle.Text);
        Assert.Equal(3, vehicle.Votes);
        Assert.Equal(TravelDirection.Approaching, vehicle.Direction);
        Assert.InRange(vehicle.Confidence, 0.3f, 0.8f);
        Assert.Equal(0, tracker.ActiveTrackCount);
        Assert.NotEmpty(vehicle.BestFrameJpeg);
        Assert.NotEmpty(vehicle.PlateCropJpeg);
    }

    [Fact]
    public void Tracker_keeps_two_vehicles_apart_and_weights_votes_by_confidence()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 2, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        for (int i = 0; i < 4; i++)
        {
            PlateCandidate[] detections =
            [
                new(new PixelBox(20 + (i * 10), 50, 60, 16), 0.9f),
                new(new PixelBox(220 - (i * 10), 150, 60, 16), 0.9f),
            ];
            PlateText?[] reads = [Read(i == 0 ? "1111AAA" : "1234ABD", i == 0 ? 0.2f : 0.9f), i == 1 ? null : Read(i == 3 ? "5678XYZ" : "5678XZZ", i == 3 ? 0.1f : 0.7f)];
            tracker.Observe(frames.Next(), detections, reads, completed);
        }

        tracker.Flush(completed);

        Assert.Equal(2, completed.Count);
        Assert.Contains(completed, v => v.Text == "1234ABD" && v.Direction == TravelDirection.LeftToRight);
        Assert.Contains(completed, v => v.Text == "5678XZZ" && v.Direction == TravelDirection.RightToLeft);
        Assert.Equal(2, completed.Select(v => v.TrackId).Distinct().Count());
    }

    [Fact]
    public void Tracker_drops_tracks_with_too_few_votes_and_returns_what_it_holds()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 2, MinVotes = 3 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        tracker.Observe(frames.Next(), [new PlateCandidate(new PixelBox(10, 10, 60, 16), 0.9f)], [Read("1234ABD", 0.9f)], completed);
        tracker.Observe(frames.Next(), [new PlateCandidate(new PixelBox(12, 10, 60, 16), 0.9f)], [Read("1234ABD", 0.9f)], completed);
        Assert.Equal(1, tracker.HeldFrameCount);

        tracker.Flush(completed);

        Assert.Empty(completed);
        Assert.Equal(0, tracker.HeldFrameCount);
        Assert.Equal(0, tracker.ActiveTrackCount);
    }

    [Fact]
    public void Tracker_does_not_report_a_sign_that_never_moves()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 2, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        for (int i = 0; i < 10; i++)
        {
            tracker.Observe(frames.Next(), [new PlateCandidate(new PixelBox(50, 20, 90, 30), 0.9f)], [Read("0551234", 0.9f)], completed);
        }

        tracker.Flush(completed);

        Assert.Empty(completed);
        Assert.Equal(0, tracker.HeldFrameCount);
    }

    [Fact]
    public void Tracker_reports_a_vehicle_reacquired_after_a_gap_only_once()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 2, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        for (int i = 0; i < 12; i++)
        {
            bool visible = i is < 4 or > 7;
            PlateCandidate[] detections = visible ? [new PlateCandidate(new PixelBox(10 + (i * 12), 50, 60, 16), 0.9f)] : [];
            PlateText?[] reads = visible ? [Read("1234ABD", 0.9f)] : [];
            tracker.Observe(frames.Next(), detections, reads, completed);
        }

        tracker.Flush(completed);

        Assert.Single(completed);
    }

    [Fact]
    public void Tracker_dispose_returns_the_frame_copies_of_live_tracks()
    {
        var tracker = new PlateTracker(new TrackerOptions());
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        tracker.Observe(frames.Next(), [new PlateCandidate(new PixelBox(10, 10, 60, 16), 0.9f)], [Read("1234ABD", 0.9f)], completed);
        Assert.Equal(1, tracker.HeldFrameCount);

        tracker.Dispose();

        Assert.Equal(0, tracker.HeldFrameCount);
        Assert.Empty(completed);
    }

    [Fact]
    public void Tracker_does_not_keep_the_callers_frame()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 1, MinVotes = 1 });
        var completed = new List<VehicleRead>();
        var plate = SKRect.Create(100, 100, 120, 28);
        using (var frame = SyntheticScene.Render(320, 240, 5, c =>
            SyntheticScene.DrawCarWithPlate(c, plate, "3903 BSJ", SKColors.DarkSlateGray, SKColors.Black)))
        {
            tracker.Observe(frame, [new PlateCandidate(new PixelBox(100, 100, 120, 28), 0.9f)], [Read("3903BSJ", 0.9f)], completed);
        }

        using SyntheticFrames frames = Frames();
        tracker.Observe(frames.Next(), [new PlateCandidate(new PixelBox(130, 100, 120, 28), 0.9f)], [Read("3903BSJ", 0.5f)], completed);
        tracker.Observe(frames.Next(), [], [], completed);

        VehicleRead vehicle = Assert.Single(completed);
        Assert.Equal(5, vehicle.BestFrameSequence);
        Assert.Equal(new PixelBox(100, 100, 120, 28), vehicle.BestBox);
        using SKBitmap crop = SKBitmap.Decode(vehicle.PlateCropJpeg);
        Assert.True(crop.Width >= 120);
    }

    [Fact]
    public void A_read_carries_the_plate_box_of_every_frame_with_its_sequence_and_monotonic_time()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 3, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        var boxes = new List<PixelBox>();
        for (int i = 0; i < 5; i++)
        {
            var box = new PixelBox(100 + (i * 4), 100 + (i * 10), 60 + (i * 6), 15 + (i * 2));
            boxes.Add(box);
            tracker.Observe(frames.Next(), [new PlateCandidate(box, 0.9f)], [Read("3903BSJ", 0.8f)], completed);
        }

        for (int i = 0; i < 3; i++)
        {
            tracker.Observe(frames.Next(), [], [], completed);
        }

        VehicleRead vehicle = Assert.Single(completed);
        Assert.Equal(boxes, vehicle.Trajectory.Select(p => p.Box));
        Assert.Equal([0L, 1, 2, 3, 4], vehicle.Trajectory.Select(p => p.FrameSequence));
        Assert.Equal(Enumerable.Range(0, 5).Select(TimestampOf), vehicle.Trajectory.Select(p => p.Timestamp));
        Assert.Equal((0L, 4L), (vehicle.FirstFrameSequence, vehicle.LastFrameSequence));
        Assert.Equal((TimestampOf(0), TimestampOf(4)), (vehicle.FirstSeenTimestamp, vehicle.LastSeenTimestamp));
    }

    [Fact]
    public void A_track_the_camera_has_not_shown_for_longer_than_the_gap_ends_even_if_the_pipeline_processed_few_frames()
    {
        // A starved pipeline processes frames 0–3, then nothing until frame 40, where the next car's plate appears
        // at the same place: it must start a new track, not continue the first car's.
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 12, MaxGapFrames = 25, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        foreach (var (sequence, text) in new[] { (0, "3903BSJ"), (1, "3903BSJ"), (2, "3903BSJ"), (3, "3903BSJ"), (40, "1111AAA") })
        {
            using var frame = new Hardware.Camera.Frame(64, 48, sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence / 25.0), TimestampOf(sequence));
            var box = new PixelBox(4 + (sequence % 10 * 3), 10, 20, 6);
            tracker.Observe(frame, [new PlateCandidate(box, 0.9f)], [Read(text, 0.8f)], completed);
        }

        VehicleRead first = Assert.Single(completed);
        Assert.Equal("3903BSJ", first.Text);
        Assert.Equal(3, first.LastFrameSequence);
        Assert.Equal(1, tracker.ActiveTrackCount);
    }

    [Fact]
    public void A_long_track_keeps_a_bounded_trajectory_thinned_evenly_that_still_starts_and_ends_on_its_first_and_last_frames()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 3, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        const int observed = 1000;
        for (int i = 0; i < observed + 3; i++)
        {
            // One frame at a time, disposed at once: 1000 frames must not all be held by the test.
            using var frame = new Hardware.Camera.Frame(64, 48, i, DateTimeOffset.UnixEpoch.AddSeconds(i / 25.0), TimestampOf(i));
            var box = new PixelBox(4 + (i % 20), 10, 20, 6);
            if (i < observed)
            {
                tracker.Observe(frame, [new PlateCandidate(box, 0.9f)], [Read("3903BSJ", 0.8f)], completed);
            }
            else
            {
                tracker.Observe(frame, [], [], completed);
            }
        }

        VehicleRead vehicle = Assert.Single(completed);
        Assert.InRange(vehicle.Trajectory.Count, PlateTracker.MaxTrajectoryPoints / 2, PlateTracker.MaxTrajectoryPoints);
        Assert.Equal(0, vehicle.Trajectory[0].FrameSequence);
        Assert.Equal(observed - 1, vehicle.Trajectory[^1].FrameSequence);
        Assert.Equal((0L, observed - 1L), (vehicle.FirstFrameSequence, vehicle.LastFrameSequence));
        var steps = vehicle.Trajectory.Zip(vehicle.Trajectory.Skip(1), (a, b) => b.FrameSequence - a.FrameSequence).SkipLast(1).Distinct().ToList();
        Assert.Single(steps); // evenly thinned: one spacing between kept points (the last step may be shorter)
    }

    private static long TimestampOf(int sequence) => SyntheticFrames.TimestampOf(sequence);

    [Fact]
    public void A_fast_plate_keeps_its_track_across_frames_the_pipeline_skipped()
    {
        // A plate 40 px wide moving 30 px per camera frame; the pipeline sees frames 0, 1, 2, then 5 and 6 (3 and 4
        // were skipped): in frame 5 it is 90 px from where it was last seen, beyond 1.5 widths, but where its motion
        // says it should be.
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 12, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        foreach (int sequence in new[] { 0, 1, 2, 5, 6 })
        {
            using var frame = new Hardware.Camera.Frame(640, 120, sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence / 25.0), TimestampOf(sequence));
            var box = new PixelBox(10 + (sequence * 30), 50, 40, 12);
            tracker.Observe(frame, [new PlateCandidate(box, 0.9f)], [Read("3903BSJ", 0.8f)], completed);
        }

        tracker.Flush(completed);

        VehicleRead vehicle = Assert.Single(completed);
        Assert.Equal(5, vehicle.Votes);
        Assert.Equal(0, vehicle.FirstFrameSequence);
        Assert.Equal(6, vehicle.LastFrameSequence);
    }

    [Fact]
    public void Two_plates_passing_close_to_each_other_keep_their_own_tracks()
    {
        // Two plates in neighbouring lanes moving in opposite directions come within one width of each other
        // (frame 3); their motion, not just nearness, decides which detection continues which track.
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 12, MinVotes = 2 });
        var completed = new List<VehicleRead>();
        for (int sequence = 0; sequence < 7; sequence++)
        {
            using var frame = new Hardware.Camera.Frame(640, 200, sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence / 25.0), TimestampOf(sequence));
            PlateCandidate[] detections =
            [
                new(new PixelBox(100 + (sequence * 40), 60, 40, 12), 0.9f),
                new(new PixelBox(340 - (sequence * 40), 100, 40, 12), 0.9f),
            ];
            tracker.Observe(frame, detections, [Read("1111AAA", 0.8f), Read("2222BBB", 0.8f)], completed);
        }

        tracker.Flush(completed);

        Assert.Equal(2, completed.Count);
        Assert.All(completed, v => Assert.Equal(7, v.Votes));
        Assert.Equal(["1111AAA", "2222BBB"], completed.Select(v => v.Text).Order());
        Assert.Equal(TravelDirection.LeftToRight, completed.Single(v => v.Text == "1111AAA").Direction);
    }

    /// <summary>Blank frames at 25 fps with increasing sequence numbers, disposed with the generator.</summary>
    [Fact]
    public void A_track_hands_its_best_frame_to_the_read_and_keeps_no_pixels()
    {
        var tracker = new PlateTracker(new TrackerOptions { MaxMissedFrames = 1, MinVotes = 1 });
        var completed = new List<VehicleRead>();
        using SyntheticFrames frames = Frames();
        for (int i = 0; i < 4; i++)
        {
            var box = new PixelBox(100 + (i * 8), 100, 60 + (i * 6), 15 + (i * 2));
            tracker.Observe(frames.Next(), [new PlateCandidate(box, 0.9f)], [new PlateText("3903BSJ", "SA", 0.9f, [.. Enumerable.Repeat(0.9f, 7)])], completed);
        }

        for (int i = 0; i < 3; i++)
        {
            tracker.Observe(frames.Next(), [], [], completed);
        }

        VehicleRead read = Assert.Single(completed);
        Assert.Equal(0, tracker.HeldFrameCount);
        using var decoded = SKBitmap.Decode(read.BestFrameJpeg);
        Assert.Equal(320, decoded.Width);
    }
}
