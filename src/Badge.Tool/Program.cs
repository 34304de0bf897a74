using System.CommandLine;
using Badge.Tool;

return await BadgeCommand.Create().Parse(args).InvokeAsync();
