namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// The technician's password hash on disk. Written by <c>edgecam set-password</c> (and by tests through the same
/// code); read at every sign-in so a new password takes effect without a restart.
/// </summary>
public sealed class PasswordFile(string path)
{
    public string Path { get; } = path;

    public bool IsSet => TryRead(out _);

    /// <summary>Hashes <paramref name="password"/> and replaces the file atomically (owner read/write only).</summary>
    public void Write(string password, int iterations = PasswordHash.DefaultIterations)
    {
        if (password.Length < PasswordHash.MinimumLength)
        {
            throw new ArgumentException($"The password must have at least {PasswordHash.MinimumLength} characters.", nameof(password));
        }

        var full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, PasswordHash.Create(password, iterations).Format() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, full, overwrite: true);
    }

    public bool TryRead(out PasswordHash hash)
    {
        hash = null!;
        try
        {
            return File.Exists(Path) && PasswordHash.TryParse(File.ReadAllText(Path), out hash);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
