using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;

namespace AfterSales.TestKit;

/// <summary>Reads what an access token says, without validating it: the services validate; tests check content.</summary>
public static class Jwt
{
    /// <summary>The token's claims as the JSON payload holds them.</summary>
    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;

    /// <summary>The token's claims, one per value (a claim with several values, e.g. roles, is an array in the payload).</summary>
    public static ClaimsPrincipal Principal(string token)
    {
        var claims = new List<Claim>();
        foreach (var property in Payload(token).EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                claims.AddRange(property.Value.EnumerateArray().Select(v => new Claim(property.Name, v.ToString())));
            }
            else
            {
                claims.Add(new Claim(property.Name, property.Value.ToString()));
            }
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer"));
    }
}
