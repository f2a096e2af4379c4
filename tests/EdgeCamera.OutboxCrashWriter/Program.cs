using EdgeCamera.Contracts.Signing;
using EdgeCamera.Edge.Outbox;
using EdgeCamera.TestKit;

// outbox-crash-writer DB KEY COUNT: adds COUNT sample packages to the outbox as fast as it can and prints
// "accepted <eventId>" after each Add has returned (committed). The test kills it with SIGKILL mid-burst.
if (args.Length != 3 || !int.TryParse(args[2], out var count))
{
    Console.Error.WriteLine("usage: outbox-crash-writer DB KEY COUNT");
    return 2;
}

if (!DeviceKey.TryLoad(args[1], out var key, out var error))
{
    Console.Error.WriteLine(error);
    return 2;
}

using (key)
using (var outbox = new LiteDbOutbox(args[0], key))
{
    Console.Out.WriteLine("ready");
    Console.Out.Flush();
    for (var i = 0; i < count; i++)
    {
        var entry = outbox.Add(SampleEvidence.Create("cam-crash"), DateTime.UtcNow);
        Console.Out.WriteLine($"accepted {entry.EventId}");
        Console.Out.Flush();
    }
}

return 0;
