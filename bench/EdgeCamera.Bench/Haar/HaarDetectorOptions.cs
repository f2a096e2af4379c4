namespace EdgeCamera.Bench.Haar;

/// <summary>How the OpenCV Haar-cascade baseline looks for plates (bench only; the unit never runs it).</summary>
internal sealed record HaarDetectorOptions
{
    /// <summary>Debian opencv-data's plate cascade (trained on Russian plates, 60×20 window; the only plate cascades OpenCV ships).</summary>
    public string CascadePath { get; init; } = "/usr/share/opencv4/haarcascades/haarcascade_russian_plate_number.xml";

    /// <summary>
    /// The frame is halved before the cascade runs, as the classic finder does (ClassicDetectorOptions.WorkingWidthPx):
    /// the clip's plates are 150–460 px wide at 1080p, still well above the cascade's 60 px window at 960 px.
    /// </summary>
    public int WorkingWidthPx { get; init; } = 960;

    /// <summary>Pyramid step between window sizes: OpenCV's default for detectMultiScale (objdetect.hpp).</summary>
    public double ScaleFactor { get; init; } = 1.1;

    /// <summary>Overlapping hits needed to keep a box: OpenCV's default for detectMultiScale (objdetect.hpp).</summary>
    public int MinNeighbours { get; init; } = 3;
}
