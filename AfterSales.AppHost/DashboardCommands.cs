using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AfterSales.AppHost;

/// <summary>
/// What an SRE runs from a resource's menu in the dashboard. Each command does what an administrator would do
/// through the service's own API, signed in as the demo administrator, so it exists only where demo identities
/// do (local and container mode); in external mode administrators call the same API (README, "Operating it").
/// </summary>
internal static class DashboardCommands
{
    public const string ReplayParkedEvents = "replay-parked-events";

    /// <summary>
    /// "Replay parked events": every event the service set aside after failing all its deliveries goes back on
    /// its stream (<c>ReplayParkedEvent</c>, one by one); consumers that handled it already skip it by its id.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplayParkedEventsCommand(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ProjectResource> identity, IResourceBuilder<ParameterResource> demoPassword)
    {
        var name = service.Resource.Name;
        var api = service.GetEndpoint(ResourceNames.HttpEndpoint);
        var tokens = identity.GetEndpoint(ResourceNames.HttpEndpoint);
        return service.WithCommand(ReplayParkedEvents, "Replay parked events", async context =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
            var password = await demoPassword.Resource.GetValueAsync(context.CancellationToken) ?? "";
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                await AdministratorTokenAsync(new Uri(tokens.Url), password, context.CancellationToken));
            using var listed = await http.GetAsync($"/api/{name}/v1/parked-events", context.CancellationToken);
            if (!listed.IsSuccessStatusCode)
            {
                return CommandResults.Failure($"Listing the parked events answered {(int)listed.StatusCode}: {await listed.Content.ReadAsStringAsync(context.CancellationToken)}");
            }
            var events = (await listed.Content.ReadFromJsonAsync<JsonElement>(context.CancellationToken)).TryGetProperty("events", out var list)
                ? list.EnumerateArray().Select(e => e.GetProperty("eventId").GetString()!).ToList()
                : [];
            var failed = new List<string>();
            foreach (var eventId in events)
            {
                using var replayed = await http.PostAsync($"/api/{name}/v1/parked-events/{eventId}:replay", JsonContent.Create(new { }), context.CancellationToken);
                if (!replayed.IsSuccessStatusCode)
                {
                    failed.Add($"{eventId} ({(int)replayed.StatusCode})");
                }
            }
            return failed.Count == 0
                ? CommandResults.Success($"Replayed {events.Count} parked event(s) of {name}.")
                : CommandResults.Failure($"Replayed {events.Count - failed.Count} of {events.Count}; failed: {string.Join(", ", failed)}");
        }, new CommandOptions
        {
            Description = "Sends every event this service parked back through its stream, as an administrator replays them one by one.",
            ConfirmationMessage = $"Replay every parked event of {name}?",
            IconName = "ArrowRepeatAll",
            UpdateState = state => state.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });
    }

    /// <summary>A token of the demo administrator, from the token server (the password grant of the staff front end).</summary>
    private static async Task<string> AdministratorTokenAsync(Uri tokenServer, string demoPassword, CancellationToken cancellationToken)
    {
        const string administrator = "admin";
        using var http = new HttpClient { BaseAddress = tokenServer, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "web-frontend",
            ["username"] = administrator,
            ["password"] = DemoCredentials.SecretFor(demoPassword, administrator),
            ["scope"] = "aftersales",
        }), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return response.IsSuccessStatusCode && body.TryGetProperty("access_token", out var token)
            ? token.GetString()!
            : throw new InvalidOperationException($"The token server refused the demo administrator: {body}");
    }
}
