using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 05 — a game leaderboard on one Redis sorted set: the member is the player, the score is the score.
/// Task: rank 1 is the highest score; a score of 0 is a real score; the players around one player are read
/// as one consistent snapshot, even while other scores change.
/// Read docs/lessons/05-game-leaderboard.md first.
/// </summary>
public sealed class GameLeaderboard
{
    /// <summary>
    /// A sorted-set score is a double: integers beyond ±2^53 would be rounded, so they are rejected.
    /// </summary>
    public const long MaxScore = 1L << 53;

    private readonly IDatabase _redis;
    private readonly RedisKey _key;

    /// <param name="redis">Where the board lives.</param>
    /// <param name="key">The sorted set holding the board.</param>
    public GameLeaderboard(IDatabase redis, string key = "game:leaderboard")
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(key);
        _redis = redis;
        _key = key;
    }

    /// <summary>Sets the player's score, adding the player or replacing the old score.</summary>
    /// <param name="playerId">The player; not empty.</param>
    /// <param name="score">The new score, within ±<see cref="MaxScore"/>.</param>
    public Task AddScoreAsync(string playerId, long score) =>
        throw new NotImplementedException("Lesson 05: implement GameLeaderboard.AddScoreAsync — set the player's score: add the player, or replace the old score. Read docs/lessons/05-game-leaderboard.md; stuck? workbook hint 05");

    /// <summary>The player's 1-based rank, highest score first; null when the player is not on the board.</summary>
    /// <param name="playerId">The player; not empty.</param>
    public Task<long?> GetRankAsync(string playerId) =>
        throw new NotImplementedException("Lesson 05: implement GameLeaderboard.GetRankAsync — return the player's 1-based rank, highest score first; null when the player is not on the board. Read docs/lessons/05-game-leaderboard.md; stuck? workbook hint 05");

    /// <summary>The best players, highest score first.</summary>
    /// <param name="n">How many to return; at least 1.</param>
    public Task<IReadOnlyList<PlayerScore>> GetTopPlayersAsync(int n = 10) =>
        throw new NotImplementedException("Lesson 05: implement GameLeaderboard.GetTopPlayersAsync — return the n best players with their scores and ranks, highest score first. Read docs/lessons/05-game-leaderboard.md; stuck? workbook hint 05");

    /// <summary>
    /// The players ranked within <paramref name="range"/> places of this one (the player included), in rank order,
    /// clipped at the top and bottom of the board; empty when the player is not on the board.
    /// </summary>
    /// <param name="playerId">The player; not empty.</param>
    /// <param name="range">How many places above and below; not negative.</param>
    public Task<IReadOnlyList<PlayerScore>> GetNearbyPlayersAsync(string playerId, int range = 2) =>
        throw new NotImplementedException("Lesson 05: implement GameLeaderboard.GetNearbyPlayersAsync — return the players within range places of this one, clipped at the top and bottom of the board, read as one consistent snapshot while other scores change. Read docs/lessons/05-game-leaderboard.md; stuck? workbook hint 05");

    /// <summary>The player's score; null when the player is not on the board (0 is a real score).</summary>
    /// <param name="playerId">The player; not empty.</param>
    public Task<long?> GetPlayerScoreAsync(string playerId) =>
        throw new NotImplementedException("Lesson 05: implement GameLeaderboard.GetPlayerScoreAsync — return the player's score; null only when the player is not on the board (0 is a real score). Read docs/lessons/05-game-leaderboard.md; stuck? workbook hint 05");
}
