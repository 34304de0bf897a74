using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace Badge.Sdk.Redis;

/// <summary>
/// A StackExchange.Redis configuration string that parses and names at least one server, when set. The message never
/// repeats the value: it may hold a password.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RedisConfigurationAttribute() : ValidationAttribute(
    "{0} must be a StackExchange.Redis configuration naming at least one server, such as 127.0.0.1:6379 or redis.internal:6380,password=…,ssl=true.")
{
    public override bool IsValid(object? value)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            // Not set: the connection comes from the services (RedisStoreConnectionValidator checks there is one).
            return true;
        }

        try
        {
            return ConfigurationOptions.Parse(text).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            // An unknown keyword or a value of the wrong kind.
            return false;
        }
    }
}
