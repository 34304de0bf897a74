using Badge.Tool;

return await BadgeCommand.RunAsync(args);
