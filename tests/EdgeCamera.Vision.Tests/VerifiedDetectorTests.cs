using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision.Tests;

public sealed class VerifiedDetectorTests
{
    private const float SureScore = 0.5f;
    private static readonly PlateCandidate Sign = new(new PixelBox(10, 10, 90, 30), 0.9f);
    private static readonly PlateCandidate Plate = new(new PixelBox(120, 100, 100, 25), 0.6f);
    private static readonly PlateCandidate FaintPlate = new(new PixelBox(200, 150, 60, 15), 0.2f);

    [Fact]
    public void Boxes_the_verifier_doubts_are_dropped_and_the_rest_keep_the_detectors_order()
    {
        var verifier = new ScriptedVerifier(0.5f, 0.7f, (Sign.Box, 0.1f), (Plate.Box, 0.97f), (FaintPlate.Box, 0.8f));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(Sign, Plate, FaintPlate), verifier, SureScore);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([Plate, FaintPlate], found[..count]);
        Assert.Equal((3, 1), (detector.Checked, detector.Rejected));
    }

    [Fact]
    public void A_box_the_verifier_cannot_score_is_dropped_and_counted()
    {
        var outside = new PlateCandidate(new PixelBox(400, 300, 50, 20), 0.9f);
        var verifier = new ScriptedVerifier(0.5f, 0.7f, (Plate.Box, 0.9f));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(outside, Plate), verifier, SureScore);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([Plate], found[..count]);
        Assert.Equal((2, 1), (detector.Checked, detector.Rejected));
    }

    [Fact]
    public void A_score_exactly_at_the_threshold_keeps_the_box()
    {
        var verifier = new ScriptedVerifier(0.5f, 0.7f, (Plate.Box, 0.5f));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(Plate), verifier, SureScore);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        Assert.Equal(1, detector.Detect(frame, found));
        Assert.Equal(0, detector.Rejected);
    }

    [Fact]
    public void A_box_the_detector_scored_faintly_needs_the_verifiers_stricter_threshold()
    {
        var dimSign = new PlateCandidate(new PixelBox(20, 200, 80, 20), 0.25f);
        var verifier = new ScriptedVerifier(0.05f, 0.7f, (Plate.Box, 0.3f), (FaintPlate.Box, 0.9f), (dimSign.Box, 0.3f));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(Plate, FaintPlate, dimSign), verifier, SureScore);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([Plate, FaintPlate], found[..count]);
        Assert.Equal(1, detector.Rejected);
    }

    [Fact]
    public void A_sure_box_the_verifier_refuses_is_kept_when_its_redrawn_box_passes_the_faint_threshold()
    {
        var whole = new PixelBox(110, 90, 120, 45); // the whole plate, where the detector boxed its text line
        var verifier = new ScriptedVerifier(0.5f, 0.7f, (Plate.Box, 0.05f), (whole, 0.9f), (Sign.Box, 0.1f), (new PixelBox(5, 5, 100, 40), 0.6f));
        var refiner = new ScriptedRefiner((Plate.Box, whole), (Sign.Box, new PixelBox(5, 5, 100, 40)));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(Sign, Plate), verifier, SureScore, secondLook: refiner);
        using var frame = SyntheticScene.Blank(320, 240, 128);
        var found = new PlateCandidate[8];

        int count = detector.Detect(frame, found);

        Assert.Equal([Plate], found[..count]); // the detector's box, as found; the sign's redrawn box (0.6) stays refused
        Assert.Equal((2, 1, 1), (detector.Checked, detector.Rejected, detector.KeptOnSecondLook));
    }

    [Fact]
    public void A_faint_box_the_verifier_refuses_gets_no_second_look()
    {
        var whole = new PixelBox(190, 140, 80, 35);
        var verifier = new ScriptedVerifier(0.5f, 0.7f, (FaintPlate.Box, 0.5f), (whole, 0.99f));
        var refiner = new ScriptedRefiner((FaintPlate.Box, whole));
        using var detector = new VerifiedPlateDetector(new ScriptedDetector(FaintPlate), verifier, SureScore, secondLook: refiner);
        using var frame = SyntheticScene.Blank(320, 240, 128);

        Assert.Equal(0, detector.Detect(frame, new PlateCandidate[8]));
        Assert.Equal((1, 0L), (detector.Rejected, detector.KeptOnSecondLook));
    }

    /// <summary>A verifier that scores the boxes it was given and cannot score any other (as a box outside the
    /// frame).</summary>
    private sealed class ScriptedVerifier(float threshold, float faintThreshold, params (PixelBox Box, float Score)[] scores) : IPlateVerifier
    {
        public float Threshold { get; } = threshold;

        public float FaintThreshold { get; } = faintThreshold;

        public bool TryScore(Frame frame, PixelBox box, out float plateProbability)
        {
            foreach (var (known, score) in scores)
            {
                if (known == box)
                {
                    plateProbability = score;
                    return true;
                }
            }

            plateProbability = 0;
            return false;
        }
    }
}
