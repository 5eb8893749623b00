using Workbook.Shop.Hosting;

return await ShopStartup.RunAsync(args);
