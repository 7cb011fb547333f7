"""The sales services take clean values (not forms), keep their rules whoever calls them,
write other areas' records through those areas' services, and no sales page writes on GET."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.parties.models import Activity, Task
from comptoir.sales import billing, collection, services
from comptoir.sales.models import AgentContract, DunningLevel, Offer, OfferLine
from comptoir.sales.services import LineValues, OfferDetails
from comptoir.sales.terms import TRADE_TERMS, TradeTermsValues

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _terms(**overrides: object) -> TradeTermsValues:
    values: dict[str, object] = {
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": 30,
        "payment_end_of_month": False,
        "payment_instrument": "open_account",
        "transport_mode": "road",
        "language": "en",
    }
    values.update(overrides)
    return TradeTermsValues(**values)  # type: ignore[arg-type]


def _details() -> OfferDetails:
    return OfferDetails(
        offer_date=TODAY,
        valid_until=TODAY + dt.timedelta(days=30),
        lead_time="3 weeks",
        target_margin_pct=Decimal("35"),
    )


def _offer(client, product, user, lines=None):  # type: ignore[no-untyped-def]
    return services.save_offer(
        offer=None,
        client=client,
        details=_details(),
        terms=_terms(),
        lines=lines
        or [LineValues(product=product, quantity=Decimal("100"), unit_price=Decimal("79"))],
        user=user,
    )


def test_an_offer_is_saved_from_values_and_its_lines_follow_them(
    seller, clients, product, assistant
):
    offer = _offer(clients["fr"], product, assistant)
    line = offer.lines.get()
    assert offer.number and (offer.incoterm, line.quantity) == ("FCA", Decimal("100"))
    assert line.unit_cost_eur == product.cost_price  # the cost in EUR, for the margin
    history = line.history.count()
    services.save_offer(
        offer=offer,
        client=clients["fr"],
        details=_details(),
        terms=_terms(incoterm="CPT", incoterm_place="Lyon"),
        lines=[
            LineValues(
                pk=line.pk, product=product, quantity=line.quantity, unit_price=line.unit_price
            ),
            LineValues(product=product, quantity=Decimal("5"), unit_price=Decimal("80")),
        ],
        user=assistant,
    )
    offer.refresh_from_db()
    assert (offer.incoterm, offer.incoterm_place) == ("CPT", "Lyon")
    assert [(x.quantity, x.unit_price) for x in offer.lines.all()] == [
        (Decimal("100.000"), Decimal("79.0000")),
        (Decimal("5.000"), Decimal("80.0000")),
    ]
    assert line.history.count() == history  # an unchanged line is not saved again
    services.save_offer(
        offer=offer,
        client=clients["fr"],
        details=_details(),
        terms=_terms(),
        lines=[LineValues(product=product, quantity=Decimal("7"), unit_price=Decimal("81"))],
        user=assistant,
    )
    assert [x.quantity for x in offer.lines.all()] == [Decimal("7.000")]  # the others went


def test_a_line_of_another_document_is_refused(seller, clients, product, assistant):
    first = _offer(clients["fr"], product, assistant)
    other = _offer(clients["de"], product, assistant)
    stranger = other.lines.get()
    with pytest.raises(ValidationError):
        services.save_offer(
            offer=first,
            client=clients["fr"],
            details=_details(),
            terms=_terms(),
            lines=[
                LineValues(
                    pk=stranger.pk, product=product, quantity=Decimal("1"), unit_price=Decimal("1")
                )
            ],
            user=assistant,
        )
    assert OfferLine.objects.get(pk=stranger.pk).offer_id == other.pk


def test_the_terms_are_one_list_read_and_applied_whole(seller, clients, product, assistant):
    offer = _offer(clients["fr"], product, assistant)
    terms = TradeTermsValues.from_instance(offer)
    assert {f: getattr(terms, f) for f in TRADE_TERMS} == {
        f: getattr(offer, f) for f in TRADE_TERMS
    }
    blank = Offer()
    terms.apply_to(blank)
    assert all(getattr(blank, f) == getattr(offer, f) for f in TRADE_TERMS)
    assert billing.TERMS == tuple(f for f in TRADE_TERMS if f in billing.TERMS)


def test_sending_an_offer_opens_the_task_and_logs_through_the_parties_services(
    seller, clients, product, assistant
):
    offer = _offer(clients["fr"], product, assistant)
    services.send_offer(offer=offer, user=assistant)
    task = Task.objects.get(company=clients["fr"])
    assert task.assigned_to == assistant and offer.reference in task.title
    # Written by parties.services: the history names the author (a direct create did not).
    assert task.history.get().history_user == assistant
    activity = Activity.objects.get(company=clients["fr"])
    assert activity.history.get().history_user == assistant


def test_the_dunning_delays_must_increase_whoever_calls(manager):
    levels = list(DunningLevel.objects.order_by("level"))
    values = [
        collection.DunningLevelValues(
            pk=lv.pk,
            level=lv.level,
            name_fr=lv.name_fr,
            name_en=lv.name_en,
            days_after_due=lv.days_after_due,
            text_fr=lv.text_fr,
            text_en=lv.text_en,
            hand_over=lv.hand_over,
        )
        for lv in levels
    ]
    too_late = collection.DunningLevelValues(**{**vars(values[0]), "days_after_due": 30})
    with pytest.raises(ValidationError, match="strictly later"):
        collection.save_dunning_levels(levels=[too_late], user=manager)
    assert DunningLevel.objects.get(level=1).days_after_due == 7
    sooner = collection.DunningLevelValues(**{**vars(values[0]), "days_after_due": 10})
    collection.save_dunning_levels(levels=[sooner], user=manager)
    assert DunningLevel.objects.get(level=1).days_after_due == 10


def test_an_agent_contract_ending_before_it_starts_is_refused(clients, manager):
    values = collection.AgentContractValues(
        agent=clients["de"],
        countries="DE, AT",
        rate_pct=Decimal("5"),
        valid_from=TODAY,
        valid_until=TODAY - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        collection.save_agent_contract(values=values, user=manager)
    assert not AgentContract.objects.exists()


def _writes(queries: CaptureQueriesContext) -> list[str]:
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(verbs)
    ]


def test_no_sales_page_writes_on_get(seller, clients, product, assistant, manager, client):
    """Every list and detail page of order to cash, read with GET: not one write."""
    from comptoir.sales.tests.conftest import make_order

    offer = _offer(clients["fr"], product, assistant)
    services.send_offer(offer=offer, user=assistant)
    past = {
        "offer_date": TODAY - dt.timedelta(days=10),
        "valid_until": TODAY - dt.timedelta(days=1),
    }
    Offer.objects.filter(pk=offer.pk).update(**past)
    order = services.confirm_order(
        order=make_order(clients["fr"], product, "10", "79"), user=assistant
    )
    line = order.lines.get()
    delivery = services.create_delivery(
        order=order, user=assistant, planned_date=TODAY, quantities={line.pk: line.quantity}
    )
    invoice = billing.draft_from_delivery(delivery=delivery, user=assistant)
    pages = [
        reverse("sales:offer_list"),
        reverse("sales:offer_detail", args=[offer.pk]),
        reverse("sales:offer_buildup", args=[offer.pk]),
        reverse("sales:order_list"),
        reverse("sales:order_detail", args=[order.pk]),
        reverse("sales:delivery_detail", args=[delivery.pk]),
        reverse("sales:invoice_list"),
        reverse("sales:invoice_detail", args=[invoice.pk]),
        reverse("sales:payment_create", args=[clients["fr"].pk]),
        reverse("sales:aged_receivables"),
        reverse("sales:dunning_run"),
        reverse("sales:dunning_levels"),
        reverse("sales:commissions"),
        reverse("sales:seller"),
        clients["fr"].get_absolute_url(),  # the client's sales panel
        "/",  # the home page's sales panel
    ]
    client.force_login(manager)
    client.get("/")  # the session and the login's own writes happen here, not below
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert _writes(queries) == [], url
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.SENT  # expiry is the job's


def test_an_offer_expired_by_the_daily_job_says_so_in_its_history(
    seller, clients, product, assistant
):
    offer = _offer(clients["fr"], product, assistant)
    services.send_offer(offer=offer, user=assistant)
    past = {
        "offer_date": TODAY - dt.timedelta(days=10),
        "valid_until": TODAY - dt.timedelta(days=1),
    }
    Offer.objects.filter(pk=offer.pk).update(**past)
    assert services.expire_offers(TODAY) == 1
    latest = Offer.objects.get(pk=offer.pk).history.first()
    assert (latest.status, latest.history_change_reason) == (Offer.Status.EXPIRED, "expired")


def test_an_order_from_an_offer_keeps_where_the_goods_go(seller, clients, product, assistant):
    """The dispatch terms decide the VAT case: the order (and so its invoice) must keep the
    offer's delivery address, departure country and special case, not fall back to the
    client's default address."""
    from comptoir.parties.models import Address, AddressKind

    client = clients["de"]
    lyon = Address.objects.create(
        company=client,
        kind=AddressKind.DELIVERY,
        line1="3 quai Perrache",
        postcode="69002",
        city="Lyon",
        country="FR",
    )
    offer = services.save_offer(
        offer=None,
        client=client,
        details=_details(),
        terms=_terms(delivery_address=lyon, ship_from_country="FR"),
        lines=[LineValues(product=product, quantity=Decimal("10"), unit_price=Decimal("79"))],
        user=assistant,
    )
    offer = services.send_offer(offer=offer, user=assistant)
    order = services.order_from_offer(offer=offer, user=assistant, client_reference="PO-9")
    assert order.delivery_address == lyon and order.ship_from_country == "FR"
    assert TradeTermsValues.from_instance(order) == TradeTermsValues.from_instance(offer)
