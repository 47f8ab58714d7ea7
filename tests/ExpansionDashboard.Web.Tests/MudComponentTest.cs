using Bunit;
using MudBlazor.Services;

namespace ExpansionDashboard.Web.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, disposed asynchronously (MudBlazor needs that).</summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    protected BunitContext Context { get; } = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
