using System.Net;
using System.Net.Sockets;

namespace EdgeCamera.TestKit;

/// <summary>Free TCP ports on 127.0.0.1 for the servers a test starts (broker, camera, web hosts).</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (net.ipv4.ip_local_port_range, 32768–60999 by default). A port the OS hands out for
    // "port 0" comes from that range, so between a test picking it and its server binding it any outgoing connection
    // (an MQTT client, FFmpeg, an HTTP call) could take it as its local port; and a client reconnecting to a stopped
    // server's ephemeral port can connect to itself (TCP simultaneous open). Ports below the range have neither risk.
    private const int FirstPort = 20000;
    private const int LastPort = 32767;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    /// <summary>A port nothing listens on now, never returned before by this process.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            // Start at a random place so that test processes run one after the other do not all try the same ports.
            int span = LastPort - FirstPort + 1;
            int start = Random.Shared.Next(span);
            for (int i = 0; i < span; i++)
            {
                int port = FirstPort + ((start + i) % span);
                if (!Given.Contains(port) && CanBind(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port on 127.0.0.1 from {FirstPort} to {LastPort}");
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nothing listens on 127.0.0.1:{port} after {timeout.TotalSeconds:F0} s");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
