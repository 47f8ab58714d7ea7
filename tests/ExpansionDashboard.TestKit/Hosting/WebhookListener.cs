using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ExpansionDashboard.TestKit.Hosting;

/// <summary>A local HTTP endpoint standing in for a Slack/Teams incoming webhook; answers each post with the next status given.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private readonly Task _loop;

    public WebhookListener(params HttpStatusCode[] answers)
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        foreach (var a in answers)
        {
            _answers.Enqueue(a);
        }

        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>Every body received, including the ones answered with an error.</summary>
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var doc = await JsonDocument.ParseAsync(ctx.Request.InputStream))
            {
                Received.Enqueue(doc.RootElement.Clone());
            }

            ctx.Response.StatusCode = (int)(_answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
