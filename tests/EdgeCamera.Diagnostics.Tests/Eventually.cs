namespace EdgeCamera.Diagnostics.Tests;

/// <summary>Polls a condition until it holds or the (generous, CI-sized) deadline passes. Not a timing assertion.</summary>
internal static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }
}
