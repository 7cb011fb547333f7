"""Shared data of the freight tests: our company, a client, three transport providers (one
writing French), a sea shipment Le Havre -> Casablanca, the bank's USD rate."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from comptoir.calculators.models import ExchangeRate
from comptoir.freight import services as freight
from comptoir.freight.inputs import ChargeValues, QuoteValues, RequestValues
from comptoir.freight.models import FreightRequest, Quote
from comptoir.parties.models import Address, Company, Contact
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues, MilestonePlan, ShipmentDetails, ShipmentLineValues
from comptoir.shipping.models import Shipment

TODAY = timezone.localdate()


def make_provider(name: str, roles: list[str], language: str, email: str = "") -> Company:
    company = Company(name=name, country="FR", city="Le Havre", language=language, email=email)
    company.role_list = roles
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="1 quai de Southampton",
        postcode="76600",
        city="Le Havre",
        country="FR",
    )
    return company


@pytest.fixture
def providers(db: Any) -> dict[str, Company]:
    alpha = make_provider("Alpha Transit", ["forwarder"], "fr", "cotations@alpha.example")
    bravo = make_provider("Bravo Global Forwarding", ["forwarder"], "en")
    Contact.objects.create(company=bravo, last_name="Smith", email="quotes@bravo.example")
    charlie = make_provider("Charlie Lines", ["carrier"], "en", "booking@charlie.example")
    return {"alpha": alpha, "bravo": bravo, "charlie": charlie}


@pytest.fixture
def usd(db: Any) -> ExchangeRate:
    return ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=Decimal("0.90")
    )


def make_shipment(client: Company, reference: str = "CASA-1", **extra: Any) -> Shipment:
    details = ShipmentDetails(
        mode="sea_fcl",
        partner=client,
        consignee=client,
        incoterm="CFR",
        incoterm_place="Casablanca",
        origin_country="FR",
        destination_country="MA",
        value=Decimal("18500.00"),
        reference=reference,
        place_of_loading="Le Havre",
        loading_locode="FRLEH",
        place_of_discharge="Casablanca",
        discharge_locode="MACAS",
        packages=120,
        package_kind="cartons",
        gross_weight_kg=Decimal("2480"),
        net_weight_kg=Decimal("2100"),
        volume_m3=Decimal("21.4"),
        handling_instructions="Keep dry",
        **extra,
    )
    lines = [
        ShipmentLineValues(
            description="Cast-iron casseroles",
            quantity=Decimal("240"),
            net_weight_kg=Decimal("2100"),
            gross_weight_kg=Decimal("2480"),
            value=Decimal("18500.00"),
            hs_code="73239200",
            origin_country="FR",
            packages=120,
            package_kind="cartons",
            un_number="1263",
            dangerous_class="3",
            packing_group="II",
        )
    ]
    return shipping.create_shipment(
        details=details, lines=lines, user=None, ready_on=TODAY + dt.timedelta(days=10)
    )


@pytest.fixture
def shipment(clients: dict[str, Company]) -> Shipment:  # noqa: F811
    return make_shipment(clients["fr"])


def past_shipment(client: Company, provider: Company, *, late_delivery: bool) -> Shipment:
    """A shipment carried by ``provider`` some weeks ago: picked up on the planned day,
    delivered a day early or two days late; freight 1000 EUR."""
    done = make_shipment(client, reference="PAST")
    start = TODAY - dt.timedelta(days=40)
    forwarder = ",forwarder," in provider.roles
    shipping.set_providers(
        shipment=done,
        carrier=None if forwarder else provider,
        forwarder=provider if forwarder else None,
        freight_cost=Decimal("1000.00"),
        freight_currency="EUR",
        user=None,
    )
    shipping.plan_milestones(
        shipment=done,
        plans=[
            MilestonePlan(step="pickup", planned_on=start),
            MilestonePlan(step="delivery", planned_on=start + dt.timedelta(days=10)),
        ],
        user=None,
    )
    noon = dt.time(12, 0)
    picked = timezone.make_aware(dt.datetime.combine(start, noon))
    delivered_day = start + dt.timedelta(days=12 if late_delivery else 9)
    delivered = timezone.make_aware(dt.datetime.combine(delivered_day, noon))
    shipping.record_event(
        shipment=done,
        event=EventValues(occurred_at=picked, description="Picked up", step="pickup"),
        user=None,
    )
    shipping.record_event(
        shipment=done,
        event=EventValues(occurred_at=delivered, description="Delivered", step="delivery"),
        user=None,
    )
    return done


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def new_request(shipment: Shipment, providers: dict[str, Any], user: Any = None) -> FreightRequest:
    return freight.create_request(
        shipment=shipment,
        values=RequestValues(
            providers=(providers["alpha"], providers["bravo"], providers["charlie"]),
            reply_by=TODAY + dt.timedelta(days=3),
            services_asked="Pick-up Thiers, export clearance, sea freight to Casablanca port",
        ),
        user=user,
    )


def quote(
    request: FreightRequest,
    provider: Any,
    lines: list[tuple[str, str, str]],
    *,
    days: int,
    grade: int,
    valid: int = 20,
    currency: str = "EUR",
    user: Any = None,
) -> Quote:
    return freight.save_quote(
        request=request,
        values=QuoteValues(
            provider=provider,
            received_on=TODAY,
            currency=currency,
            transit_days=days,
            valid_until=TODAY + dt.timedelta(days=valid),
            service_grade=grade,
            reference=f"Q-{provider.pk}",
            lines=tuple(ChargeValues(kind=k, amount=Decimal(a), currency=c) for k, a, c in lines),
        ),
        user=user,
    )


@pytest.fixture
def three_quotes(shipment: Shipment, providers: dict[str, Any], clients: Any, usd: Any) -> Any:  # noqa: F811
    """A: 2000 EUR, 30 days, grade 6, two past shipments on time; B: 2000 USD (1800 EUR at
    0.90), 35 days, grade 8, no history; C: 2500 EUR, 25 days, grade 5, one late shipment."""
    past_shipment(clients["de"], providers["alpha"], late_delivery=False)
    past_shipment(clients["de"], providers["alpha"], late_delivery=False)
    past_shipment(clients["de"], providers["charlie"], late_delivery=True)
    request = new_request(shipment, providers)
    a = quote(
        request,
        providers["alpha"],
        [
            ("main_carriage", "1500", "EUR"),
            ("origin_charges", "300", "EUR"),
            ("documentation", "200", "EUR"),
        ],
        days=30,
        grade=6,
    )
    b = quote(
        request,
        providers["bravo"],
        [("main_carriage", "1700", "USD"), ("baf", "300", "USD")],
        days=35,
        grade=8,
        currency="USD",
    )
    c = quote(request, providers["charlie"], [("main_carriage", "2500", "EUR")], days=25, grade=5)
    return request, a, b, c
