using System.Net;
using System.Net.Sockets;

namespace EdgeCamera.TestKit;

/// <summary>Asks the OS for a free TCP port on 127.0.0.1.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
