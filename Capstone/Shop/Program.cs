using Workbook.Shop.Hosting;
using Workbook.Shop.Simulation;

var builder = WebApplication.CreateBuilder(SimulatorArgs.Translate(args));
var role = builder.AddShop();
var app = builder.Build();
app.UseShop(role);
await app.RunAsync();
