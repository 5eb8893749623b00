global using FluentAssertions;
global using Workbook.Testing;
global using Xunit;
