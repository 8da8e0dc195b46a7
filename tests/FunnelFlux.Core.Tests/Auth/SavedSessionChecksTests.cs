using System.Text;
using FunnelFlux.Auth;

namespace FunnelFlux.Core.Tests.Auth;

/// <summary>A saved session file is checked when it is read, like ssh checks a private key.</summary>
public sealed class SavedSessionChecksTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ff-saved-" + Guid.NewGuid().ToString("N"));

    private string SessionPath => Path.Combine(_folder, "private", "session.json");

    private static SavedSession Sample() =>
        new(new Uri("https://api.funnelflux.pro/v1"), new TokenSet("access-value-1", DateTimeOffset.Parse("2026-12-01T00:00:00Z"), "refresh-value-1", 3), DateTimeOffset.Parse("2026-11-23T00:00:00Z"));

    /// <summary>Writes <paramref name="json"/> as the session file, privately, as the module would.</summary>
    private FileSessionStore WriteRaw(string json)
    {
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());
        File.WriteAllBytes(SessionPath, Encoding.UTF8.GetBytes(json));
        return store;
    }

    private static string Document(string apiUri = "https://api.funnelflux.pro/v1", string? access = "\"access-value-1\"", string expires = "1796083200000", string? refresh = "\"refresh-value-1\"", string savedAt = "1795392000000") =>
        "{\"version\":1,\"api_uri\":\"" + apiUri + "\"" +
        (access == null ? "" : ",\"access_token\":" + access) +
        ",\"access_token_expires_at\":" + expires +
        (refresh == null ? "" : ",\"refresh_token\":" + refresh) +
        ",\"saved_at\":" + savedAt + "}";

    [Fact]
    public void AWellFormedFileLoads()
    {
        var loaded = WriteRaw(Document()).Load()!;

        Assert.Equal("access-value-1", loaded.Tokens.AccessToken);
    }

    [Fact]
    public void AFileOthersCanReadIsRefused()
    {
        if (OperatingSystem.IsWindows()) return; // DPAPI protects the content there.
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());
        File.SetUnixFileMode(SessionPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<SavedSessionUnreadableException>(() => store.Load());

        Assert.Contains("mode 0644", error.Message);
        Assert.Contains("other users can read or change it", error.Message);
        Assert.Contains("Disconnect-FFAccount -Scope CurrentUser", error.Message);
    }

    [Fact]
    public void AFileInAFolderOthersCanChangeIsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());
        File.SetUnixFileMode(Path.GetDirectoryName(SessionPath)!, (UnixFileMode)0x1FF); // 0777

        var error = Assert.Throws<SavedSessionUnreadableException>(() => store.Load());

        Assert.Contains("can be changed by other users (mode 0777)", error.Message);
    }

    [Fact]
    public void AStickyFolderLikeTmpIsAccepted()
    {
        if (OperatingSystem.IsWindows()) return;
        var store = new FileSessionStore(SessionPath);
        store.Save(Sample());
        File.SetUnixFileMode(Path.GetDirectoryName(SessionPath)!, (UnixFileMode)0x3FF); // 1777

        Assert.NotNull(store.Load());
    }

    [Theory]
    [InlineData("http://api.funnelflux.pro/v1", "not allowed")]
    [InlineData("https://user:pw@api.funnelflux.pro/v1", "not allowed")]
    [InlineData("not a uri", "not an absolute URI")]
    public void AnApiAddressThatConnectWouldRefuseIsRefused(string apiUri, string reason)
    {
        var store = WriteRaw(Document(apiUri: apiUri));

        var error = Assert.Throws<SavedSessionUnreadableException>(() => store.Load());

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("(Parameter", error.Message);
    }

    [Theory]
    [InlineData("9223372036854775807", "\"access-value-1\"", "\"refresh-value-1\"", "1795392000000", "access_token_expires_at")]
    [InlineData("1796083200000", "\"access-value-1\"", "\"refresh-value-1\"", "-9223372036854775808", "saved_at")]
    [InlineData("1796083200000", "\"\"", "\"refresh-value-1\"", "1795392000000", "no access token")]
    [InlineData("1796083200000", null, "\"refresh-value-1\"", "1795392000000", "no access token")]
    [InlineData("1796083200000", "\"access value\"", "\"refresh-value-1\"", "1795392000000", "access token contains a space")]
    [InlineData("1796083200000", "\"access-value-1\"", "\"\"", "1795392000000", "refresh token is empty")]
    [InlineData("1796083200000", "\"access-value-1\"", "\"refresh\\nvalue\"", "1795392000000", "refresh token contains a line break")]
    public void DamagedFieldsGiveTheSavedSessionError(string expires, string? access, string? refresh, string savedAt, string reason)
    {
        var store = WriteRaw(Document(access: access, expires: expires, refresh: refresh, savedAt: savedAt));

        var error = Assert.Throws<SavedSessionUnreadableException>(() => store.Load());

        Assert.Contains(reason, error.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(error);
    }

    [Fact]
    public void DamagedJsonGivesTheSavedSessionError()
    {
        var store = WriteRaw("{\"version\":1,\"api_uri\":");

        Assert.Contains("damaged", Assert.Throws<SavedSessionUnreadableException>(() => store.Load()).Message);
    }

    [Fact]
    public void AFolderAtTheFilesPathIsAClearError()
    {
        Directory.CreateDirectory(SessionPath);
        var store = new FileSessionStore(SessionPath);

        var error = Assert.Throws<SavedSessionUnreadableException>(() => store.Load());

        Assert.Contains("is a folder, not a file", error.Message);
        Assert.Contains("cannot be used", error.Message);
    }

    [Fact]
    public void ASessionIsNotSavedIntoAFolderOthersCanChange()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(Path.GetDirectoryName(SessionPath)!);
        File.SetUnixFileMode(Path.GetDirectoryName(SessionPath)!, (UnixFileMode)0x1FF);

        var error = Assert.Throws<InvalidOperationException>(() => new FileSessionStore(SessionPath).Save(Sample()));

        Assert.Contains("can be changed by other users", error.Message);
        Assert.False(File.Exists(SessionPath));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
