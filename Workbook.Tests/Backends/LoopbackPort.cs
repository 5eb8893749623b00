using System.Net.Sockets;

namespace Workbook.Tests.Backends;

/// <summary>Whether a server is listening on a loopback port: how the server tests see that one started or stopped.</summary>
internal static class LoopbackPort
{
    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
