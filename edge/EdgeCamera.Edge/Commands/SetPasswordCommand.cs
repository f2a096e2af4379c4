using EdgeCamera.Edge.Diagnostics;
using EdgeCamera.Hosting;

namespace EdgeCamera.Edge.Commands;

/// <summary>
/// <c>edgecam set-password [--Diagnostics:PasswordHashPath=FILE]</c>: reads the technician's password from the first
/// line of standard input and stores its salted PBKDF2 hash where the diagnostics page reads it (the same settings file,
/// environment and command line as the worker). The unit ships with no password: until this runs nobody can sign in.
/// </summary>
public static class SetPasswordCommand
{
    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var config = new ConfigurationManager();
        config.AddSettingsFile("edge.settings.json");
        config.AddEnvironmentVariables();
        config.AddCommandLine(args);
        var options = config.GetSection(DiagnosticsOptions.Section).Get<DiagnosticsOptions>(b => b.ErrorOnUnknownConfiguration = true)
            ?? new DiagnosticsOptions();

        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password) || password.Length < PasswordHash.MinimumLength)
        {
            output.WriteLine($"set-password: give a password of at least {PasswordHash.MinimumLength} characters on standard input");
            return 2;
        }

        new PasswordFile(options.PasswordHashPath).Write(password);
        output.WriteLine($"set-password: the diagnostics password is set (PBKDF2-SHA256 hash in {Path.GetFullPath(options.PasswordHashPath)})");
        return 0;
    }
}
