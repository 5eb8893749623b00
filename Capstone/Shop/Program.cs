using Workbook.Shop.Auth;
using Workbook.Shop.Hosting;

if (args is [DevTokenCommand.Verb, .. var tokenArgs])
{
    return DevTokenCommand.Run(tokenArgs, Console.Out, Console.Error);
}

return await ShopStartup.RunAsync(args);
