global using FluentAssertions;
global using Workbook.Contracts;
global using Workbook.Exercises.Tests.Support;
global using Workbook.Lessons;
global using Workbook.Testing;
global using Xunit;
