using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workbook.Contracts;

namespace Workbook.Shop.Orders;

/// <summary>
/// What an <c>Idempotency-Key</c> was first used for: the SHA-256 of the endpoint and its canonical body (the request as
/// bound and validated, serialised again with the workbook's JSON, so spacing and property order do not matter but every
/// value and the order of the items do). Stored beside the key; the same key with another fingerprint is a 422.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(string endpoint, object canonicalBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        var text = endpoint + "\n" + JsonSerializer.Serialize(canonicalBody, WorkbookJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>An <c>Idempotency-Key</c> sent again with a different request than the one that first used it (422).</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"The Idempotency-Key '{key}' was already used with a different request; send the same body again to get the earlier result, or use a new key for a new request.");

/// <summary>An order the shop cannot accept as given; <see cref="Field"/> names what is wrong and the status says how.</summary>
public sealed class OrderRejectedException(int status, string field, string reason) : Exception(reason)
{
    public int Status { get; } = status;

    public string Field { get; } = field;
}
