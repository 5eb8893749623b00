namespace Workbook.Contracts;

/// <summary>An article and how many times it was viewed (lesson 01).</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Views">Its view count.</param>
public sealed record ArticleViewCount(long ArticleId, long Views);
