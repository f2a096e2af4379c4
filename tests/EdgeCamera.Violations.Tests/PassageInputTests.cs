using EdgeCamera.Hardware.Radar;
using EdgeCamera.Violations.Geometry;
using EdgeCamera.Violations.Passages;
using EdgeCamera.Vision;

namespace EdgeCamera.Violations.Tests;

/// <summary>What the rules are fed: geometry, the mapping from the tracker's read, the sensor matcher.</summary>
public sealed class PassageInputTests
{
    private readonly TestSite _site = new();

    [Fact]
    public void A_step_that_ends_exactly_on_the_stop_line_has_reached_it_and_one_that_stops_short_has_not()
    {
        var stopLine = new LineSegment(new ImagePoint(250, 800), new ImagePoint(760, 800));

        Assert.True(new LineSegment(new ImagePoint(500, 790), new ImagePoint(500, 800)).Intersects(stopLine));
        Assert.False(new LineSegment(new ImagePoint(500, 790), new ImagePoint(500, 799.9)).Intersects(stopLine));
        Assert.False(new LineSegment(new ImagePoint(800, 790), new ImagePoint(800, 810)).Intersects(stopLine), "beside the lane");
        Assert.True(new LineSegment(new ImagePoint(400, 820), new ImagePoint(420, 780)).Intersects(stopLine), "either way");
    }

    [Fact]
    public void A_lane_polygon_holds_points_inside_it_and_not_outside()
    {
        var lane = _site.Site.Lanes[0].ToPolygon();

        Assert.True(lane.Contains(new ImagePoint(636, 564)));
        Assert.True(lane.Contains(new ImagePoint(238, 1072)));
        Assert.False(lane.Contains(new ImagePoint(1285, 534)));
        Assert.False(lane.Contains(new ImagePoint(700, 300)));
    }

    [Fact]
    public void A_tracker_read_maps_to_a_passage_with_its_trajectory_and_sensors()
    {
        var read = new VehicleRead(7, "6834GUV", "SA", 0.83f, 12, new PixelBox(700, 500, 90, 34), 105,
            TestSite.Noon.AddSeconds(-3), TestSite.Noon, TravelDirection.Approaching, EvidenceImages.None);
        IReadOnlyList<TrajectoryPoint> track = [_site.Point(100, 600), _site.Point(105, 700), _site.Point(110, 800)];
        var sensors = new SensorContext(null, TestSite.Radar(70), []);
        var id = Guid.CreateVersion7();

        var passage = read.ToPassage(id, track, sensors, laneId: 1);

        Assert.Equal((id, "6834GUV", "SA", 0.83, 1, PassageDirection.Approaching), (passage.EventId, passage.PlateText, passage.Country, Math.Round(passage.Confidence, 2), passage.LaneId!.Value, passage.Direction));
        Assert.Equal((100L, 105L, 110L), (passage.FirstFrameSequence, passage.BestFrameSequence, passage.LastFrameSequence));
        Assert.Equal((track[0].Timestamp, track[^1].Timestamp), (passage.FirstSeenTimestamp, passage.LastSeenTimestamp));
        Assert.Equal(TestSite.Noon, passage.LastSeenUtc);
        Assert.Same(sensors, passage.Sensors);
    }

    [Fact]
    public void The_matcher_takes_the_nearest_reading_of_the_lane_within_the_window_and_nothing_beyond_it()
    {
        var matcher = new SensorMatcher(TimeSpan.FromSeconds(1), _site.Time);
        var from = _site.At(TimeSpan.FromSeconds(10));
        var to = _site.At(TimeSpan.FromSeconds(12));
        matcher.Add(TestSite.Radar(70) with { Timestamp = _site.At(TimeSpan.FromSeconds(8.9)) });       // 1.1 s early
        matcher.Add(TestSite.Radar(71) with { Timestamp = _site.At(TimeSpan.FromSeconds(13)) });        // 1.0 s late: in
        matcher.Add(TestSite.Radar(72, lane: 2) with { Timestamp = _site.At(TimeSpan.FromSeconds(11)) }); // other lane
        matcher.Add(TestSite.Loop(73) with { LeadingOnTimestamp = _site.At(TimeSpan.FromSeconds(11)) });

        var context = matcher.Match(1, from, to);

        Assert.Equal(71, context.Radar!.SpeedKmh);
        Assert.Equal(73, context.Loop!.SpeedKmh);
        Assert.Null(matcher.Match(3, from, to).Radar);
    }

    [Fact]
    public void A_reading_matched_to_one_vehicle_is_not_given_to_a_second_one()
    {
        var matcher = new SensorMatcher(TimeSpan.FromSeconds(1), _site.Time);
        var from = _site.At(TimeSpan.FromSeconds(10));
        var to = _site.At(TimeSpan.FromSeconds(12));
        matcher.Add(TestSite.Radar(118) with { Timestamp = _site.At(TimeSpan.FromSeconds(11)) });
        matcher.Add(TestSite.Loop(118) with { LeadingOnTimestamp = _site.At(TimeSpan.FromSeconds(11)) });

        var first = matcher.Match(1, from, to);
        var second = matcher.Match(1, from, to); // e.g. a partial read the tracker split off the same car

        Assert.Equal(118, first.Radar!.SpeedKmh);
        Assert.Equal(118, first.Loop!.SpeedKmh);
        Assert.Null(second.Radar);
        Assert.Null(second.Loop);
    }

    [Fact]
    public void The_matcher_keeps_a_bounded_number_of_readings()
    {
        var matcher = new SensorMatcher(TimeSpan.FromSeconds(1), _site.Time);
        for (var i = 0; i < SensorMatcher.Capacity + 1; i++)
        {
            matcher.Add(new RadarReading("RADAR-1", 1, i, RadarDirection.Approaching, 90, _site.At(TimeSpan.FromSeconds(i * 10))));
        }

        Assert.Null(matcher.Match(1, _site.At(TimeSpan.Zero), _site.At(TimeSpan.Zero)).Radar);
        Assert.Equal(1, matcher.Match(1, _site.At(TimeSpan.FromSeconds(10)), _site.At(TimeSpan.FromSeconds(10))).Radar!.SpeedKmh);
    }
}
