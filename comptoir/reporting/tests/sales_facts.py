"""Hand-made sales for the dashboards' tests: a few documents whose figures are computed by
hand in the tests (documents are written directly, with their sales facts as the issuing
service writes them: the builders only read them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count
from types import SimpleNamespace
from typing import Any

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties.models import Company, Zone
from comptoir.sales import facts
from comptoir.sales.models import (
    AgentContract,
    DunningLetter,
    DunningLevel,
    Invoice,
    InvoiceLine,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    Payment,
    PaymentAllocation,
)
from conftest import make_user

D = Decimal
_numbers = count(1)


def company(name: str, country: str, currency: str, roles: list[str], **fields: Any) -> Company:
    c = Company(name=name, country=country, currency=currency, **fields)
    c.role_list = roles
    c.save()
    return c


def product(reference: str, cost: str) -> Product:
    return Product.objects.create(
        reference=reference,
        name_fr=reference,
        name_en=reference,
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=D("1"),
        gross_weight_kg=D("1.2"),
        cost_price=D(cost),
    )


def invoice(
    client: Company,
    day: dt.date,
    lines: list[tuple[Product | None, str, str, str, OrderLine | None]],
    *,
    rate: str = "1",
    kind: str = Invoice.Kind.INVOICE,
    due: dt.date | None = None,
    credited: Invoice | None = None,
    paid: str = "0",
) -> Invoice:
    """An issued document; lines are (product, quantity, unit price, discount %, order line),
    no VAT (export or intra-EU), so gross = net."""
    nets = [(D(q) * D(p) * (100 - D(d)) / 100).quantize(D("0.01")) for _p, q, p, d, _o in lines]
    total = sum(nets, D("0"))
    inv = Invoice.objects.create(
        kind=kind,
        status=Invoice.Status.ISSUED,
        number=f"{'AV' if kind == Invoice.Kind.CREDIT_NOTE else 'FA'}T-{next(_numbers):05d}",
        client=client,
        currency=client.currency,
        issue_date=day,
        due_date=due or day + dt.timedelta(days=30),
        net_total=total,
        gross_total=total,
        paid_total=D(paid),
        balance_due=total - D(paid) if kind == Invoice.Kind.INVOICE else D("0"),
        eur_rate=D(rate),
        credited_invoice=credited,
        order=next((o.order for *_rest, o in lines if o is not None), None),
    )
    for (prod, q, p, d, order_line), net in zip(lines, nets, strict=True):
        InvoiceLine.objects.create(
            invoice=inv,
            order_line=order_line,
            product=prod,
            reference=prod.reference if prod else "",
            description="x",
            quantity=D(q),
            unit_price=D(p),
            discount_pct=D(d),
            net_amount=net,
        )
    facts.write_facts([inv.pk])  # as the issuing service does
    return inv


def order(
    client: Company, day: dt.date, lines: list[tuple[Product, str, str, str]], **fields: Any
) -> Order:
    o = Order.objects.create(
        number=f"CO-T{next(_numbers):05d}",
        client=client,
        client_reference="PO",
        order_date=day,
        currency=client.currency,
        incoterm="FCA",
        incoterm_place="Thiers",
        status=fields.pop("status", Order.Status.CONFIRMED),
        **fields,
    )
    for prod, q, p, d in lines:
        OrderLine.objects.create(
            order=o, product=prod, quantity=D(q), unit_price=D(p), discount_pct=D(d)
        )
    return o


def offer(client: Company, day: dt.date, status: str, lines: list[tuple[Product, str]]) -> Offer:
    o = Offer.objects.create(
        number=f"OF-T{next(_numbers):05d}",
        client=client,
        offer_date=day,
        valid_until=day + dt.timedelta(days=30),
        lead_time="4 weeks",
        incoterm="FCA",
        incoterm_place="Thiers",
        currency=client.currency,
        status=status,
    )
    for prod, cost in lines:
        OfferLine.objects.create(
            offer=o,
            product=prod,
            quantity=D("10"),
            unit_price=D("100"),
            unit_cost_eur=D(cost) if cost else None,
        )
    return o


def pay(inv: Invoice, day: dt.date, amount: str) -> None:
    payment = Payment.objects.create(
        client=inv.client, received_on=day, amount=D(amount), currency=inv.currency
    )
    PaymentAllocation.objects.create(payment=payment, invoice=inv, amount=D(amount))


@pytest.fixture
def sales_world(db, django_user_model):  # type: ignore[no-untyped-def]
    """2025 (and a little of 2024), computed by hand in test_sales_dashboard.py."""
    alice = make_user(django_user_model, "alice", "assistant")
    europe = Zone.objects.create(name="Europe")
    de = company("Küchenhaus", "DE", "EUR", ["client"], zone=europe, portfolio_owner=alice)
    us = company("Chef's Table", "US", "USD", ["client"])
    agent = company("Agence US", "US", "USD", ["agent"])
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D("0.90")
    )
    p1 = product("P1", "40")
    p2 = product("P2", "0")  # no known cost
    o1 = offer(de, dt.date(2025, 2, 1), Offer.Status.ACCEPTED, [(p1, "30")])
    offer(us, dt.date(2025, 2, 2), Offer.Status.DECLINED, [(p1, "")])
    offer(us, dt.date(2025, 3, 2), Offer.Status.EXPIRED, [(p1, "")])
    offer(de, dt.date(2025, 6, 2), Offer.Status.SENT, [(p1, "")])
    offer(de, dt.date(2025, 6, 3), Offer.Status.DRAFT, [(p1, "")])
    or1 = order(de, dt.date(2025, 2, 5), [(p1, "10", "100", "10")], offer=o1)
    order(us, dt.date(2025, 6, 1), [(p1, "3", "100", "0")])
    order(us, dt.date(2025, 6, 2), [(p1, "99", "100", "0")], status=Order.Status.CANCELLED)
    i1 = invoice(de, dt.date(2025, 3, 10), [(p1, "10", "100", "10", or1.lines.get())])
    i2 = invoice(
        us,
        dt.date(2025, 4, 15),
        [(p1, "5", "200", "0", None), (p2, "2", "50", "0", None)],
        rate="0.9",
    )
    invoice(
        us,
        dt.date(2025, 5, 20),
        [(p1, "1", "200", "0", None)],
        rate="0.8",
        kind=Invoice.Kind.CREDIT_NOTE,
        credited=i2,
    )
    invoice(de, dt.date(2024, 3, 1), [(p2, "5", "100", "0", None)])
    # a draft never counts
    Invoice.objects.create(client=de, currency="EUR", net_total=D("9999"), gross_total=D("9999"))
    AgentContract.objects.create(
        agent=agent, countries="US", rate_pct=D("5"), valid_from=dt.date(2025, 4, 20)
    )
    return SimpleNamespace(
        alice=alice, europe=europe, de=de, us=us, agent=agent, p1=p1, p2=p2, i1=i1, i2=i2
    )


@pytest.fixture
def receivables_world(db):  # type: ignore[no-untyped-def]
    """Open invoices at the end of 2025, computed by hand in test_receivables_dashboard.py."""
    de = company("Küchenhaus", "DE", "EUR", ["client"])
    us = company("Chef's Table", "US", "USD", ["client"])
    i1 = invoice(de, dt.date(2025, 3, 10), [(None, "1", "900", "0", None)], due=dt.date(2025, 4, 9))
    Invoice.objects.filter(pk=i1.pk).update(paid_total=D("500"), balance_due=D("400"))
    pay(i1, dt.date(2025, 4, 30), "400")
    i2 = invoice(
        us,
        dt.date(2025, 4, 15),
        [(None, "1", "1100", "0", None)],
        rate="0.9",
        due=dt.date(2025, 5, 15),
    )
    Invoice.objects.filter(pk=i2.pk).update(balance_due=D("900"))
    invoice(
        us,
        dt.date(2025, 5, 20),
        [(None, "1", "200", "0", None)],
        rate="0.8",
        kind=Invoice.Kind.CREDIT_NOTE,
        credited=i2,
    )
    invoice(de, dt.date(2025, 12, 15), [(None, "1", "300", "0", None)], due=dt.date(2026, 1, 14))
    invoice(de, dt.date(2025, 11, 10), [(None, "1", "100", "0", None)], due=dt.date(2025, 12, 10))
    level, _made = DunningLevel.objects.get_or_create(
        level=1,
        defaults={
            "name_fr": "Relance",
            "name_en": "Reminder",
            "days_after_due": 10,
            "text_fr": "x",
            "text_en": "x",
        },
    )
    letter = DunningLetter.objects.create(
        client=de,
        level=level,
        sent_on=dt.date(2025, 6, 1),
        language="en",
        total_due=D("500"),
        currency="EUR",
    )
    letter.invoices.set([i1])
    pay(i1, dt.date(2025, 6, 20), "100")
    return SimpleNamespace(de=de, us=us, i1=i1, i2=i2)
