namespace EdgeCamera.Bench.Decode;

/// <summary>
/// <see cref="Hardware.Camera.FfmpegCamera"/> always passes RTSP input options (<c>-rtsp_transport</c>,
/// <c>-timeout</c>), which FFmpeg refuses for a file ("Option rtsp_transport not found"). To read the clip file through
/// the real camera class, its FfmpegPath points at this wrapper, which drops those two options and runs ffmpeg.
/// </summary>
internal sealed class FileDecoderScript : IDisposable
{
    private const string Script = """
        #!/bin/bash
        a=()
        while [ $# -gt 0 ]; do
          case "$1" in
            -rtsp_transport|-timeout) shift 2 ;;
            *) a+=("$1"); shift ;;
          esac
        done
        exec ffmpeg "${a[@]}"

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("edgecam-bench-ffmpeg-").FullName;

    public FileDecoderScript()
    {
        Path = System.IO.Path.Combine(_dir, "ffmpeg-file");
        File.WriteAllText(Path, Script);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
