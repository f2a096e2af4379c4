using EdgeCamera.Vision.Imaging;

namespace EdgeCamera.Vision.Recognition;

/// <summary>The Latin character row chosen on a plate crop: character boxes (crop pixels) and the ink threshold.</summary>
internal sealed class CharacterRow
{
    public List<ComponentBox> Characters { get; } = new(16);

    public int Threshold { get; set; }

    public int MedianHeight { get; set; }

    public void Clear()
    {
        Characters.Clear();
        Threshold = 0;
        MedianHeight = 0;
    }
}
