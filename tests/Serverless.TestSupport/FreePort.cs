using System.Net;
using System.Net.Sockets;

namespace Serverless.TestSupport;

/// <summary>Asks the OS for a free loopback TCP port (for servers that cannot bind port 0 themselves).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
