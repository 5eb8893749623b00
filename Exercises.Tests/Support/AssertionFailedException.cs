using Workbook.Infrastructure.Testing;

// In xUnit's namespace on purpose: xUnit prints the type name before the message of any exception outside it
// ("Workbook...AssertionFailedException : Expected ..."), and a failure should read as the message alone.
namespace Xunit.Sdk;

/// <summary>
/// A failed assertion, as every lesson test throws it (<see cref="Workbook.Exercises.Tests.Support.TrimmedAssertionFailures"/>): an xUnit assertion
/// failure, so it is reported as a failure and not an error, whose stack trace shows the student's and the test's
/// frames without FluentAssertions' and xUnit's.
/// </summary>
public sealed class AssertionFailedException : XunitException
{
    public AssertionFailedException(string message)
        : base(message)
    {
    }

    public AssertionFailedException()
        : base(null)
    {
    }

    public AssertionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override string? StackTrace => base.StackTrace is { } trace ? StackTraceTrimmer.Trim(trace) : null;
}
