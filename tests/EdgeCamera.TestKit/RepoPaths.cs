namespace EdgeCamera.TestKit;

/// <summary>Finds the checkout's root (the folder holding EdgeCamera.sln) from wherever the tests run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Cache for rendered test media (git-ignored), shared by test runs and the demo.</summary>
    public static string Cache(params string[] parts) => Path.Combine([Root, ".cache", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeCamera.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeCamera.sln not found above {AppContext.BaseDirectory}");
    }
}
