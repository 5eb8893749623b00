namespace Workbook.Cli.Doctor;

/// <summary>One line of <c>workbook doctor</c>: what was checked, what was found, how to fix it.</summary>
public sealed record DoctorCheck(string Name, CheckState State, string Finding, string? Fix = null);
