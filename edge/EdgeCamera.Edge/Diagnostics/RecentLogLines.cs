using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>A bounded in-memory Serilog sink: the last log lines, for the diagnostics page.</summary>
public sealed class RecentLogLines : ILogEventSink
{
    /// <summary>A screenful or two; the full history is in the rolling log files.</summary>
    public const int Capacity = 200;

    /// <summary>Strings without quotes (":lj"), as the console shows them.</summary>
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly Queue<Line> _lines = new(Capacity);
    private readonly Lock _gate = new();

    public sealed record Line(DateTimeOffset AtUtc, string Level, string Source, string Message);

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var source = logEvent.Properties.TryGetValue("SourceContext", out var s) && s is ScalarValue { Value: string name }
            ? name[(name.LastIndexOf('.') + 1)..]
            : "";
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, text);
        var message = text.ToString();
        if (logEvent.Exception is { } ex)
        {
            message += " — " + ex.GetType().Name + ": " + ex.Message;
        }

        var line = new Line(logEvent.Timestamp.ToUniversalTime(), logEvent.Level.ToString(), source, message);
        lock (_gate)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The newest <paramref name="max"/> lines, newest first.</summary>
    public IReadOnlyList<Line> Snapshot(int max)
    {
        lock (_gate)
        {
            return [.. _lines.Reverse().Take(max)];
        }
    }
}
