using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Workbook.Shop.Auth;

namespace Workbook.Shop.Gateway;

/// <summary>
/// Who a request is counted against: <c>sub:{subject}</c> for a valid token (only the issuer makes subjects), else
/// <c>ip:{bucket}</c> for the client address (after <see cref="ClientAddresses"/>; a forged <c>X-Forwarded-For</c>
/// changes nothing unless it came through a configured proxy). An IPv6 client is counted by its /64, the block one
/// subscriber usually holds, and every address is hashed into one of <paramref name="anonymousBuckets"/> buckets, so
/// the keys a flood of addresses leaves in Redis are bounded (two addresses that meet in one bucket share its limit).
/// The hash is SHA-256, the same in every instance, so instances agree on the bucket.
/// </summary>
internal sealed class RatePartition(int anonymousBuckets)
{
    public string Of(HttpContext context) =>
        context.User.SubjectOrNull() is { } subject ? "sub:" + subject : "ip:" + Bucket(context.Connection.RemoteIpAddress);

    public string Bucket(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var counted = address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes.AsSpan(0, 8) : bytes;
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(counted));
        return (hash % (ulong)anonymousBuckets).ToString(CultureInfo.InvariantCulture);
    }
}
