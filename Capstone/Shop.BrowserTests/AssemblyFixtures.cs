using Xunit;

[assembly: AssemblyFixture(typeof(Workbook.Testing.RedisFixture))]
[assembly: AssemblyFixture(typeof(Workbook.Testing.KafkaFixture))]
