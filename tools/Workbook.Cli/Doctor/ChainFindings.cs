namespace Workbook.Cli.Doctor;

/// <summary>What doctor found before starting anything: the inputs of the backend chain, and kcat.</summary>
/// <param name="RedisVariable">WORKBOOK_REDIS, if set.</param>
/// <param name="KafkaVariable">WORKBOOK_KAFKA, if set.</param>
/// <param name="DockerAnswers">Whether a Docker engine answered.</param>
/// <param name="RedisServer">Where redis-server is on PATH, if anywhere.</param>
/// <param name="Kcat">Where kcat is on PATH, if anywhere.</param>
public sealed record ChainFindings(string? RedisVariable, string? KafkaVariable, bool DockerAnswers, string? RedisServer, string? Kcat);
