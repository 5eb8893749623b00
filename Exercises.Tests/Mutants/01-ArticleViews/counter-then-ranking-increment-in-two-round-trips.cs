// Mutant of Solutions/01-ArticleViews/ArticleViews.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: INCR, then a separate ZINCRBY: two round trips, so another client can see the counter one ahead of the ranking (the student answer).
// Caught by: ArticleViewsTests.Another_client_never_sees_the_counter_and_the_ranking_disagree
using System.Globalization;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 01 — counts article views with a Redis string counter and ranks articles with a sorted set.
/// The counter and the ranking change in one Lua script, so the ranking never disagrees with the counter.
/// </summary>
public sealed class ArticleViews
{
    // Both keys share the {articles} hash tag, so the script is valid on Redis Cluster too.
    private const string RankingKey = "{articles}:ranking";

    private readonly IDatabase _redis;

    /// <param name="redis">Where the counters and the ranking live.</param>
    public ArticleViews(IDatabase redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
    }

    /// <summary>Counts one view of the article and returns its new view count.</summary>
    /// <param name="articleId">The article; not negative.</param>
    public async Task<long> ViewAsync(long articleId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(articleId);
        var views = await _redis.StringIncrementAsync(CounterKey(articleId));
        await _redis.SortedSetIncrementAsync(RankingKey, articleId.ToString(CultureInfo.InvariantCulture), 1);
        return views;
    }

    /// <summary>How many times the article was viewed; 0 when never.</summary>
    /// <param name="articleId">The article; not negative.</param>
    public async Task<long> GetViewCountAsync(long articleId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(articleId);
        var views = await _redis.StringGetAsync(CounterKey(articleId));
        return views.IsNull ? 0 : (long)views;
    }

    /// <summary>The most viewed articles, most views first.</summary>
    /// <param name="limit">How many to return; at least 1.</param>
    public async Task<IReadOnlyList<ArticleViewCount>> GetTopArticlesAsync(int limit = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var top = await _redis.SortedSetRangeByRankWithScoresAsync(RankingKey, 0, limit - 1, Order.Descending);
        return [.. top.Select(entry => new ArticleViewCount((long)entry.Element, (long)entry.Score))];
    }

    private static RedisKey CounterKey(long articleId) => $"{{articles}}:views:{articleId}";
}
