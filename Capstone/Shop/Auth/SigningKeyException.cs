namespace Workbook.Shop.Auth;

/// <summary>The development issuer's key file cannot be read, created or used; the message names the file.</summary>
public sealed class SigningKeyException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
