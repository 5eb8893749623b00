namespace Workbook.Contracts;

/// <summary>A player on the leaderboard (lesson 05).</summary>
/// <param name="PlayerId">The player.</param>
/// <param name="Score">The player's score.</param>
/// <param name="Rank">1-based position on the board: the highest score is rank 1.</param>
public sealed record PlayerScore(string PlayerId, long Score, long Rank);
