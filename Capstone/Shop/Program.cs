using Workbook.Shop.Auth;
using Workbook.Shop.Hosting;
using Workbook.Shop.Simulation;

if (args is [DevTokenCommand.Verb, .. var tokenArgs])
{
    return DevTokenCommand.Run(tokenArgs, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(SimulatorArgs.Translate(args));
var role = builder.AddShop();
var app = builder.Build();
app.UseShop(role);
await app.RunAsync();
return 0;
