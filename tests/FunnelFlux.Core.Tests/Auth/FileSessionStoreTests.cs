using System.Net.Http;
using FunnelFlux.Auth;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Auth;

public sealed class FileSessionStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ff-store-" + Guid.NewGuid().ToString("N"));

    private string SessionPath => Path.Combine(_folder, "nested", "session.json");

    private static SavedSession Sample(string access = "access-value-1", string? refresh = "refresh-value-1") =>
        new(new Uri("https://api.funnelflux.pro/v1"), new TokenSet(access, DateTimeOffset.Parse("2026-12-01T00:00:00Z"), refresh, 3), DateTimeOffset.Parse("2026-11-23T00:00:00Z"));

    [Fact]
    public void SavesAndLoadsTheSession()
    {
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());

        var loaded = store.Load()!;
        Assert.Equal("https://api.funnelflux.pro/v1", loaded.ApiUri.AbsoluteUri);
        Assert.Equal("access-value-1", loaded.Tokens.AccessToken);
        Assert.Equal("refresh-value-1", loaded.Tokens.RefreshToken);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), loaded.Tokens.ExpiresAt);
        Assert.Null(new FileSessionStore(Path.Combine(_folder, "none.json")).Load());
    }

    [Fact]
    public void TheFileAndItsFolderAreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows protects the content with DPAPI instead; CI runs on Linux.
        }
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SessionPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(SessionPath)!));
    }

    [Fact]
    public async Task RewritesAreAtomicForConcurrentReaders()
    {
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample("access-0"));
        int reads = 0;
        int lastWritten = 0;
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var writer = Task.Run(() =>
        {
            for (int i = 1; i <= 200 && DateTime.UtcNow < deadline; i++)
            {
                store.Save(Sample("access-" + i));
                lastWritten = i;
            }
        });
        while (!writer.IsCompleted)
        {
            // Every read sees a whole session, old or new: never a missing or half-written file.
            var loaded = store.Load();
            Assert.NotNull(loaded);
            Assert.StartsWith("access-", loaded!.Tokens.AccessToken);
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(SessionPath)!, "*.tmp"));
        Assert.True(lastWritten > 0);
        Assert.Equal("access-" + lastWritten, store.Load()!.Tokens.AccessToken);
    }

    [Fact]
    public void DeleteRemovesTheFile()
    {
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());

        Assert.True(store.Delete());
        Assert.False(File.Exists(SessionPath));
        Assert.False(store.Delete());
    }

    [Fact]
    public async Task TwoSessionsSharingTheSavedFileRenewOnceBetweenThem()
    {
        // Two "processes": separate sessions resumed from one saved file, both holding an expired token.
        await using var api = await TestApi.StartAsync(new FunnelFlux.Emulator.EmulatorOptions { ValidateDelay = TimeSpan.FromMilliseconds(200) });
        var store = new FileSessionStore(SessionPath);
        using (var first = await api.ConnectAsync())
        {
            first.SaveTo(store);
        }
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.ClearRequests();
        var options = api.Options();
        using var a = ApiSession.Resume(store.Load()!, options, new FileSessionStore(SessionPath), null, api.Time);
        using var b = ApiSession.Resume(store.Load()!, options, new FileSessionStore(SessionPath), null, api.Time);
        var list = new ApiRequest(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

        var results = await Task.WhenAll(
            Task.Run(() => a.SendAsync(list, api.Sink, default)),
            Task.Run(() => b.SendAsync(list, api.Sink, default)));

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, api.Server.Requests.Count(r => r.Path == "/v1/auth/validate"));
        Assert.Equal(api.Server.DemoAccount.AccessToken, store.Load()!.Tokens.AccessToken);
        Assert.Equal(a.Tokens.Current.AccessToken, b.Tokens.Current.AccessToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
