using EdgeCamera.Contracts.Mqtt;

namespace EdgeCamera.Contracts.Tests;

public sealed class TopicsTests
{
    [Fact]
    public void Evidence_topic_names_the_device_and_parses_back()
    {
        var topic = Topics.Evidence("cam-01");

        Assert.Equal("edgecam/v1/devices/cam-01/evidence", topic);
        Assert.True(Topics.TryParseEvidenceTopic(topic, out var device));
        Assert.Equal("cam-01", device);
    }

    [Theory]
    [InlineData("cam/01")]
    [InlineData("cam+")]
    [InlineData("#")]
    [InlineData("")]
    public void Device_ids_that_would_break_the_topic_tree_are_refused(string id)
    {
        Assert.Throws<ArgumentException>(() => Topics.Evidence(id));
    }

    [Theory]
    [InlineData("edgecam/v1/devices/cam-01/ack")]
    [InlineData("edgecam/v2/devices/cam-01/evidence")]
    [InlineData("edgecam/v1/devices/cam-01/evidence/extra")]
    public void Other_topics_are_not_taken_for_evidence(string topic)
    {
        Assert.False(Topics.TryParseEvidenceTopic(topic, out _));
    }

    [Fact]
    public void Receivers_share_the_evidence_topics_through_an_mqtt5_shared_subscription()
    {
        Assert.Equal("$share/grp/edgecam/v1/devices/+/evidence", Topics.SharedEvidence("grp"));
    }
}
