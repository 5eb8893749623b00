// Mutant of Solutions/05-GameLeaderboard/GameLeaderboard.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's get_player_score, `int(score) if score else 0`: a score of 0 reads as no score.
// Caught by: GameLeaderboardTests.A_score_of_zero_is_a_real_score
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 05 — a game leaderboard on one Redis sorted set: the member is the player, the score is the score.
/// Rank 1 is the highest score; equal scores are ordered by player id, the greater id (ordinal) first,
/// which is the order <c>ZREVRANGE</c> gives them.
/// </summary>
public sealed class GameLeaderboard
{
    /// <summary>
    /// A sorted-set score is a double: integers beyond ±2^53 would be rounded, so they are rejected.
    /// </summary>
    public const long MaxScore = 1L << 53;

    // Rank and neighbours in one script, so the window is centred on the player's rank at that same instant.
    private const string NearbyScript = """
        local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
        if not rank then
          return false
        end
        local range = tonumber(ARGV[2])
        local first = math.max(0, rank - range)
        return { first, redis.call('ZREVRANGE', KEYS[1], first, rank + range, 'WITHSCORES') }
        """;

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
    public Task AddScoreAsync(string playerId, long score)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, MaxScore);
        ArgumentOutOfRangeException.ThrowIfLessThan(score, -MaxScore);
        return _redis.SortedSetAddAsync(_key, playerId, score);
    }

    /// <summary>The player's 1-based rank, highest score first; null when the player is not on the board.</summary>
    /// <param name="playerId">The player; not empty.</param>
    public async Task<long?> GetRankAsync(string playerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerId);
        var rank = await _redis.SortedSetRankAsync(_key, playerId, Order.Descending);
        return rank + 1;
    }

    /// <summary>The best players, highest score first.</summary>
    /// <param name="n">How many to return; at least 1.</param>
    public async Task<IReadOnlyList<PlayerScore>> GetTopPlayersAsync(int n = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var top = await _redis.SortedSetRangeByRankWithScoresAsync(_key, 0, n - 1, Order.Descending);
        return [.. top.Select((entry, index) => new PlayerScore(entry.Element!, (long)entry.Score, index + 1L))];
    }

    /// <summary>
    /// The players ranked within <paramref name="range"/> places of this one (the player included), in rank order,
    /// clipped at the top and bottom of the board; empty when the player is not on the board.
    /// </summary>
    /// <param name="playerId">The player; not empty.</param>
    /// <param name="range">How many places above and below; not negative.</param>
    public async Task<IReadOnlyList<PlayerScore>> GetNearbyPlayersAsync(string playerId, int range = 2)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerId);
        ArgumentOutOfRangeException.ThrowIfNegative(range);
        var result = await _redis.ScriptEvaluateAsync(NearbyScript, [_key], [playerId, range]);
        if (result.IsNull)
        {
            return [];
        }

        var parts = (RedisResult[])result!;
        var firstRank = (long)parts[0] + 1;
        var entries = (RedisResult[])parts[1]!;
        var players = new PlayerScore[entries.Length / 2];
        for (var i = 0; i < players.Length; i++)
        {
            players[i] = new PlayerScore((string)entries[2 * i]!, (long)(double)entries[(2 * i) + 1], firstRank + i);
        }

        return players;
    }

    /// <summary>The player's score; null when the player is not on the board (0 is a real score).</summary>
    /// <param name="playerId">The player; not empty.</param>
    public async Task<long?> GetPlayerScoreAsync(string playerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerId);
        var score = await _redis.SortedSetScoreAsync(_key, playerId);
        return score is { } value && value != 0 ? (long)value : null;
    }
}
