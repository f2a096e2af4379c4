using System.Runtime.InteropServices;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// Package bytes kept as files beside the database (<c>Storage:PayloadDirectory</c>), so PostgreSQL stores only the
/// row: a 628 KB payload in a bytea column is written twice (WAL, then the TOAST pages) and cost PostgreSQL ~7 ms of CPU
/// per package in the cloud load test (bench/README.md). A file is written under a temporary name, fsynced, renamed
/// to <c>&lt;event id&gt;.&lt;manifest SHA-256 prefix&gt;.pkg</c> and its directory fsynced before the row that names
/// it is committed, so a committed row never names a missing file; a crash in between leaves at most an unnamed file.
/// The manifest's hash (intake computes it anyway) covers every image's hash, so a redelivered package finds its own
/// file and keeps it as it is, and a different package under the same event id gets another name: a stored file is
/// never overwritten. Several nodes share the directory (a mounted volume; object storage at national
/// scale: cloud-sync/docs/scale-out.md).
/// </summary>
public sealed class PayloadFiles
{
    private const string Extension = ".pkg";

    public PayloadFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Root = Path.GetFullPath(directory);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The file name a package is stored under (relative to <see cref="Root"/>): its event id and the first
    /// 16 hex digits of its manifest's SHA-256.</summary>
    public static string NameFor(Guid eventId, string manifestSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(manifestSha256Hex);
        if (manifestSha256Hex.Length < 16 || manifestSha256Hex.AsSpan(0, 16).IndexOfAnyExcept("0123456789abcdef") >= 0)
        {
            throw new ArgumentException("not a lower-case hex SHA-256", nameof(manifestSha256Hex));
        }

        var id = eventId.ToString("N");
        return $"{id[..2]}/{id}.{manifestSha256Hex[..16]}{Extension}";
    }

    /// <summary>Writes the package durably (file and directory entry on disk) and returns its name; a file of that
    /// name already holds this package (same event, same manifest), so it is kept as it is.</summary>
    public string Write(Guid eventId, string manifestSha256Hex, byte[] payload)
    {
        var name = NameFor(eventId, manifestSha256Hex);
        var path = PathOf(name);
        var directory = Path.GetDirectoryName(path)!;
        if (File.Exists(path))
        {
            SyncDirectory(directory); // another node may have renamed it in and not synced yet
            return name;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            SyncDirectory(Root);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                file.Write(payload);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        SyncDirectory(directory);
        return name;
    }

    /// <summary>The stored bytes; a missing file is a clear error (the row says it was stored).</summary>
    public byte[] Read(string name)
    {
        var path = PathOf(name);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Evidence payload file '{name}' is missing from Storage:PayloadDirectory ({Root}).", path, ex);
        }
    }

    /// <summary>Every file under <see cref="Root"/>: stored packages and temporary files a crash left mid-write.</summary>
    public IEnumerable<PayloadFile> List() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(path =>
        {
            var info = new FileInfo(path);
            var name = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            return new PayloadFile(name, info.Length, info.LastWriteTimeUtc, !name.EndsWith(Extension, StringComparison.Ordinal));
        });

    /// <summary>The event a stored package's file name carries; false for any other file.</summary>
    public static bool TryEventOf(string name, out Guid eventId)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        eventId = Guid.Empty;
        return file.EndsWith(Extension, StringComparison.Ordinal) && file.Length > 32 && Guid.TryParseExact(file[..32], "N", out eventId);
    }

    /// <summary>Removes a file no row names (a refused duplicate's, an orphan's).</summary>
    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root, name));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Payload file name '{name}' leaves Storage:PayloadDirectory.", nameof(name));
        }

        return path;
    }

    /// <summary>fsync(2) on a directory, so a new or renamed entry in it survives a power cut (.NET cannot open a
    /// directory as a file).</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // open(2): O_RDONLY is 0 on every Linux architecture (O_DIRECTORY is not: x86-64 0x10000, arm64 0x4000), and a
    // directory opened read-only can be fsynced.
    private const int ReadOnlyDirectory = 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}

/// <summary>One file of the payload directory; <see cref="Temporary"/>: not (yet) a stored package's name.</summary>
public sealed record PayloadFile(string Name, long LengthBytes, DateTime WrittenUtc, bool Temporary);
