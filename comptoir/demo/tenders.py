"""The demo's call for tender: 2,000 enamelled steel lids 24 cm asked from three suppliers,
answered EXW Ningbo in USD, FOB Mumbai in USD and FCA Porto in EUR, brought to one cost per
unit delivered at our Thiers warehouse, scored and decided.

Needs: the users (``claire``), the supplier companies of the demo (a Chinese, an Indian and
a Portuguese one; the Chinese one in Ningbo is created when missing), the tariff table (the
customs demo's 7323 rates; none: duty 0 with a note) and a USD rate (the company's or the
ECB's; a bank rate is recorded when none is found). Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from comptoir.calculators import services as rates
from comptoir.catalog import services as catalog
from comptoir.catalog.models import Product
from comptoir.catalog.values import ProductValues
from comptoir.common.dates import today
from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.parties.values import AddressValues, CompanyValues, ContactValues
from comptoir.sales import selectors as sales_selectors
from comptoir.tenders import services
from comptoir.tenders.inputs import (
    AnswerValues,
    CostValues,
    DecisionValues,
    LineValues,
    PriceValues,
    TenderValues,
)
from comptoir.tenders.models import Tender

D = Decimal
LID = "CV-24-EM"


def _product(user: User) -> Product:
    # the supplier panel's demo adds the same lid as CMP-COUV-24: use it when present
    found = Product.objects.filter(reference__in=["CMP-COUV-24", LID]).order_by("reference").first()
    if found is not None:
        return found
    return catalog.save_product(
        product=None,
        values=ProductValues(
            reference=LID,
            name_fr="Couvercle acier émaillé 24 cm, bouton bakélite",
            name_en="Enamelled steel lid 24 cm, bakelite knob",
            hs_code="732394",
            cn_code="73239400",
            origin_country="CN",
            net_weight_kg=D("0.620"),
            gross_weight_kg=D("0.700"),
            length_cm=D("25"),
            width_cm=D("25"),
            height_cm=D("4"),
            cost_price=D("4.10"),
        ),
        user=user,
        reason="demo data",
    )


def _supplier(country: str, user: User, city: str = "") -> Company:
    suppliers = Company.objects.filter(roles__contains=",supplier,", country=country)
    found = (suppliers.filter(city=city) if city else suppliers).order_by("pk").first()
    if found is not None:
        return found
    names = {
        "CN": (
            "Ningbo Yongxin Enamelware Co., Ltd.",
            "Ningbo",
            "USD",
            "sales@yongxin-enamel.cn",
            "Asia/Shanghai",
        ),
        "IN": (
            "Mumbai Enamel Industries Pvt Ltd",
            "Mumbai",
            "USD",
            "export@mumbaienamel.in",
            "Asia/Kolkata",
        ),
        "PT": (
            "Esmaltados do Porto Lda",
            "Porto",
            "EUR",
            "comercial@esmaltadosporto.pt",
            "Europe/Lisbon",
        ),
    }
    name, town, currency, email, zone = names[country]
    company = parties.save_company(
        company=None,
        values=CompanyValues(
            name=name,
            roles=("supplier",),
            country=country,
            city=town,
            language="en",
            currency=currency,
            time_zone=zone,
            email=email,
        ),
        user=user,
        reason="demo data",
    )
    parties.save_address(
        company=company,
        address=None,
        values=AddressValues(kind="billing", line1="1 Industrial Road", city=town, country=country),
        user=user,
    )
    parties.save_contact(
        contact=None,
        values=ContactValues(company=company, last_name="Sales", email=email, language="en"),
        user=user,
    )
    return company


def _usd(user: User, day: dt.date) -> None:
    try:
        sales_selectors.eur_rate("USD", day)
    except ValidationError:
        rates.save_exchange_rate(
            values=rates.ExchangeRateValues(
                from_currency="USD",
                to_currency="EUR",
                valid_from=day - dt.timedelta(days=30),
                rate=D("0.92"),
                note="bank rate for the demo tender",
            ),
            user=user,
        )


def build(users: dict[str, User]) -> dict[str, int]:
    """The lids tender from request to decision; the counts made."""
    claire = users["claire"]
    day = today()
    _usd(users.get("admin", claire), day - dt.timedelta(days=6))
    lid = _product(claire)
    ningbo = _supplier("CN", claire, "Ningbo")
    mumbai = _supplier("IN", claire)
    porto = _supplier("PT", claire)
    tender = services.create_tender(
        values=TenderValues(
            title="Enamelled steel lids 24 cm — 2027 range",
            reply_by=day,
            delivery_date=day + dt.timedelta(days=90),
            delivery_place="Entrepôt Comptoir, ZI du Breuil, 63300 Thiers",
            incoterm="FCA",
            incoterm_place="supplier's works",
            payment_terms="30 % at order, 70 % 60 days after B/L",
            instructions="Food-contact enamel (EC 1935/2004), declaration of compliance needed.",
            lines=(
                LineValues(
                    product=lid,
                    quantity=D(2000),
                    specifications="Steel 0.5 mm, black enamel, bakelite knob, 10 per carton",
                ),
            ),
            suppliers=(ningbo, mumbai, porto),
        ),
        user=claire,
    )
    services.send_tender(tender=tender, user=claire, email=False)
    invitations = {i.supplier_id: i for i in tender.invitations.all()}
    # the forwarder's figures from each origin to Thiers (EUR)
    sea = (
        CostValues(kind="main_freight", basis="shipment", amount=D("1450")),
        CostValues(kind="insurance", basis="percent", amount=D("0.3")),
        CostValues(kind="destination_charges", basis="shipment", amount=D("380")),
        CostValues(kind="on_carriage", basis="shipment", amount=D("520")),
    )
    services.set_route_costs(
        invitation=invitations[ningbo.pk],
        costs=(
            CostValues(kind="pre_carriage", basis="shipment", amount=D("180")),
            CostValues(kind="export_clearance", basis="shipment", amount=D("95")),
            *sea,
        ),
        user=claire,
    )
    services.set_route_costs(invitation=invitations[mumbai.pk], costs=sea, user=claire)
    services.set_route_costs(
        invitation=invitations[porto.pk],
        costs=(
            CostValues(kind="main_freight", basis="kg", amount=D("0.28")),
            CostValues(kind="insurance", basis="percent", amount=D("0.2")),
        ),
        user=claire,
    )
    received = day - dt.timedelta(days=2)
    answers = (
        (ningbo, "EXW", "Ningbo", "USD", D("2.05"), 60, "100 % T/T before shipment", 0, 7, "CN"),
        (mumbai, "FOB", "Mumbai (Nhava Sheva)", "USD", D("2.60"), 45, "L/C at sight", 0, 6, "IN"),
        (porto, "FCA", "Porto", "EUR", D("4.15"), 21, "60 days end of month", 60, 8, "PT"),
    )
    for supplier, rule, place, currency, price, lead, terms, days, grade, origin in answers:
        services.save_answer(
            invitation=invitations[supplier.pk],
            values=AnswerValues(
                received_on=received,
                currency=currency,
                incoterm=rule,
                incoterm_place=place,
                origin_country=origin,
                lead_time_days=lead,
                payment_terms=terms,
                payment_days=days,
                valid_until=day + dt.timedelta(days=30),
                samples="approved",
                quality_grade=grade,
                prices=(PriceValues(line=1, unit_price=price, moq=D(1000)),),
            ),
            user=claire,
        )
    tender = Tender.objects.get(pk=tender.pk)
    services.decide(
        tender=tender,
        values=DecisionValues(
            overall=porto,
            reason="Best score: close delivered cost, 21 days' lead time and 60 days' credit.",
        ),
        user=claire,
    )
    return {"tenders": 1, "tender_answers": len(answers)}
