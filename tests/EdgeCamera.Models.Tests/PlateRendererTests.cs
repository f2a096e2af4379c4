using System.Text.Json;
using EdgeCamera.TestKit;
using Xunit.Abstractions;

namespace EdgeCamera.Models.Tests;

/// <summary>
/// What the plate renderer (models/plategen) and the scene synthesis (models/scenes) promise: a further country is a
/// format file and no code, Arabic is shaped (joined, right to left), and the same seed draws the same plate and scene.
/// </summary>
public sealed class PlateRendererTests(ITestOutputHelper output) : IDisposable
{
    // A few seconds on 2 idle cores (imports of numpy and PIL, a few plates and scenes); a minute is the hard stop.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecam-plategen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_further_country_is_one_format_file_that_the_renderer_and_the_scenes_draw_with_no_new_code()
    {
        // A copy of the renderer and the scene synthesis, as they are in the checkout, plus one format file.
        CopyModelsCode();
        File.Copy(Fixture("ae-example.json"), Path.Combine(_dir, "plategen", "formats", "ae-example.json"));

        var result = await RunAsync("""
            import random
            import numpy as np
            from plategen import formats, render
            from scenes import plates
            fmt = formats.load_all()["ae-example"]
            spec = render.random_plate(fmt, random.Random(3))
            img = render.render_plate(spec, width_px=520)
            grey = np.asarray(img.convert("L"))
            draws = [plates.sample_plate(random.Random(i), 200) for i in range(500)]
            asked = plates.sample_plate(random.Random(1), 200, kind="ae-example")
            emit(text=spec.text, country=spec.country, width=img.width, height=img.height,
                 ink=float((grey < 100).mean()), formats=plates.FORMAT_IDS,
                 drawn=sum(d.format == "ae-example" for d in draws), asked_country=asked.country)
            """);

        Assert.Matches("^[A-Z]{1,2}[0-9]{1,5}$", result.GetProperty("text").GetString());
        Assert.Equal("AE", result.GetProperty("country").GetString());
        Assert.Equal(520, result.GetProperty("width").GetInt32());
        Assert.Equal(110, result.GetProperty("height").GetInt32()); // the fixture's 520×110 mm
        var ink = result.GetProperty("ink").GetDouble();
        Assert.InRange(ink, 0.05, 0.6); // dark outline and characters on a light plate, neither blank nor filled
        // The recogniser's format classes come from the files, and scenes draw the new format at its share:
        // 0.1 of a total weight of 1.1, about 45 of 500 draws.
        Assert.Contains("ae-example", result.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.InRange(result.GetProperty("drawn").GetInt32(), 20, 75);
        Assert.Equal("AE", result.GetProperty("asked_country").GetString());
    }

    [Fact]
    public async Task A_format_file_without_a_training_share_is_refused_by_name()
    {
        CopyModelsCode();
        var withoutShare = File.ReadAllLines(Fixture("ae-example.json")).Where(l => !l.Contains("\"training_share\"", StringComparison.Ordinal));
        File.WriteAllLines(Path.Combine(_dir, "plategen", "formats", "ae-example.json"), withoutShare);

        var result = await RunAsync("""
            try:
                from scenes import plates
                emit(refused=None)
            except ValueError as e:
                emit(refused=str(e))
            """);

        var refusal = result.GetProperty("refused").GetString();
        Assert.NotNull(refusal);
        Assert.Contains("ae-example", refusal, StringComparison.Ordinal);
        Assert.Contains("training_share", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_is_drawn_shaped_and_joined_and_without_a_shaper_the_renderer_refuses_to_draw()
    {
        var result = await RunAsync("""
            from PIL import ImageFont
            from plategen import text
            word = "السعودية"   # the word on the Saudi plate's strip
            f = text.font("NotoKufiArabic-Bold.ttf", 80)
            joined = f.getlength(word, direction="rtl", language="ar")
            isolated = sum(f.getlength(c) for c in word)
            ImageFont.core.HAVE_RAQM = False   # as Pillow is without Debian's libraqm0
            text.font.cache_clear()
            try:
                text.font("NotoKufiArabic-Bold.ttf", 81)
                refused = None
            except RuntimeError as e:
                refused = str(e)
            emit(raqm=f.layout_engine == ImageFont.Layout.RAQM, joined=joined, isolated=isolated, refused=refused)
            """, repoCode: true);

        Assert.True(result.GetProperty("raqm").GetBoolean(), "the renderer's font does not use Raqm layout");
        // Joined letters take their initial, medial and final forms, which are narrower than the isolated forms an
        // unshaped drawing would use (measured 375 against 469 px at size 80 with Noto Kufi Arabic Bold).
        Assert.True(result.GetProperty("joined").GetDouble() < 0.9 * result.GetProperty("isolated").GetDouble(),
            $"the shaped word is {result.GetProperty("joined")} px wide, its isolated letters {result.GetProperty("isolated")} px");
        Assert.Contains("libraqm0", result.GetProperty("refused").GetString() ?? "no refusal", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_plate_and_the_same_scene()
    {
        var result = await RunAsync("""
            import hashlib, random
            from plategen import formats, render
            from scenes import compose
            fmt = formats.load_all()["sa-private"]
            def plate(seed):
                spec = render.random_plate(fmt, random.Random(seed))
                return spec.text + hashlib.sha256(render.render_plate(spec, width_px=300).tobytes()).hexdigest()
            def scene(seed):
                img, found = compose.make_scene(seed, frame=(640, 360), plate_px=(40, 160))
                return hashlib.sha256(img.tobytes()).hexdigest() + repr(found)
            emit(plates=[plate(11), plate(11), plate(12)], scenes=[scene(5), scene(5), scene(6)])
            """, repoCode: true);

        string[] plates = [.. result.GetProperty("plates").EnumerateArray().Select(p => p.GetString()!)];
        string[] scenes = [.. result.GetProperty("scenes").EnumerateArray().Select(s => s.GetString()!)];
        Assert.Equal(plates[0], plates[1]);
        Assert.NotEqual(plates[0], plates[2]);
        Assert.Equal(scenes[0], scenes[1]);
        Assert.NotEqual(scenes[0], scenes[2]);
    }

    private static string Fixture(string name) => RepoPaths.InRepo("tests", "EdgeCamera.Models.Tests", "Fixtures", name);

    private void CopyModelsCode()
    {
        foreach (var package in new[] { "plategen", "scenes" })
        {
            var from = RepoPaths.InRepo("models", package);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__", StringComparison.Ordinal)))
            {
                var to = Path.Combine(_dir, package, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> under Debian's Python with models/ (or the test's copy of it) on the path;
    /// the script reports through <c>emit(**values)</c>, one JSON object.</summary>
    private async Task<JsonElement> RunAsync(string body, bool repoCode = false)
    {
        Directory.CreateDirectory(_dir);
        var script = Path.Combine(_dir, "check.py");
        var indented = string.Join('\n', body.Split('\n').Select(l => "    " + l));
        File.WriteAllText(script, $$"""
            import json, sys
            sys.path.insert(0, {{JsonSerializer.Serialize(repoCode ? RepoPaths.InRepo("models") : _dir)}})
            def emit(**values):
                print("RESULT " + json.dumps(values))
            def main():
            {{indented}}
            main()
            """);
        var text = await DebianPython.RunAsync(["-B", script], _dir, RunTimeout, output); // -B: no __pycache__ in the checkout
        var line = text.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        Assert.NotNull(line);
        return JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
