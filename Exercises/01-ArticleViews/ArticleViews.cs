using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 01 — count article views with a Redis string counter and rank articles with a sorted set.
/// Task: the ranking must always agree with the counters, even when many views arrive at once.
/// Read docs/lessons/01-article-views.md first.
/// </summary>
public sealed class ArticleViews
{
    private readonly IDatabase _redis;

    /// <param name="redis">Where the counters and the ranking live.</param>
    public ArticleViews(IDatabase redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
    }

    /// <summary>Counts one view of the article and returns its new view count.</summary>
    /// <param name="articleId">The article; not negative.</param>
    public Task<long> ViewAsync(long articleId) =>
        throw new NotImplementedException("Lesson 01: implement ArticleViews.ViewAsync — count one view and move the article to its new count in the ranking, as one step, and return that count. Read docs/lessons/01-article-views.md; stuck? workbook hint 01");

    /// <summary>How many times the article was viewed; 0 when never.</summary>
    /// <param name="articleId">The article; not negative.</param>
    public Task<long> GetViewCountAsync(long articleId) =>
        throw new NotImplementedException("Lesson 01: implement ArticleViews.GetViewCountAsync — return how many times the article was viewed; 0 when never. Read docs/lessons/01-article-views.md; stuck? workbook hint 01");

    /// <summary>The most viewed articles, most views first.</summary>
    /// <param name="limit">How many to return; at least 1.</param>
    public Task<IReadOnlyList<ArticleViewCount>> GetTopArticlesAsync(int limit = 10) =>
        throw new NotImplementedException("Lesson 01: implement ArticleViews.GetTopArticlesAsync — return up to limit articles with their view counts, most viewed first. Read docs/lessons/01-article-views.md; stuck? workbook hint 01");
}
