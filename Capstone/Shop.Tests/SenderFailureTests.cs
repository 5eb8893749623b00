using FluentAssertions;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Shop.Admin;
using Workbook.Shop.Consumers;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>The default senders can be told to fail from configuration, so anyone can watch retries and dead letters.</summary>
public sealed class SenderFailureTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka, consumers: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shop_FailSms_makes_the_default_SMS_sender_fail_until_the_order_is_dead_lettered()
    {
        var client = _world.StartInstance(("Shop:FailSms", "true"));
        var order = await (await ShopProbes.PostOrder(client, "sam", "s1", Ct, ("P1", 1))).ReadAsync<Order>(Ct);

        var letters = await ShopProbes.DeadLettersAsync(client, 1, "the order in orders.dlq", Ct);

        var letter = letters.Should().ContainSingle("only the SMS consumer was told to fail").Subject;
        letter.OrderId.Should().Be(order.OrderId);
        letter.ConsumerGroup.Should().Be(_world.Kafka.GroupId(SmsConsumer.GroupName));
        letter.Error.Should().Contain("Shop:FailSms", "the dead letter says why the send failed");
        letter.Headers.Should().Contain(new DeadLetterHeader(DeadLetterHeaders.Attempts, "3"), "it was tried ConsumerMaxAttempts (3) times");
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
