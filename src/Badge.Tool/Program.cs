using Badge.Tool;

return await BadgeCommand.InvokeAsync(args);
