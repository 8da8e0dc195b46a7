using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The outcome of one call: status, raw body and (when the body is JSON) the parsed root.</summary>
public sealed record ApiCall(int Status, string Body, HttpResponseMessage Response)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Each test gets its own emulator on a free loopback port (starting one takes milliseconds), so
/// tests never share state and can run in parallel.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected EmulatorServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected string DemoToken => Server.DemoAccount.AccessToken;

    protected virtual EmulatorOptions CreateOptions() => new();

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(CreateOptions());
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected Uri Url(string pathAfterV1) => new(Server.BaseUri + pathAfterV1);

    protected HttpRequestMessage Request(HttpMethod method, string pathAfterV1, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, Url(pathAfterV1));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    protected async Task<ApiCall> CallAsync(HttpMethod method, string pathAfterV1, string? token, string? json = null)
    {
        HttpResponseMessage response = await Http.SendAsync(Request(method, pathAfterV1, token, json));
        string body = await response.Content.ReadAsStringAsync();
        return new ApiCall((int)response.StatusCode, body, response);
    }

    protected Task<ApiCall> GetAsync(string path, string? token) => CallAsync(HttpMethod.Get, path, token);

    protected Task<ApiCall> DeleteAsync(string path, string? token) => CallAsync(HttpMethod.Delete, path, token);

    protected Task<ApiCall> PostAsync(string path, string? token, string? json = null) => CallAsync(HttpMethod.Post, path, token, json);

    protected Task<ApiCall> CreateDomainAsync(string domain, string? token = null) =>
        PostAsync("/billing/domains", token ?? DemoToken, JsonSerializer.Serialize(new { domain }));

    protected Task<ApiCall> ValidateAsync(string? accessToken, string? refreshToken = null) =>
        PostAsync("/auth/validate", accessToken, refreshToken is null ? null : JsonSerializer.Serialize(new { refresh_token = refreshToken }));

    /// <summary>A call to a control endpoint, e.g. ControlAsync(HttpMethod.Post, "/faults", "{...}").</summary>
    protected async Task<ApiCall> ControlAsync(HttpMethod method, string route, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server.ControlUri + route));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        return new ApiCall((int)response.StatusCode, body, response);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (at most ~5 s), then asserts it.</summary>
    protected static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    protected static string[] PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    protected static string[] Sorted(params string[] names) => names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
