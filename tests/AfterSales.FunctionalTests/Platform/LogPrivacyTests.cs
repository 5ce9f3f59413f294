using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AfterSales.FunctionalTests.Customers;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// What the services log is shipped to log stores many people read: no password, client secret or token, and
/// no customer's name or phone number, may be in it, whatever a caller sends and whether it is taken or refused.
/// </summary>
public class LogPrivacyTests(Suite suite) : SuiteTest(suite)
{
    [Fact]
    public async Task Passwords_tokens_and_customers_names_and_phones_never_reach_the_logs()
    {
        var station = await Data.NewStationAsync();
        var staff = await Data.NewStaffAsync("dispatcher");
        var password = Suite.DemoSecret(staff.UserName);
        var phone = "139" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);
        var name = "隐私测试" + Unique.Name("客户");
        using var watch = LogWatch.Instance.Start(password, Suite.DemoSecret(station.ClientId), phone, name);
        using var anonymous = Suite.Gateway.AnonymousHttp();

        // Tokens asked for through the gateway: a right password, a wrong one, a station's secret.
        var token = await TokenAsync(anonymous, new() { ["grant_type"] = "password", ["client_id"] = "web-frontend", ["username"] = staff.UserName, ["password"] = password, ["scope"] = "aftersales" });
        watch.Add(token!);
        Assert.Null(await TokenAsync(anonymous, new() { ["grant_type"] = "password", ["client_id"] = "web-frontend", ["username"] = staff.UserName, ["password"] = password + "x", ["scope"] = "aftersales" }));
        var stationToken = await TokenAsync(anonymous, new() { ["grant_type"] = "client_credentials", ["client_id"] = station.ClientId, ["client_secret"] = Suite.DemoSecret(station.ClientId), ["scope"] = "aftersales" });
        watch.Add(stationToken!);
        using var asStation = Suite.Gateway.HttpAs(() => Task.FromResult(stationToken!));

        // A customer file with the person's name and phone, found by the phone (in the query string).
        var file = CustomerRequests.NewFile(name);
        file.ServingStationId = station.Id.ToString();
        file.Contacts[0] = new AfterSales.Customers.V1.Contact { Name = name, Phone = phone };
        using var created = await asStation.PostAsJsonAsync("/api/customers/v1/customers", JsonSerializer.Deserialize<JsonElement>(Google.Protobuf.JsonFormatter.Default.Format(file)));
        using var found = await asStation.GetAsync($"/api/customers/v1/customers?query={phone}");
        // A repair call registered with the caller's name and phone, and one refused for a bad serial number.
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(() => Task.FromResult(stationToken!)));
        var intake = Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber);
        (intake.ContactName, intake.ContactPhone) = (name, phone);
        await tickets.CreateTicketAsync(intake);
        intake.SerialNumber = "NO-SUCH-" + phone;
        var refused = await Assert.ThrowsAsync<RpcException>(() => tickets.CreateTicketAsync(intake).ResponseAsync);
        // A forged token built on a real one, by gRPC and by JSON.
        var forged = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(() => Task.FromResult(token + "x")));
        var forgedCall = await Assert.ThrowsAsync<RpcException>(() => forged.ListTicketsAsync(new ListTicketsRequest()).ResponseAsync);
        using var forgedJson = new HttpRequestMessage(HttpMethod.Get, "/api/tickets/v1/tickets") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token + "x") } };
        using var forgedAnswer = await anonymous.SendAsync(forgedJson);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains(phone, await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument, refused.Status.ToString());
        Assert.Equal(StatusCode.Unauthenticated, forgedCall.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        // The services log at their own pace (after the answers); a leak would show within moments.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(watch.Leaks.Count == 0, string.Join(Environment.NewLine, watch.Leaks));
    }

    private static async Task<string?> TokenAsync(HttpClient gateway, Dictionary<string, string> form)
    {
        using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString() : null;
    }
}
