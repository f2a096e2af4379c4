using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EdgeCamera.Cloud.Storage;

/// <summary>
/// Package bytes kept as files beside the database (<c>Storage:PayloadDirectory</c>), so PostgreSQL stores only the
/// row: a 628 KB payload in a bytea column is written twice (WAL, then the TOAST pages) and cost PostgreSQL ~7 ms of CPU
/// per package in the cloud load test (bench/README.md). A file is written under a temporary name, fsynced, renamed
/// to <c>&lt;event id&gt;.&lt;SHA-256 prefix&gt;.pkg</c> and its directory fsynced before the row that names it is
/// committed, so a committed row never names a missing file; a crash in between leaves at most an unnamed file.
/// Naming by content means a redelivered package lands on its own file and a different package with the same event id
/// never overwrites the stored one. Several nodes share the directory (a mounted volume; object storage at national
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

    /// <summary>The file name a payload is stored under (relative to <see cref="Root"/>).</summary>
    public static string NameFor(Guid eventId, ReadOnlySpan<byte> payload)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, digest);
        var id = eventId.ToString("N");
        return $"{id[..2]}/{id}.{Convert.ToHexStringLower(digest[..8])}{Extension}";
    }

    /// <summary>Writes the payload durably (file and directory entry on disk) and returns its name; a file of that
    /// name is already the same bytes, so it is kept.</summary>
    public string Write(Guid eventId, byte[] payload)
    {
        var name = NameFor(eventId, payload);
        var path = PathOf(name);
        if (File.Exists(path))
        {
            SyncDirectory(Path.GetDirectoryName(path)!); // another node may have renamed it in and not synced yet
            return name;
        }

        var directory = Path.GetDirectoryName(path)!;
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

    /// <summary>Removes a file no row names (a refused duplicate's).</summary>
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
