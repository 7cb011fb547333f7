"""Three-way match: order / receipt / invoice.

Worked examples (figures computed by hand):

1. Order: 1,000 enamelled lids at USD 2.40, 1,000 received, 1,000 invoiced at 2.40: matched,
   billed = owed = 2,400.00 USD.
2. Same order, 960 received and accepted (a shortage of 40), 1,000 invoiced: 40 too many,
   40 x 2.40 = 96.00 USD over-billed; owed 960 x 2.40 = 2,304.00.
3. Invoiced at 2.45 instead of 2.40 on 1,000: +2.08 % and 50.00 USD on the line; tolerances
   2 % / USD 50: 2.08 % > 2 %, outside. At 2.44: 1.67 % and 40.00 USD, inside.
4. Exchange difference on a payable: USD 10,000 booked at 0.9200 EUR per USD, paid at 0.9050:
   10,000 x (0.9200 - 0.9050) = +150.00 EUR, a gain (766); paid at 0.9300: -100.00, a loss.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import three_way_match as twm
from comptoir.trade.errors import TradeInputError

D = Decimal
ORDER = twm.OrderHeader("USD", 60, False, "FOB", "Ningbo")
INVOICE = twm.InvoiceHeader("USD", 60, False, "FOB", "Ningbo")


def _line(received: str = "1000", before: str = "0") -> twm.OrderLine:
    return twm.OrderLine("L1", D("1000"), D("2.40"), D(received), D(before))


def test_clean_invoice_matches() -> None:
    result = twm.match(ORDER, [_line()], INVOICE, [twm.InvoiceLine("L1", D("1000"), D("2.40"))])
    assert result.matched
    assert result.billed == result.owed == D("2400.00")
    assert result.differences == ()
    assert not twm.needs_manager(D("2200"), D("10000"), result)
    assert twm.needs_manager(D("12000"), D("10000"), result)


def test_shortage_is_over_billed() -> None:
    result = twm.match(
        ORDER, [_line("960")], INVOICE, [twm.InvoiceLine("L1", D("1000"), D("2.40"))]
    )
    assert not result.matched
    (diff,) = result.differences
    assert diff.kind == twm.OVER_RECEIVED
    assert diff.amount == D("96.00")
    assert result.owed == D("2304.00")
    assert result.difference == D("96.00")
    assert "40 too many" in diff.text
    assert twm.needs_manager(D("1"), None, result)


def test_quantity_tolerance_for_bulk_goods() -> None:
    tol = twm.Tolerance(quantity_pct=D("5"))
    result = twm.match(
        ORDER, [_line("960")], INVOICE, [twm.InvoiceLine("L1", D("1000"), D("2.40"))], tol
    )
    assert result.matched  # 40 is within 5 % of 960 (48)


def test_already_invoiced_quantity_is_not_billed_twice() -> None:
    result = twm.match(
        ORDER, [_line("1000", "600")], INVOICE, [twm.InvoiceLine("L1", D("600"), D("2.40"))]
    )
    kinds = {d.kind for d in result.differences}
    assert kinds == {twm.OVER_RECEIVED, twm.OVER_ORDERED}
    assert result.owed == D("960.00")


def test_two_lines_on_the_same_order_line_share_it() -> None:
    result = twm.match(
        ORDER,
        [_line("1000")],
        INVOICE,
        [twm.InvoiceLine("L1", D("700"), D("2.40")), twm.InvoiceLine("L1", D("400"), D("2.40"))],
    )
    assert result.lines[0].matched
    assert [d.kind for d in result.lines[1].differences] == [twm.OVER_RECEIVED, twm.OVER_ORDERED]
    assert result.lines[1].differences[0].amount == D("240.00")


@pytest.mark.parametrize(
    ("price", "within", "amount"),
    [("2.45", False, "50.00"), ("2.44", True, "40.00"), ("2.30", True, "-100.00")],
)
def test_price_tolerance(price: str, within: bool, amount: str) -> None:
    result = twm.match(
        ORDER, [_line()], INVOICE, [twm.InvoiceLine("L1", D("1000"), D(price))], twm.Tolerance()
    )
    (diff,) = result.differences
    assert diff.kind == twm.PRICE
    assert diff.within_tolerance is within
    assert diff.amount == D(amount)


def test_absolute_tolerance_is_the_stricter_one() -> None:
    # 1.67 % is within 2 %, but USD 40 on the line is above an absolute limit of USD 25.
    tol = twm.Tolerance(price_pct=D("2"), price_amount=D("25"))
    result = twm.match(
        ORDER, [_line()], INVOICE, [twm.InvoiceLine("L1", D("1000"), D("2.44"))], tol
    )
    assert not result.matched
    no_abs = twm.Tolerance(price_pct=D("2"), price_amount=None)
    assert twm.match(
        ORDER, [_line()], INVOICE, [twm.InvoiceLine("L1", D("1000"), D("2.44"))], no_abs
    ).matched


def test_header_differences() -> None:
    invoice = twm.InvoiceHeader("EUR", 30, False, "CFR", "Le Havre")
    result = twm.match(ORDER, [_line()], invoice, [twm.InvoiceLine("L1", D("1000"), D("2.40"))])
    kinds = [d.kind for d in result.header]
    assert kinds == [twm.CURRENCY, twm.TERMS, twm.INCOTERM]
    assert all(not d.within_tolerance for d in result.header)
    assert "the order in USD" in result.header[0].text


def test_longer_terms_are_in_our_favour() -> None:
    invoice = twm.InvoiceHeader("USD", 90, False, "FOB", "Ningbo")
    result = twm.match(ORDER, [_line()], invoice, [twm.InvoiceLine("L1", D("1000"), D("2.40"))])
    (diff,) = result.differences
    assert diff.kind == twm.TERMS and diff.within_tolerance


def test_line_not_on_the_order() -> None:
    result = twm.match(ORDER, [_line()], INVOICE, [twm.InvoiceLine("X", D("5"), D("10"))])
    (diff,) = result.differences
    assert diff.kind == twm.NOT_ON_ORDER and diff.amount == D("50.00")


def test_bad_input_names_the_field() -> None:
    with pytest.raises(TradeInputError) as err:
        twm.match(ORDER, [_line()], INVOICE, [twm.InvoiceLine("L1", D("-1"), D("2.40"))])
    assert err.value.field == "lines.0.quantity"
    with pytest.raises(TradeInputError):
        twm.Tolerance(price_pct=D("-1"))
    with pytest.raises(TradeInputError) as err:
        twm.match(ORDER, [], INVOICE, [twm.InvoiceLine("L1", D(1), D(1))] * 501)
    assert err.value.field == "lines"


def test_payable_exchange_difference() -> None:
    assert twm.payable_exchange_difference(D("10000"), D("0.9200"), D("0.9050")) == D("150.00")
    assert twm.payable_exchange_difference(D("10000"), D("0.9200"), D("0.9300")) == D("-100.00")
    with pytest.raises(TradeInputError):
        twm.payable_exchange_difference(D("1"), D("0"), D("1"))


def test_due_date_and_credit_note() -> None:
    assert twm.invoice_due_date(date(2026, 1, 15), 45, True) == date(2026, 3, 31)
    assert twm.invoice_due_date(date(2026, 1, 15), 60, runs_from=date(2026, 2, 1)) == date(
        2026, 4, 2
    )
    assert twm.credit_note_room(D("1000"), D("200"), D("300")) == D("500")
    with pytest.raises(TradeInputError) as err:
        twm.credit_note_room(D("1000"), D("800"), D("300"))
    assert err.value.field == "amount"


quantities = st.integers(min_value=0, max_value=10_000).map(Decimal)
prices = st.integers(min_value=1, max_value=100_000).map(lambda c: Decimal(c) / 100)


@settings(max_examples=200, deadline=None)
@given(ordered=quantities, received=quantities, invoiced=quantities, price=prices)
def test_owed_never_exceeds_received_nor_billed(
    ordered: Decimal, received: Decimal, invoiced: Decimal, price: Decimal
) -> None:
    line = twm.OrderLine("L", ordered, price, received)
    result = twm.match(ORDER, [line], INVOICE, [twm.InvoiceLine("L", invoiced, price)])
    assert result.owed <= result.billed
    assert result.owed == (min(invoiced, received) * price).quantize(D("0.01"))
    # The billed amount is the owed one plus the over-billed quantity's amount.
    over = [d for d in result.differences if d.kind == twm.OVER_RECEIVED]
    assert result.billed - result.owed == sum((d.amount for d in over), D(0))
    assert result.matched == (invoiced <= received and invoiced <= ordered)


@settings(max_examples=200, deadline=None)
@given(order_price=prices, invoice_price=prices, qty=st.integers(min_value=1, max_value=5000))
def test_price_within_tolerance_iff_both_limits_hold(
    order_price: Decimal, invoice_price: Decimal, qty: int
) -> None:
    tol = twm.Tolerance(price_pct=D("2"), price_amount=D("50"))
    line = twm.OrderLine("L", D(qty), order_price, D(qty))
    result = twm.match(ORDER, [line], INVOICE, [twm.InvoiceLine("L", D(qty), invoice_price)], tol)
    if invoice_price == order_price:
        assert result.matched
        return
    (diff,) = result.differences
    delta = (invoice_price - order_price) * qty
    expected = invoice_price < order_price or (
        (invoice_price - order_price) / order_price * 100 <= 2 and delta <= 50
    )
    assert diff.within_tolerance == expected
