namespace Workbook.Infrastructure.Redis;

/// <summary>
/// Asks an embedded or in-process Redis to keep its data in <see cref="Directory"/> with an append-only file, so a server
/// started again on the same directory has what the last one held. Only the capstone shop asks for it: the lessons'
/// servers stay in memory (fast, nothing left behind). External and Docker servers are not touched. The file is synced
/// to disk every second (redis-server <c>appendfsync everysec</c>; Garnet commits every second) and in full when the
/// server is stopped, so a stop loses nothing and a crash of the machine at most about a second of writes.
/// </summary>
/// <param name="Directory">Where the data lives; created when missing. One server at a time may use it.</param>
public sealed record RedisPersistence(string Directory);
