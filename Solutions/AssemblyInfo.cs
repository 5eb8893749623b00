using System.Runtime.CompilerServices;

// The capstone shop runs its SMS and analytics consumers on lesson 07's OrderConsumerLoop (retries, dead letters).
[assembly: InternalsVisibleTo("Workbook.Shop")]
