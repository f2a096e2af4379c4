using System.Collections.Frozen;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>The page's files (Diagnostics/wwwroot), embedded in the program: one file to deploy, nothing from a CDN.</summary>
internal static class EmbeddedAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    public static IResult Serve(HttpContext http, string name)
    {
        if (!Files.TryGetValue(name, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var type))
        {
            return Results.NotFound();
        }

        SecurityHeaders(http.Response);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, type);
    }

    /// <summary>Everything from this unit only; no inline script; not framed by another site.</summary>
    public static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        const string prefix = "diag/";
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
