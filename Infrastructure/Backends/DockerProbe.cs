using System.Net.Sockets;

namespace Workbook.Infrastructure.Backends;

/// <summary>Asks the Docker engine for <c>/_ping</c>; a docker CLI alone does not count.</summary>
public static class DockerProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>True when an engine at DOCKER_HOST (or the default socket) answers within two seconds.</summary>
    public static async Task<bool> EngineAnswersAsync(CancellationToken cancellationToken = default)
    {
        if (!WorkbookEnvironment.DockerAllowed)
        {
            return false;
        }

        var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            endpoint = "unix:///var/run/docker.sock";
        }

        try
        {
            using var http = CreateClient(new Uri(endpoint));
            if (http is null)
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await http.GetAsync(new Uri("/_ping", UriKind.Relative), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static HttpClient? CreateClient(Uri endpoint)
    {
        if (endpoint.Scheme == "unix")
        {
            if (!File.Exists(endpoint.AbsolutePath))
            {
                return null;
            }

            var socketPath = endpoint.AbsolutePath;
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker") };
        }

        if (endpoint.Scheme is "tcp" or "http")
        {
            return new HttpClient { BaseAddress = new Uri($"http://{endpoint.Authority}") };
        }

        return null;
    }
}
