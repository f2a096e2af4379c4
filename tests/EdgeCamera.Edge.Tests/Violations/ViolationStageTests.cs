using System.Security.Cryptography;
using EdgeCamera.Contracts.Evidence;
using EdgeCamera.Edge.Violations;
using EdgeCamera.Hardware.Radar;
using EdgeCamera.Hardware.Signals;

namespace EdgeCamera.Edge.Tests.Violations;

public sealed class ViolationStageTests
{
    [Fact]
    public void A_vehicle_the_calibrated_radar_measured_above_limit_plus_tolerance_gets_one_speeding_draft_with_its_measurements()
    {
        using var sut = new StageUnderTest();
        var read = sut.Read("6834GUV") with { HalvesAgree = true, ArabicHalf = "6834GUV", ArabicScript = "ى و ق ٦٨٣٤" };
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));

        var drafts = sut.Stage.Judge(read);

        var draft = Assert.Single(drafts);
        Assert.Equal(("6834GUV", "ى و ق ٦٨٣٤"), (draft.Manifest.Plate.Text, draft.Manifest.Plate.TextArabic));
        Assert.Equal("SPD", draft.Manifest.Violation.TypeCode);
        Assert.Equal("CERT-RADAR", draft.Manifest.Violation.CalibrationId);
        Assert.Equal(1, draft.Manifest.Violation.Lane);
        var measured = draft.Manifest.Violation.Measurements.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal((130.0, 80.0, 10.0), (measured["speed"], measured["speedLimit"], measured["speedTolerance"]));
        Assert.Equal(sut.Models.Models, draft.Manifest.Software.Models);
        Assert.Equal(0, sut.Withheld.Count());
    }

    [Fact]
    public void A_speed_measured_by_a_radar_whose_calibration_expired_is_not_issued_but_kept_flagged_with_its_measurements()
    {
        using var sut = new StageUnderTest(radarCalibrationExpired: true);
        var read = sut.Read("6834GUV");
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(105));

        var drafts = sut.Stage.Judge(read);

        Assert.Empty(drafts);
        Assert.Equal(1, sut.Stage.Stats.CalibrationHolds);
        var kept = Assert.Single(sut.Withheld.Recent(10));
        Assert.Equal(("SPD", "6834GUV", "CalibrationExpired"), (kept.TypeCode, kept.Plate, kept.Flags));
        Assert.True(CanonicalManifest.TryParse(kept.Manifest, out var manifest, out var error), error);
        var measured = manifest.Violation.Measurements.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(130.0, measured["speed"]);
        Assert.Equal(1.0, measured["flag.CalibrationExpired"]);
        Assert.Equal(manifest.Images.Select(i => i.Name).Order(), kept.Images.Keys.Order());
    }

    [Fact]
    public void A_red_light_violation_carries_the_frames_before_at_and_after_the_stop_line_as_hashed_images()
    {
        using var sut = new StageUnderTest();
        var read = sut.Read("4011AO00", firstFrame: 100, frames: 40);
        sut.KeepFrames(first: 100, count: 40);
        sut.Signals.Set("north", SignalPhase.Red, sut.TimestampOf(100) - (long)(5 * sut.Time.TimestampFrequency)); // red 5 s before

        var draft = Assert.Single(sut.Stage.Judge(read));

        Assert.Equal("RLT", draft.Manifest.Violation.TypeCode);
        var measured = draft.Manifest.Violation.Measurements.ToDictionary(m => m.Name, m => m.Value);
        Assert.True(measured["frame.before"] < measured["frame.at"] && measured["frame.at"] <= measured["frame.after"]);
        foreach (var role in new[] { "before", "at", "after" })
        {
            var name = ViolationEvidence.FrameImageName(role);
            var image = Assert.Single(draft.Images, i => i.Name == name);
            Assert.True(sut.Frames.TryGet((long)measured[$"frame.{role}"], out var kept));
            Assert.Equal(kept, image.Data);
            var listed = Assert.Single(draft.Manifest.Images, i => i.Name == name);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image.Data)), listed.Sha256Hex);
        }
    }

    [Fact]
    public void A_named_frame_the_ring_no_longer_holds_is_counted_as_a_miss_and_the_violation_still_goes_out()
    {
        using var sut = new StageUnderTest();
        var read = sut.Read("4011AO00", firstFrame: 100, frames: 40);
        sut.Signals.Set("north", SignalPhase.Red, sut.TimestampOf(100) - (long)(5 * sut.Time.TimestampFrequency));

        var draft = Assert.Single(sut.Stage.Judge(read));

        Assert.Equal("RLT", draft.Manifest.Violation.TypeCode);
        Assert.DoesNotContain(draft.Images, i => i.Name.StartsWith("frame-", StringComparison.Ordinal));
        Assert.Equal(3, sut.Frames.Misses);
    }

    [Fact]
    public void Reads_that_are_part_of_a_fuller_read_of_the_same_lane_get_no_violation_and_are_counted_by_reason()
    {
        using var sut = new StageUnderTest();
        var full = sut.Read("7977750", firstFrame: 100, frames: 20);
        var left = sut.Read("7977", firstFrame: 100, frames: 8, widthPx: 60, offsetPx: -25);
        var right = sut.Read("775", firstFrame: 104, frames: 12, widthPx: 50, offsetPx: 30);
        var misread = sut.Read("7971", firstFrame: 110, frames: 10, widthPx: 60, offsetPx: -20); // not a substring; its box sits on the full read's
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(110));

        // The fragments end first (the tracker emits them first); all are held until the hold is over.
        var judged = new List<JudgedRead>();
        foreach (var read in new[] { left, right, misread, full })
        {
            sut.Stage.Hold(read);
        }

        sut.Stage.TakeDue(judged);
        Assert.Empty(judged);
        sut.Time.Advance(new ViolationStageOptions().PartialReadHold);
        sut.Stage.TakeDue(judged);

        Assert.Equal(4, judged.Count);
        var withDrafts = Assert.Single(judged, j => j.Drafts.Count > 0);
        Assert.Equal("7977750", withDrafts.Read.Text);
        Assert.Equal("SPD", Assert.Single(withDrafts.Drafts).Manifest.Violation.TypeCode);
        Assert.Equal(2, sut.Stage.PartialReadsByReason[PartialReadGuard.Substring]);
        Assert.Equal(1, sut.Stage.PartialReadsByReason[PartialReadGuard.OverlappingTrack]);
        Assert.Equal(0, sut.Stage.HeldCount);
    }

    [Fact]
    public void A_shorter_plate_of_another_vehicle_later_in_the_same_lane_is_not_a_partial_read()
    {
        using var sut = new StageUnderTest();
        var first = sut.Read("7977750", firstFrame: 100, frames: 20);
        var later = sut.Read("97775", firstFrame: 200, frames: 20); // 80 frames (3.2 s) after the first left
        sut.Radar.Measure(lane: 1, speedKmh: 130, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(110));
        sut.Radar.Measure(lane: 1, speedKmh: 125, RadarDirection.Approaching, qualityPercent: 90, sut.TimestampOf(210));

        var firstDrafts = sut.Stage.Judge(first);
        var laterDrafts = sut.Stage.Judge(later);

        Assert.Equal("SPD", Assert.Single(firstDrafts).Manifest.Violation.TypeCode);
        Assert.Equal("SPD", Assert.Single(laterDrafts).Manifest.Violation.TypeCode);
        Assert.Empty(sut.Stage.PartialReadsByReason);
    }
}
