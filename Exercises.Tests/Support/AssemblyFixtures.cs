[assembly: AssemblyFixture(typeof(Workbook.Testing.RedisFixture))]
