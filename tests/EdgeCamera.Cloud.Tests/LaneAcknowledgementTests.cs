using System.Buffers;
using System.Collections.Concurrent;
using EdgeCamera.TestKit;
using EdgeCamera.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeCamera.Cloud.Tests;

/// <summary><see cref="MessageLanes"/>' acknowledgements, with MQTTnet's received-message arguments built by hand so a
/// test decides what an acknowledgement does (unit test; <see cref="ReceiverLanesTests"/> runs lanes on Mosquitto).</summary>
public sealed class LaneAcknowledgementTests
{
    [Fact]
    public async Task An_acknowledgement_that_never_goes_out_is_given_up_and_the_later_ones_still_go_out_in_order()
    {
        var acknowledged = new ConcurrentQueue<int>();
        var givenUp = 0;
        await using var lanes = new MessageLanes(2, 2, topic => topic, NullLogger<MessageLanes>.Instance, ackTimeout: TimeSpan.FromMilliseconds(200));
        lanes.NewConnection();
        for (var i = 0; i < 4; i++)
        {
            var index = i;
            var received = Received($"dev/{i % 2}", (_, ct) => index == 0
                ? HangUntilCancelledAsync(() => Interlocked.Increment(ref givenUp), ct) // as on a connection that died under it
                : Record(acknowledged, index));
            await lanes.DispatchAsync(received, (_, _, _) => Task.CompletedTask, () => { });
        }

        Assert.True(await Eventually.HoldsAsync(() => acknowledged.Count == 3, TimeSpan.FromSeconds(10)), $"acknowledged {acknowledged.Count} of the 3 after the stuck one");
        Assert.Equal(1, givenUp);
        Assert.Equal([1, 2, 3], acknowledged);
    }

    [Fact]
    public async Task A_message_is_acknowledged_only_after_its_handler_returned()
    {
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = new ConcurrentQueue<int>();
        await using var lanes = new MessageLanes(1, 1, topic => topic, NullLogger<MessageLanes>.Instance);
        lanes.NewConnection();
        await lanes.DispatchAsync(Received("dev/0", (_, _) => Record(acknowledged, 0)), (_, _, _) => handlerDone.Task, () => { });

        await Task.Delay(TimeSpan.FromMilliseconds(300)); // a window for a premature acknowledgement; not a measurement
        Assert.Empty(acknowledged);
        handlerDone.SetResult();
        Assert.True(await Eventually.HoldsAsync(() => acknowledged.Count == 1));
    }

    private static Task Record(ConcurrentQueue<int> acknowledged, int index)
    {
        acknowledged.Enqueue(index);
        return Task.CompletedTask;
    }

    private static async Task HangUntilCancelledAsync(Action onCancelled, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException)
        {
            onCancelled();
            throw;
        }
    }

    private static MqttApplicationMessageReceivedEventArgs Received(string topic, Func<MqttApplicationMessageReceivedEventArgs, CancellationToken, Task> acknowledge)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>([1]))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return new MqttApplicationMessageReceivedEventArgs("lanes-test", message, new MqttPublishPacket { Topic = topic, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, acknowledge);
    }
}
