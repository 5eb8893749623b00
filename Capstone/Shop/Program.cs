using Workbook.Shop.Hosting;

var builder = WebApplication.CreateBuilder(args);
var role = builder.AddShop();
var app = builder.Build();
app.UseShop(role);
await app.RunAsync();
