using System.Runtime.CompilerServices;

namespace Workbook.Exercises.Tests.Lesson05;

[Lesson("05", Level.Intermediate, Skill.Redis)]
public sealed class GameLeaderboardTests(RedisFixture redis) : RedisTest(redis)
{
    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Seed_example_ranks_lists_the_top_and_the_players_nearby()
    {
        var board = new GameLeaderboard(Db);
        await board.AddScoreAsync("player1", 100);
        await board.AddScoreAsync("player2", 200);
        await board.AddScoreAsync("player3", 150);

        (await board.GetRankAsync("player2")).Should().Be(1, "GetRankAsync(\"player2\") returns 1: player2 has the highest score, and ZREVRANK 0 is rank 1");
        (await board.GetTopPlayersAsync(3)).Should().Equal(
            [new PlayerScore("player2", 200, 1), new PlayerScore("player3", 150, 2), new PlayerScore("player1", 100, 3)],
            "GetTopPlayersAsync(3) lists the highest score first, with each player's score and 1-based rank");
        (await board.GetNearbyPlayersAsync("player3", 1)).Should().Equal(
            [new PlayerScore("player2", 200, 1), new PlayerScore("player3", 150, 2), new PlayerScore("player1", 100, 3)],
            "GetNearbyPlayersAsync(\"player3\", 1): range 1 around player3 (rank 2) is ranks 1 to 3, in rank order");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task A_score_of_zero_is_a_real_score()
    {
        var board = new GameLeaderboard(Db);
        await board.AddScoreAsync("zero", 0);
        await board.AddScoreAsync("negative", -5);

        (await board.GetPlayerScoreAsync("zero")).Should().Be(0, "GetPlayerScoreAsync(\"zero\") after AddScoreAsync(\"zero\", 0) returns 0: ZSCORE returned \"0\", the player is on the board with 0 points (the seed's `if score` treated 0 as missing)");
        (await board.GetRankAsync("zero")).Should().Be(1, "GetRankAsync(\"zero\") returns 1: 0 beats -5");
        (await board.GetPlayerScoreAsync("negative")).Should().Be(-5, "GetPlayerScoreAsync(\"negative\") after AddScoreAsync(\"negative\", -5) returns -5");
        (await board.GetNearbyPlayersAsync("negative", 1)).Should().Equal(
            [new PlayerScore("zero", 0, 1), new PlayerScore("negative", -5, 2)],
            "GetNearbyPlayersAsync(\"negative\", 1) shows 'zero' right above: a score of 0 is on the board");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task A_player_not_on_the_board_has_no_rank_no_score_and_no_neighbours()
    {
        var board = new GameLeaderboard(Db);

        (await board.GetRankAsync("ghost")).Should().BeNull("GetRankAsync(\"ghost\") returns null while the board's key does not even exist");
        (await board.GetPlayerScoreAsync("ghost")).Should().BeNull("GetPlayerScoreAsync(\"ghost\") returns null while the board's key does not even exist");
        (await board.GetNearbyPlayersAsync("ghost")).Should().BeEmpty("GetNearbyPlayersAsync(\"ghost\") returns nothing while the board's key does not even exist");
        (await board.GetTopPlayersAsync()).Should().BeEmpty("GetTopPlayersAsync() on an empty board returns nothing");

        await board.AddScoreAsync("player1", 100);

        (await board.GetRankAsync("ghost")).Should().BeNull("GetRankAsync(\"ghost\") returns null: ZREVRANK of a missing member is nil, not rank 0 or 1");
        (await board.GetPlayerScoreAsync("ghost")).Should().BeNull("GetPlayerScoreAsync(\"ghost\") returns null: ZSCORE of a missing member is nil, not 0");
        (await board.GetNearbyPlayersAsync("ghost")).Should().BeEmpty("GetNearbyPlayersAsync(\"ghost\") returns nothing: a player not on the board has no neighbours");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Top_players_are_limited_to_n_and_default_to_ten()
    {
        var board = new GameLeaderboard(Db);
        for (var i = 1; i <= 12; i++)
        {
            await board.AddScoreAsync($"p{i:00}", i * 10);
        }

        (await board.GetTopPlayersAsync(2)).Should().Equal(
            [new PlayerScore("p12", 120, 1), new PlayerScore("p11", 110, 2)],
            "GetTopPlayersAsync(2) returns the two highest of 12 players, highest first");
        var byDefault = await board.GetTopPlayersAsync();
        byDefault.Should().HaveCount(10, "GetTopPlayersAsync() without n returns 10 of the 12 players: the default n is 10");
        byDefault.Select(p => p.Rank).Should().Equal(Enumerable.Range(1, 10).Select(r => (long)r), "GetTopPlayersAsync() ranks its players 1 to 10, in order");
        (await board.GetTopPlayersAsync(50)).Should().HaveCount(12, "GetTopPlayersAsync(50) on a board of 12 returns the whole board");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Nearby_players_are_clipped_at_the_top_and_bottom_of_the_board_not_wrapped()
    {
        var board = new GameLeaderboard(Db);
        for (var i = 1; i <= 5; i++)
        {
            await board.AddScoreAsync($"p{i}", (6 - i) * 100); // p1 is rank 1, p5 is rank 5
        }

        (await board.GetNearbyPlayersAsync("p1")).Select(p => (p.PlayerId, p.Rank)).Should().Equal(
            [("p1", 1L), ("p2", 2L), ("p3", 3L)],
            "GetNearbyPlayersAsync(\"p1\") with the default range 2: nothing ranks above the leader, so the window starts at rank 1 (a negative ZREVRANGE start would wrap to the bottom)");
        (await board.GetNearbyPlayersAsync("p2")).Select(p => (p.PlayerId, p.Rank)).Should().Equal(
            [("p1", 1L), ("p2", 2L), ("p3", 3L), ("p4", 4L)],
            "GetNearbyPlayersAsync(\"p2\"): one place above rank 2 exists, two below");
        (await board.GetNearbyPlayersAsync("p5")).Select(p => (p.PlayerId, p.Rank)).Should().Equal(
            [("p3", 3L), ("p4", 4L), ("p5", 5L)],
            "GetNearbyPlayersAsync(\"p5\"): nothing ranks below the last player");
        (await board.GetNearbyPlayersAsync("p3", 100)).Should().HaveCount(5, "GetNearbyPlayersAsync(\"p3\", 100): a range wider than the board gives the whole board");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Range_zero_gives_only_the_player()
    {
        var board = new GameLeaderboard(Db);
        await board.AddScoreAsync("a", 1);
        await board.AddScoreAsync("b", 2);
        await board.AddScoreAsync("c", 3);

        (await board.GetNearbyPlayersAsync("b", 0)).Should().Equal([new PlayerScore("b", 2, 2)], "GetNearbyPlayersAsync(\"b\", 0) returns only b, with its score and rank");
    }

    [RedisFact]
    [Rubric(Rubric.AdvancedDataStructures)]
    public async Task Equal_scores_are_ordered_by_player_id_greatest_first_everywhere()
    {
        var board = new GameLeaderboard(Db);
        await board.AddScoreAsync("bob", 100);
        await board.AddScoreAsync("alice", 100);
        await board.AddScoreAsync("carol", 100);
        await board.AddScoreAsync("dave", 50);

        var expected = new[] { new PlayerScore("carol", 100, 1), new PlayerScore("bob", 100, 2), new PlayerScore("alice", 100, 3), new PlayerScore("dave", 50, 4) };
        (await board.GetTopPlayersAsync(4)).Should().Equal(expected, "GetTopPlayersAsync(4) lists ties in ZREVRANGE order: greater player id first, each with its own rank");
        (await board.GetNearbyPlayersAsync("bob", 3)).Should().Equal(expected, "GetNearbyPlayersAsync(\"bob\", 3) uses the same order and ranks as the top list");
        (await board.GetRankAsync("alice")).Should().Be(3, "GetRankAsync(\"alice\") agrees with the lists: among the three tied at 100, alice sorts last");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Updating_a_score_replaces_it_and_moves_the_rank()
    {
        var board = new GameLeaderboard(Db);
        await board.AddScoreAsync("p1", 100);
        await board.AddScoreAsync("p2", 200);
        (await board.GetRankAsync("p1")).Should().Be(2, "GetRankAsync(\"p1\") is 2 while p2 has the higher score");

        await board.AddScoreAsync("p1", 300);

        (await board.GetPlayerScoreAsync("p1")).Should().Be(300, "GetPlayerScoreAsync(\"p1\") after AddScoreAsync(\"p1\", 100) then AddScoreAsync(\"p1\", 300) returns 300: AddScoreAsync replaces the score (ZADD), it does not add to it (ZINCRBY)");
        (await board.GetRankAsync("p1")).Should().Be(1, "GetRankAsync(\"p1\") is 1 after AddScoreAsync(\"p1\", 300): the new score beats p2");
        (await board.GetTopPlayersAsync()).Should().HaveCount(2, "GetTopPlayersAsync() lists 2 players: p1 is updated, not added twice");

        await board.AddScoreAsync("p1", 10);

        (await board.GetRankAsync("p1")).Should().Be(2, "GetRankAsync(\"p1\") after AddScoreAsync(\"p1\", 10) is 2: a lower score moves the player down");
    }

    [RedisFact]
    [Rubric(Rubric.AdvancedDataStructures)]
    public async Task Nearby_players_are_one_consistent_snapshot_while_other_scores_change()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var board = new GameLeaderboard(Db);
        var churner = new GameLeaderboard(Scope.On(second));
        const int rivals = 40;
        for (var i = 0; i < rivals; i++)
        {
            await board.AddScoreAsync($"rival{i:00}", i % 2 * 1000);
        }

        await board.AddScoreAsync("me", 500);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var churn = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                await churner.AddScoreAsync($"rival{random.Next(rivals):00}", random.Next(2) * 1000);
            }
        })).ToArray();

        const string Drift =
            "'me' sits at 500 while 40 rivals jump between 0 and 1000 from a second connection, so the rank of 'me' keeps moving; " +
            "reading ZREVRANK and then ZREVRANGE in two round trips lets the window drift off 'me': both reads must see one snapshot";
        try
        {
            for (var read = 0; read < 300; read++)
            {
                var range = read % 3;
                var nearby = await board.GetNearbyPlayersAsync("me", range);
                var got = $"GetNearbyPlayersAsync(\"me\", {range}) returned [{string.Join(", ", nearby)}]";

                var me = nearby.Where(p => p.PlayerId == "me").Should().ContainSingle(
                    $"read {read}: the window around 'me' must contain 'me'; {got}. {Drift}").Subject;
                var index = nearby.ToList().IndexOf(me);
                nearby.Select(p => p.Rank).Should().Equal(
                    Enumerable.Range(0, nearby.Count).Select(i => me.Rank - index + i),
                    $"read {read}: ranks in the window are consecutive and agree with the position of 'me'; {got}. {Drift}");
                nearby.Take(index).Where(p => p.Score != 1000).Should().BeEmpty($"read {read}: everyone ranked above 'me' scores 1000 at that instant; {got}. {Drift}");
                nearby.Skip(index + 1).Where(p => p.Score != 0).Should().BeEmpty($"read {read}: everyone ranked below 'me' scores 0 at that instant; {got}. {Drift}");
                nearby.Count.Should().BeLessThanOrEqualTo((2 * range) + 1, $"read {read}: range {range} means at most {range} players above 'me' and {range} below; {got}");
                (me.Rank - index).Should().Be(Math.Max(1, me.Rank - range), $"read {read}: the window starts {range} places above 'me', clipped at 1; {got}. {Drift}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(churn);
        }
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var board = new GameLeaderboard(Db);

        await ShouldRejectAsync<ArgumentNullException>(() => board.AddScoreAsync(null!, 1), "playerId", "a null player id");
        await ShouldRejectAsync<ArgumentException>(() => board.AddScoreAsync("", 1), "playerId", "an empty player id");
        await ShouldRejectAsync<ArgumentException>(() => board.GetRankAsync(""), "playerId", "an empty player id");
        await ShouldRejectAsync<ArgumentException>(() => board.GetPlayerScoreAsync(""), "playerId", "an empty player id");
        await ShouldRejectAsync<ArgumentException>(() => board.GetNearbyPlayersAsync(""), "playerId", "an empty player id");
        await ShouldRejectAsync<ArgumentNullException>(() => board.GetNearbyPlayersAsync(null!), "playerId", "a null player id");
        await ShouldRejectAsync<ArgumentOutOfRangeException>(() => board.GetTopPlayersAsync(0), "n", "n below 1");
        await ShouldRejectAsync<ArgumentOutOfRangeException>(() => board.GetNearbyPlayersAsync("p1", -1), "range", "a negative range");
        await ShouldRejectAsync<ArgumentOutOfRangeException>(() => board.AddScoreAsync("p1", GameLeaderboard.MaxScore + 1), "score", "a score above MaxScore (2^53), which a double score cannot hold exactly");
        await ShouldRejectAsync<ArgumentOutOfRangeException>(() => board.AddScoreAsync("p1", long.MinValue), "score", "a score below -MaxScore, which a double score cannot hold exactly");

        FluentActions.Invoking(() => new GameLeaderboard(null!)).Should().Throw<ArgumentNullException>("new GameLeaderboard(redis: null) must reject a null database")
            .WithParameterName("redis", "the exception from new GameLeaderboard(null) names the parameter it rejects");
        FluentActions.Invoking(() => new GameLeaderboard(Db, "")).Should().Throw<ArgumentException>("new GameLeaderboard(db, key: \"\") must reject an empty key")
            .WithParameterName("key", "the exception from new GameLeaderboard(db, \"\") names the parameter it rejects");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis: check the arguments before the first command");
    }

    [RedisFact]
    [Rubric(Rubric.Leaderboard)]
    public async Task The_largest_allowed_score_round_trips_exactly()
    {
        var board = new GameLeaderboard(Db, "scores");
        await board.AddScoreAsync("max", GameLeaderboard.MaxScore);
        await board.AddScoreAsync("min", -GameLeaderboard.MaxScore);

        (await board.GetPlayerScoreAsync("max")).Should().Be(GameLeaderboard.MaxScore, "GetPlayerScoreAsync(\"max\") after AddScoreAsync(\"max\", MaxScore) returns MaxScore exactly: 2^53 is exact in a double score");
        (await board.GetNearbyPlayersAsync("min", 1)).Should().Equal(
            [new PlayerScore("max", GameLeaderboard.MaxScore, 1), new PlayerScore("min", -GameLeaderboard.MaxScore, 2)],
            "GetNearbyPlayersAsync(\"min\", 1) lists max above min, both with their exact scores");
        (await Scope.KeysAsync()).Should().ContainSingle("the board writes one key")
            .Which.Should().EndWith("scores", "new GameLeaderboard(db, \"scores\") keeps the board in the key given to the constructor");
    }

    // The call as written in the test, e.g. "board.GetTopPlayersAsync(0)", so a failure names it.
    private static Task ShouldRejectAsync<TException>(Func<Task> act, string parameter, string invalid, [CallerArgumentExpression(nameof(act))] string call = "")
        where TException : ArgumentException
    {
        call = call.Replace("() => ", string.Empty, StringComparison.Ordinal).Replace("null!", "null", StringComparison.Ordinal);
        return act.Should().ThrowAsync<TException>($"{call} must reject {invalid}")
            .WithParameterName(parameter, $"the exception from {call} names the parameter it rejects");
    }
}
