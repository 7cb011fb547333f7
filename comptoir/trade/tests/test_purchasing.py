"""Purchase order rules: confirmation against order, payments due, lateness, receipt
tolerance, claim deadline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import purchasing as p
from comptoir.trade.errors import TradeInputError

D = Decimal
ORDER_DAY = dt.date(2026, 3, 2)


def _ordered(**changes: object) -> p.OrderedTerms:
    base: dict[str, object] = {
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "ready_date": dt.date(2026, 4, 15),
        "lines": [
            p.OrderedLine(key=1, label="1. LID-24", quantity=D("5000"), unit_price=D("1.85")),
            p.OrderedLine(key=2, label="2. LID-28", quantity=D("3000"), unit_price=D("2.10")),
        ],
    }
    base.update(changes)
    return p.OrderedTerms(**base)  # type: ignore[arg-type]


def _confirmed(**changes: object) -> p.ConfirmedTerms:
    base: dict[str, object] = {
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": " ningbo ",
        "ready_date": dt.date(2026, 4, 15),
        "lines": [
            p.ConfirmedLine(key=1, quantity=D("5000.000"), unit_price=D("1.8500")),
            p.ConfirmedLine(key=2, quantity=D("3000"), unit_price=D("2.10")),
        ],
    }
    base.update(changes)
    return p.ConfirmedTerms(**base)  # type: ignore[arg-type]


def test_a_confirmation_as_ordered_has_no_difference() -> None:
    assert p.compare_confirmation(_ordered(), _confirmed()) == []


def test_every_difference_is_listed() -> None:
    confirmed = _confirmed(
        currency="EUR",
        incoterm="EXW",
        named_place="Yuyao",
        ready_date=dt.date(2026, 4, 30),
        lines=[p.ConfirmedLine(key=1, quantity=D("4800"), unit_price=D("1.95"))],
    )
    found = {(d.field, d.line): d for d in p.compare_confirmation(_ordered(), confirmed)}
    assert set(found) == {
        ("currency", None),
        ("incoterm", None),
        ("named_place", None),
        ("ready_date", None),
        ("quantity", 1),
        ("unit_price", 1),
        ("line_missing", 2),
    }
    assert found[("quantity", 1)].delta == D("-200")
    assert found[("unit_price", 1)].delta == D("0.10")
    assert found[("ready_date", None)].confirmed == "2026-04-30"
    assert found[("quantity", 1)].as_dict()["ordered"] == "5000"
    assert found[("unit_price", 1)].as_dict()["delta"] == "0.10"


def test_a_line_date_differs_from_the_one_asked() -> None:
    confirmed = _confirmed(
        lines=[
            p.ConfirmedLine(key=1, quantity=D("5000"), unit_price=D("1.85"), date=ORDER_DAY),
            p.ConfirmedLine(key=2, quantity=D("3000"), unit_price=D("2.10")),
        ]
    )
    [difference] = p.compare_confirmation(_ordered(), confirmed)
    assert (difference.field, difference.line, difference.ordered) == ("date", 1, "2026-04-15")


def test_a_confirmed_line_not_on_the_order_is_refused() -> None:
    confirmed = _confirmed(lines=[p.ConfirmedLine(key=9, quantity=D("1"), unit_price=D("1"))])
    with pytest.raises(TradeInputError) as error:
        p.compare_confirmation(_ordered(), confirmed)
    assert error.value.field == "lines.9"


def _terms(**changes: object) -> p.PaymentTerms:
    base: dict[str, object] = {"instrument": "deposit", "total": D("10000.01"), "currency": "USD"}
    base.update(changes)
    return p.PaymentTerms(**base)  # type: ignore[arg-type]


def test_thirty_percent_deposit_and_balance_against_the_bl_copy() -> None:
    terms = _terms(deposit_pct=D("30"), trigger="bl_copy", days=0)
    deposit, balance = p.payment_schedule(terms, {"order": ORDER_DAY})
    assert (deposit.kind, deposit.amount, deposit.due_on) == ("deposit", D("3000.00"), ORDER_DAY)
    assert (balance.kind, balance.amount, balance.due_on) == ("balance", D("7000.01"), None)
    bl = dt.date(2026, 5, 3)
    _, balance = p.payment_schedule(terms, {"order": ORDER_DAY, "bl_copy": bl})
    assert balance.due_on == bl
    assert "30 % deposit at order" == deposit.rule


def test_balance_days_after_the_invoice() -> None:
    terms = _terms(deposit_pct=D("50"), trigger="invoice", days=30)
    _, balance = p.payment_schedule(terms, {"order": ORDER_DAY, "invoice": dt.date(2026, 5, 1)})
    assert balance.due_on == dt.date(2026, 5, 31)


def test_instruments_with_one_payment() -> None:
    docs = dt.date(2026, 5, 10)
    events = {"order": ORDER_DAY, "documents": docs, "invoice": dt.date(2026, 5, 1)}
    [advance] = p.payment_schedule(_terms(instrument="advance"), events)
    assert (advance.trigger, advance.due_on, advance.amount) == ("order", ORDER_DAY, D("10000.01"))
    [lc] = p.payment_schedule(_terms(instrument="lc", days=60), events)
    assert (lc.trigger, lc.due_on) == ("documents", dt.date(2026, 7, 9))
    [dp] = p.payment_schedule(_terms(instrument="dp", days=60), events)
    assert dp.due_on == docs  # at sight: the days are ignored
    [da] = p.payment_schedule(_terms(instrument="da", days=90), events)
    assert da.due_on == docs + dt.timedelta(days=90)
    [open_account] = p.payment_schedule(_terms(instrument="open_account", days=30), events)
    assert open_account.due_on == dt.date(2026, 5, 31)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"instrument": "cheque"}, "payment_instrument"),
        ({"trigger": "someday"}, "balance_trigger"),
        ({"deposit_pct": D("0")}, "deposit_pct"),
        ({"deposit_pct": D("100")}, "deposit_pct"),
        ({"deposit_pct": D("130")}, "deposit_pct"),
        ({"days": 400}, "payment_days"),
        ({"total": D("-1")}, "total"),
    ],
)
def test_bad_terms_name_their_field(changes: dict[str, object], field: str) -> None:
    terms = _terms(**({"deposit_pct": D("30")} | changes))
    with pytest.raises(TradeInputError) as error:
        p.payment_schedule(terms, {})
    assert error.value.field == field


@given(
    total=st.decimals(min_value=0, max_value=10**9, places=2),
    pct=st.decimals(min_value=D("0.01"), max_value=D("99.99"), places=2),
    currency=st.sampled_from(["EUR", "USD", "JPY", "CNY"]),
)
def test_deposit_and_balance_add_up_to_the_total(total: D, pct: D, currency: str) -> None:
    from comptoir.trade.money import round_money

    deposit, balance = p.payment_schedule(
        _terms(total=total, deposit_pct=pct, currency=currency), {}
    )
    assert deposit.amount + balance.amount == round_money(total, currency)
    assert deposit.percent + balance.percent == D("100")
    assert deposit.amount >= 0 and balance.amount >= 0


def test_days_late() -> None:
    today = dt.date(2026, 5, 10)
    assert p.days_late(confirmed=dt.date(2026, 5, 1), requested=None, ready=None, today=today) == 9
    assert p.days_late(confirmed=None, requested=dt.date(2026, 5, 8), ready=None, today=today) == 2
    late_but_ready = p.days_late(
        confirmed=dt.date(2026, 5, 1), requested=None, ready=dt.date(2026, 5, 9), today=today
    )
    assert late_but_ready == 0
    assert p.days_late(confirmed=dt.date(2026, 6, 1), requested=None, ready=None, today=today) == 0
    assert p.days_late(confirmed=None, requested=None, ready=None, today=today) == 0


def test_receipt_within_the_ordered_quantity_and_its_rest() -> None:
    check = p.check_receipt(
        ordered=D("5000"),
        received_before=D("0"),
        received_now=D("4800"),
        unit="pcs",
        tolerance_pct=None,
    )
    assert (check.outstanding, check.complete) == (D("200"), False)


def test_a_receipt_above_the_order_is_refused_for_counted_units() -> None:
    with pytest.raises(TradeInputError) as error:
        p.check_receipt(
            ordered=D("5000"),
            received_before=D("4800"),
            received_now=D("201"),
            unit="pcs",
            tolerance_pct=None,
        )
    assert error.value.field == "quantity_received"
    assert "at most 200 pcs more" in error.value.message


def test_bulk_units_take_five_percent_and_the_order_may_say_otherwise() -> None:
    ok = p.check_receipt(
        ordered=D("1000"),
        received_before=D("0"),
        received_now=D("1050"),
        unit="kg",
        tolerance_pct=None,
    )
    assert ok.complete and ok.outstanding == D("-50")
    with pytest.raises(TradeInputError):
        p.check_receipt(
            ordered=D("1000"),
            received_before=D("0"),
            received_now=D("1051"),
            unit="kg",
            tolerance_pct=None,
        )
    fine = p.check_receipt(
        ordered=D("100"),
        received_before=D("0"),
        received_now=D("102"),
        unit="pcs",
        tolerance_pct=D("2"),
    )
    assert fine.complete
    assert p.receipt_tolerance("PCS", None) == 0
    assert p.receipt_tolerance(" KG ", None) == D("5")


@given(
    ordered=st.decimals(min_value=1, max_value=10**6, places=3),
    before=st.decimals(min_value=0, max_value=10**6, places=3),
    now=st.decimals(min_value=0, max_value=10**6, places=3),
    tolerance=st.one_of(st.none(), st.decimals(min_value=0, max_value=20, places=2)),
)
def test_never_more_than_the_maximum_is_accepted(
    ordered: D, before: D, now: D, tolerance: D | None
) -> None:
    maximum = ordered * (100 + p.receipt_tolerance("pcs", tolerance)) / 100
    try:
        check = p.check_receipt(
            ordered=ordered,
            received_before=before,
            received_now=now,
            unit="pcs",
            tolerance_pct=tolerance,
        )
    except TradeInputError:
        assert before + now > maximum
    else:
        assert before + now <= maximum
        assert check.outstanding == ordered - before - now


def test_claim_deadline_default_and_contract() -> None:
    received = dt.date(2026, 6, 1)
    default = p.claim_deadline(received, None)
    assert (default.deadline, default.days) == (dt.date(2026, 6, 9), 8)
    assert "CISG art. 38 and 39" in default.rule
    contract = p.claim_deadline(received, 15)
    assert contract.deadline == dt.date(2026, 6, 16)
    with pytest.raises(TradeInputError):
        p.claim_deadline(received, 0)
