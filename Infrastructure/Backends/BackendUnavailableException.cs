namespace Workbook.Infrastructure.Backends;

/// <summary>No backend could be found or started; the message says how to get one.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
