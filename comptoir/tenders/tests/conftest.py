"""Shared data of the tender tests: our company, three suppliers (China and India in USD,
Portugal in EUR writing French), an enamelled lid with its CN code, the tariff's 3.2 % for
heading 7323, the bank's USD rate, and a tender sent to the three."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.customs.models import TariffRate
from comptoir.parties.models import Address, Company
from comptoir.sales.tests.conftest import seller  # noqa: F401
from comptoir.tenders import services
from comptoir.tenders.inputs import AnswerValues, CostValues, LineValues, PriceValues, TenderValues
from comptoir.tenders.models import Invitation, Tender

TODAY = timezone.localdate()
D = Decimal


def make_supplier(name: str, country: str, language: str, email: str = "") -> Company:
    company = Company(name=name, country=country, city="City", language=language, email=email)
    company.role_list = ["supplier"]
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="1 Road",
        postcode="1000",
        city="City",
        country=country,
    )
    return company


@pytest.fixture
def suppliers(db: Any) -> dict[str, Company]:
    return {
        "cn": make_supplier("Ningbo Enamel", "CN", "en", "sales@ningbo.example"),
        "in": make_supplier("Mumbai Enamel", "IN", "en"),
        "pt": make_supplier("Esmaltados Porto", "PT", "fr", "vendas@porto.example"),
    }


@pytest.fixture
def lid(db: Any) -> Product:
    return Product.objects.create(
        reference="CV-24",
        name_fr="Couvercle émaillé 24 cm",
        name_en="Enamelled lid 24 cm",
        hs_code="732394",
        cn_code="73239400",
        origin_country="CN",
        net_weight_kg=D("0.6"),
        gross_weight_kg=D("0.7"),
        cost_price=D("4"),
    )


@pytest.fixture
def tariff(db: Any) -> TariffRate:
    return TariffRate.objects.create(code="7323", kind="third_country", ad_valorem_pct=D("3.2"))


@pytest.fixture
def usd(db: Any) -> ExchangeRate:
    return ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D("0.90")
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def new_tender(suppliers: dict[str, Company], lid: Product, user: Any = None) -> Tender:
    return services.create_tender(
        values=TenderValues(
            title="Enamelled lids",
            reply_by=TODAY + dt.timedelta(days=7),
            delivery_date=TODAY + dt.timedelta(days=90),
            delivery_place="Thiers warehouse",
            lines=(LineValues(product=lid, quantity=D(2000), specifications="black"),),
            suppliers=tuple(suppliers.values()),
        ),
        user=user,
    )


def answer(
    invitation: Invitation,
    *,
    incoterm: str,
    currency: str,
    price: str,
    lead: int = 30,
    days: int = 0,
    user: Any = None,
    **extra: Any,
) -> Any:
    return services.save_answer(
        invitation=invitation,
        values=AnswerValues(
            received_on=TODAY,
            currency=currency,
            incoterm=incoterm,
            incoterm_place="Port",
            lead_time_days=lead,
            payment_days=days,
            valid_until=TODAY + dt.timedelta(days=30),
            prices=(PriceValues(line=1, unit_price=D(price)),),
            **extra,
        ),
        user=user,
    )


@pytest.fixture
def answered(suppliers: dict[str, Company], lid: Product, tariff: Any, usd: Any) -> Tender:
    """The tender sent, the route costs entered and the three answers in."""
    tender = new_tender(suppliers, lid)
    services.send_tender(tender=tender, user=None, email=False)
    inv = {i.supplier_id: i for i in tender.invitations.all()}
    sea = (
        CostValues(kind="pre_carriage", basis="shipment", amount=D(180)),
        CostValues(kind="main_freight", basis="shipment", amount=D(1450)),
        CostValues(kind="insurance", basis="percent", amount=D("0.3")),
        CostValues(kind="destination_charges", basis="shipment", amount=D(380)),
        CostValues(kind="on_carriage", basis="shipment", amount=D(520)),
    )
    services.set_route_costs(invitation=inv[suppliers["cn"].pk], costs=sea, user=None)
    services.set_route_costs(invitation=inv[suppliers["in"].pk], costs=sea, user=None)
    services.set_route_costs(
        invitation=inv[suppliers["pt"].pk],
        costs=(CostValues(kind="main_freight", basis="kg", amount=D("0.28")),),
        user=None,
    )
    answer(inv[suppliers["cn"].pk], incoterm="EXW", currency="USD", price="2.05", lead=60)
    answer(inv[suppliers["in"].pk], incoterm="FOB", currency="USD", price="2.60", lead=45)
    answer(inv[suppliers["pt"].pk], incoterm="FCA", currency="EUR", price="4.15", lead=21, days=60)
    return Tender.objects.get(pk=tender.pk)
