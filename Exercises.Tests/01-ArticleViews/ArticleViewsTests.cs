namespace Workbook.Exercises.Tests.Lesson01;

[Lesson("01", Level.Beginner, Skill.Redis)]
public sealed class ArticleViewsTests(RedisFixture redis) : RedisTest(redis)
{
    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task Seed_example_counts_views_and_ranks_articles()
    {
        var views = new ArticleViews(Db);

        await views.ViewAsync(1);
        await views.ViewAsync(1);
        await views.ViewAsync(2);

        (await views.GetViewCountAsync(1)).Should().Be(2, "GetViewCountAsync(1) after ViewAsync(1) twice returns 2");
        (await views.GetTopArticlesAsync(10)).Should().Equal(
            [new ArticleViewCount(1, 2), new ArticleViewCount(2, 1)],
            "GetTopArticlesAsync(10) after ViewAsync(1), ViewAsync(1), ViewAsync(2) lists the most viewed article first, each with its count");
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task ViewAsync_returns_the_new_count()
    {
        var views = new ArticleViews(Db);

        var counts = new[] { await views.ViewAsync(7), await views.ViewAsync(7), await views.ViewAsync(7) };

        counts.Should().Equal([1L, 2L, 3L], "ViewAsync(7) called three times returns the count after each view: 1, then 2, then 3");
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task An_article_never_viewed_has_zero_views_and_is_not_ranked()
    {
        var views = new ArticleViews(Db);
        await views.ViewAsync(1);

        (await views.GetViewCountAsync(404)).Should().Be(0, "GetViewCountAsync(404) for an article never viewed returns 0: a missing counter key means no views");
        (await views.GetTopArticlesAsync()).Select(a => a.ArticleId).Should().NotContain(404, "GetTopArticlesAsync() must not rank article 404, which was never viewed");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Top_articles_are_most_viewed_first_and_limited()
    {
        var views = new ArticleViews(Db);
        for (var article = 1; article <= 12; article++)
        {
            for (var view = 0; view < article; view++)
            {
                await views.ViewAsync(article);
            }
        }

        var top3 = await views.GetTopArticlesAsync(3);
        var byDefault = await views.GetTopArticlesAsync();

        top3.Should().Equal(
            [new ArticleViewCount(12, 12), new ArticleViewCount(11, 11), new ArticleViewCount(10, 10)],
            "GetTopArticlesAsync(3), after article n was viewed n times for n = 1..12, returns articles 12, 11 and 10 with their counts, most viewed first");
        byDefault.Should().HaveCount(10, "GetTopArticlesAsync() without a limit returns 10 of the 12 articles: the default limit is 10");
        byDefault.Select(a => a.Views).Should().BeInDescendingOrder("GetTopArticlesAsync() lists the most viewed article first (ZRANGE ... REV)");
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task Ranking_equals_counter_under_1000_concurrent_views_from_two_app_instances()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var instances = new[] { new ArticleViews(Db), new ArticleViews(Scope.On(second)) };
        const int articles = 4;
        const int viewsPerArticle = 250;

        var calls = Enumerable.Range(0, articles * viewsPerArticle)
            .Select(i => (Article: (long)(i % articles) + 1, Instance: instances[i % 2]))
            .ToArray();
        var returned = await Task.WhenAll(calls.Select(async call => (call.Article, Count: await call.Instance.ViewAsync(call.Article))));

        var ranking = (await instances[0].GetTopArticlesAsync(articles)).ToDictionary(a => a.ArticleId, a => a.Views);
        for (long article = 1; article <= articles; article++)
        {
            var counter = await instances[0].GetViewCountAsync(article);
            counter.Should().Be(viewsPerArticle, $"GetViewCountAsync({article}) after {viewsPerArticle} concurrent ViewAsync({article}) calls on two connections returns {viewsPerArticle}: reading the count and writing it back loses views, INCR does not");
            ranking.Should().ContainKey(article, $"GetTopArticlesAsync({articles}) must rank article {article}, viewed {viewsPerArticle} times")
                .WhoseValue.Should().Be(counter, $"GetTopArticlesAsync({articles}) must rank article {article} with its counter's value {counter}: INCR and then ZADD of the count in two steps (the seed's bug) lets a slower view write an older count last; update both in one atomic step");
            returned.Where(r => r.Article == article).Select(r => r.Count).Should().BeEquivalentTo(
                Enumerable.Range(1, viewsPerArticle).Select(n => (long)n),
                $"each of the {viewsPerArticle} concurrent ViewAsync({article}) calls must return its own new count, 1 to {viewsPerArticle}, each once");
        }
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task Another_client_never_sees_the_counter_and_the_ranking_disagree()
    {
        // A second app instance reads, between every two commands the first one sends, what any client could read then.
        var reader = new ArticleViews(Db);
        long[] articles = [1, 2];
        var (observed, between) = BetweenCommands.Wrap(Db, async () =>
        {
            var ranking = (await reader.GetTopArticlesAsync(10)).ToDictionary(a => a.ArticleId, a => a.Views);
            foreach (var article in articles)
            {
                var counter = await reader.GetViewCountAsync(article);
                var ranked = ranking.GetValueOrDefault(article);
                if (counter != ranked)
                {
                    return $"article {article} has {counter} views on its counter but {ranked} in the ranking";
                }
            }

            return null;
        });
        var views = new ArticleViews(observed);

        foreach (var article in new long[] { 1, 1, 2, 1 })
        {
            await views.ViewAsync(article);
        }

        await between.CheckAfterLastAsync();

        string.Join("; ", between.Violations).Should().BeEmpty(
            "ViewAsync must change the counter and the ranking in one atomic step (one Lua script, or MULTI/EXEC): another client reading between two of its commands saw them disagree, as INCR then a separate ZINCRBY or ZADD lets it");
        between.Checks.Should().BeGreaterThan(4, "ViewAsync must store the views in the Redis it was given: the four views sent no command through it");
        (await reader.GetTopArticlesAsync(10)).Should().Equal(
            [new ArticleViewCount(1, 3), new ArticleViewCount(2, 1)],
            "GetTopArticlesAsync(10) after ViewAsync(1), ViewAsync(1), ViewAsync(2), ViewAsync(1) ranks article 1 with 3 views, then article 2 with 1");
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task A_limit_below_one_is_rejected()
    {
        var views = new ArticleViews(Db);

        var act = () => views.GetTopArticlesAsync(0);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>("GetTopArticlesAsync(limit: 0) must reject a limit below 1")
            .WithParameterName("limit", "the exception from GetTopArticlesAsync(limit: 0) names the parameter it rejects");
    }

    [RedisFact]
    [Rubric(Rubric.StringOperations)]
    public async Task A_negative_article_id_or_a_null_database_is_rejected_and_writes_nothing()
    {
        var views = new ArticleViews(Db);

        var view = () => views.ViewAsync(-1);
        var count = () => views.GetViewCountAsync(-1);

        await view.Should().ThrowAsync<ArgumentOutOfRangeException>("ViewAsync(articleId: -1) must reject a negative article id")
            .WithParameterName("articleId", "the exception from ViewAsync(articleId: -1) names the parameter it rejects");
        await count.Should().ThrowAsync<ArgumentOutOfRangeException>("GetViewCountAsync(articleId: -1) must reject a negative article id")
            .WithParameterName("articleId", "the exception from GetViewCountAsync(articleId: -1) names the parameter it rejects");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected ViewAsync(-1) must not write to Redis: check the argument before the first command");
        new Action(() => _ = new ArticleViews(null!)).Should().Throw<ArgumentNullException>("new ArticleViews(redis: null) must reject a null database at once, not at the first view")
            .WithParameterName("redis", "the exception from new ArticleViews(null) names the parameter it rejects");
    }
}
