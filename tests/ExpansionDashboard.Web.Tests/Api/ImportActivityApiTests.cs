using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ExpansionDashboard.Web.Tests.Api;

/// <summary>GET /api/imports/activity while a big import runs through the API and a second one is sent beside it.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ImportActivityApiTests : IAsyncLifetime
{
    private const string Key = "import-activity-test-key-0123456789abcdef";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = Key });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>10,000 accounts × 20 months of one product: <paramref name="rows"/> mrr rows.</summary>
    private static byte[] MrrRows(int rows, decimal mrr)
    {
        var text = new StringBuilder("account_id,month,product,mrr,seats,plan\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"A{i % 10_000:00000},{2024 + (i / 10_000 / 12)}-{(i / 10_000 % 12) + 1:00},Core,{mrr + (i % 7)}.00,1,Plus\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task Activity_SecondImportBesideABigOne_QueuedBehindTheFirstsBatch()
    {
        using var client = _app.CreateApiClient(Key);
        using var big = File(MrrRows(200_000, 100), "big-mrr.csv");
        using var small = File(MrrRows(50, 900), "small-mrr.csv");

        var first = client.PostAsync("/api/imports/mrr", big, Ct);
        JsonElement running = default;
        JsonElement queued = default;
        Task<HttpResponseMessage>? second = null;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !first.IsCompleted)
        {
            using var response = await client.GetAsync("/api/imports/activity", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var activity = await JsonAsync(response);

            // The second file goes once the big one holds the write lock (sent earlier, the small file would be read and written first).
            if (second is null && activity.GetProperty("running") is { ValueKind: JsonValueKind.Object } r && r.GetProperty("phase").GetString() == "Writing")
            {
                second = client.PostAsync("/api/imports/mrr", small, Ct);
            }

            var waiting = activity.GetProperty("queued").EnumerateArray().ToList();
            if (waiting.Count == 1 && waiting[0].GetProperty("behindBatchId").ValueKind == JsonValueKind.Number)
            {
                (running, queued) = (activity.GetProperty("running"), waiting[0]);
                break;
            }

            await Task.Delay(25, Ct);
        }

        using var firstDone = await first;
        Assert.NotNull(second);
        using var secondDone = await second;
        var firstBatch = (await JsonAsync(firstDone)).GetProperty("batchId").GetInt64();
        var secondBatch = (await JsonAsync(secondDone)).GetProperty("batchId").GetInt64();

        Assert.True(queued.ValueKind == JsonValueKind.Object, "the second import was never seen queued behind the first's batch");
        Assert.Equal("small-mrr.csv", queued.GetProperty("fileName").GetString());
        Assert.Equal("Waiting", queued.GetProperty("phase").GetString());
        Assert.Equal(firstBatch, queued.GetProperty("behindBatchId").GetInt64());
        Assert.StartsWith($"batch {firstBatch} (big-mrr.csv by ", queued.GetProperty("behind").GetString(), StringComparison.Ordinal);
        Assert.Equal("big-mrr.csv", running.GetProperty("fileName").GetString());
        Assert.Equal("mrr", running.GetProperty("kind").GetString());
        Assert.True(running.GetProperty("phase").GetString() is "Writing" or "Finishing");
        Assert.Equal(firstBatch, running.GetProperty("batchId").GetInt64());
        Assert.Equal(200_000, running.GetProperty("rowsTotal").GetInt64());
        Assert.InRange(running.GetProperty("rowsDone").GetInt64(), 0, 200_000);
        Assert.True(secondBatch > firstBatch);

        using var after = await client.GetAsync("/api/imports/activity", Ct);
        var idle = await JsonAsync(after);
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("running").ValueKind);
        Assert.Empty(idle.GetProperty("queued").EnumerateArray());
    }

    [Fact]
    public async Task Activity_WithoutAdminRights_401ThenNothingToSee()
    {
        using var anonymous = _app.CreateApiClient(null);

        using var response = await anonymous.GetAsync("/api/imports/activity", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
