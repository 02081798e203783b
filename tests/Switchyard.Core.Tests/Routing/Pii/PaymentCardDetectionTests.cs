using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class PaymentCardDetectionTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111")]      // Visa
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4012888888881881")]
    [InlineData("4222222222222")]            // Visa, 13 digits
    [InlineData("5555 5555 5555 4444")]      // Mastercard
    [InlineData("2223003122003222")]         // Mastercard 2-series
    [InlineData("3782 822463 10005")]        // Amex, 4-6-5
    [InlineData("371449635398431")]
    [InlineData("6011 1111 1111 1117")]      // Discover
    [InlineData("3530111333300000")]         // JCB
    [InlineData("3056 930902 5904")]         // Diners, 14 digits
    [InlineData("6200000000000005")]         // UnionPay
    public void Finds_card_numbers(string number) => PiiAssert.FindsExactly(number, PiiKind.PaymentCard);

    [Theory]
    [InlineData("4111 1111 1111 1112")]      // Luhn fails
    [InlineData("1234 5678 9012 3456")]      // Luhn fails
    [InlineData("4000123456789012")]         // Luhn fails
    [InlineData("0000 0000 0000 0000")]      // Luhn passes, no network
    [InlineData("7000000000000005")]         // Luhn passes, no network
    [InlineData("4111 1111-1111 1111")]      // mixed separators
    [InlineData("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")] // not a card grouping
    [InlineData("5500000000000004000")]     // Luhn passes, Mastercard prefix, wrong length
    public void Ignores_numbers_that_fail_the_checks(string number) => PiiAssert.FindsNothing($"Number: {number}.");

    [Theory]
    [InlineData("Order 1234567890123 shipped.")]
    [InlineData("Invoice #98765432109876543 is overdue.")]
    [InlineData("Tracking 1Z999AA10123456784 and order 40001234567890128.")]
    [InlineData("Epoch millis 1700000000123.")]
    public void Ignores_long_order_numbers(string text) => PiiAssert.FindsNothing(text);

    [Fact]
    public void A_trailing_group_does_not_hide_the_card()
    {
        var text = "card 4111 1111 1111 1111 123 (cvv)";
        var span = Assert.Single(PiiAssert.Detector.Scan(text).Spans);
        Assert.Equal("4111 1111 1111 1111", text.Substring(span.Start, span.Length));
    }
}
