"""Customs part of the demo, through ``comptoir.customs.services``:

- a tariff excerpt for the goods the demo imports and exports (third-country rates from
  TARIC, the EU-Japan preference, an anti-dumping measure on steel fasteners from China);
- the import from Ningbo (shipment "NGB") computed line by line, with the broker's figures
  entered: one difference to explain (the broker applied 3.7 % to the stockpots);
- export declarations: the air shipment to Tokyo ("TYO") with its exit notice, the sea
  shipment to Casablanca ("CASA") without proof of exit more than 30 days after the
  declaration (the daily job opens a task for it);
- an ATA carnet for FOODEX Japan in Tokyo, back in France with two casseroles missing;
- a mould sent to China for repair and pans returned by the Moroccan client.

Needs: the demo users (``claire``) and the shipping demo's shipments (references with NGB,
TYO, CASA); without a shipment its part is skipped. The office numbers are examples.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Q

from comptoir.common.dates import today
from comptoir.customs import services
from comptoir.customs.inputs import (
    BrokerLineValues,
    BrokerValues,
    CarnetItemValues,
    CarnetValues,
    EntryValues,
    ExitValues,
    ExportValues,
    ProcedureValues,
    TariffValues,
    VisitValues,
)
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment, Step
from comptoir.trade.mrn import check_character

D = Decimal
TARIC = "TARIC consultation 2026"

TARIFF = [
    TariffValues(code="7323", kind="third_country", ad_valorem_pct=D("3.2"), source=TARIC),
    TariffValues(code="73239200", kind="third_country", ad_valorem_pct=D("3.2"), source=TARIC),
    TariffValues(code="73239300", kind="third_country", ad_valorem_pct=D("3.2"), source=TARIC),
    TariffValues(code="73239400", kind="third_country", ad_valorem_pct=D("3.2"), source=TARIC),
    TariffValues(
        code="7323",
        kind="preferential",
        agreement="EU-JP",
        ad_valorem_pct=D("0"),
        source="EU-Japan EPA, Annex 2-A",
    ),
    TariffValues(
        code="7323",
        kind="preferential",
        agreement="EU-UK",
        ad_valorem_pct=D("0"),
        source="EU-UK TCA, Annex ORIG",
    ),
    TariffValues(code="39269097", kind="third_country", ad_valorem_pct=D("6.5"), source=TARIC),
    TariffValues(code="7318", kind="third_country", ad_valorem_pct=D("3.7"), source=TARIC),
    TariffValues(
        code="7318",
        kind="anti_dumping",
        origin="CN",
        ad_valorem_pct=D("86.5"),
        source="Regulation (EU) 2022/191, all other companies",
    ),
    TariffValues(
        code="7318",
        kind="anti_dumping",
        origin="CN",
        producer="Ningbo Jinding Fastener Co., Ltd.",
        ad_valorem_pct=D("22.1"),
        source="Regulation (EU) 2022/191",
    ),
    TariffValues(
        code="0406",
        kind="third_country",
        specific_amount=D("221.20"),
        specific_unit="100kg",
        source="TARIC (example of a specific duty)",
    ),
]


def _mrn(year: int, country: str, serial: str, procedure: str) -> str:
    body = f"{year % 100:02d}{country}{serial:0>12}{procedure}"
    return body + check_character(body)


def _shipment(code: str) -> Shipment | None:
    return (
        Shipment.objects.filter(Q(reference__icontains=code) | Q(number__icontains=code))
        .order_by("pk")
        .first()
    )


def _departure(shipment: Shipment) -> dt.date | None:
    for milestone in shipping_selectors.milestones_in_order(shipment):
        if milestone.step == Step.DEPARTURE:
            if milestone.actual_at is not None:
                return milestone.actual_at.date()
            return milestone.planned_on
    return None


def _import(user: User, day: dt.date) -> int:
    shipment = _shipment("NGB")
    if shipment is None:
        return 0
    declared = day  # cleared at Le Havre today
    entry = services.entry_from_shipment(
        shipment=shipment,
        values=EntryValues(
            declared_on=declared,
            currency="USD",
            exchange_rate=D("1.0523"),
            rate_date=declared.replace(day=1),
            freight_to_border=D("1180.00"),
            insurance_to_border=D("26.00"),
            transport_to_destination=D("640.00"),
            broker_fees=D("145.00"),
            invoice_reference="PO-2026-031 / NB-8841",
        ),
        user=user,
    )
    lines = list(entry.lines.order_by("position"))
    stockpots = lines[0]
    # the broker's DAU: the stockpots declared under 7323 99 (3.7 %) instead of 7323 94
    # (3.2 %): half a point more duty on the first item
    extra = (stockpots.customs_value * D("0.005")).quantize(D("0.01"))
    broker_duty = stockpots.duty + extra
    services.record_broker(
        entry=entry,
        values=BrokerValues(
            mrn=_mrn(declared.year, "FR", "0023I0004417", "H"),
            declared_on=declared,
            customs_value=entry.customs_value,
            duty=entry.duty + extra,
            vat=(entry.vat + (extra * D("0.20")).quantize(D("0.01"))),
            lines=(BrokerLineValues(position=1, duty=broker_duty),),
        ),
        user=user,
    )
    return 1


def _exports(user: User, day: dt.date) -> int:
    made = 0
    tokyo = _shipment("TYO")
    if tokyo is not None:
        left = min(_departure(tokyo) or day - dt.timedelta(days=15), day)
        declaration = services.create_export(
            shipment=tokyo,
            values=ExportValues(
                mrn=_mrn(left.year, "FR", "000690E04711", "A"),
                office_of_export="FR000690",
                office_of_exit="FR000690",
                declared_on=left - dt.timedelta(days=1),
                invoice_reference=tokyo.reference.split()[0],
            ),
            user=user,
        )
        services.record_exit(
            declaration=declaration,
            values=ExitValues(exit_confirmed_on=left, exit_evidence="exit_notice"),
            user=user,
        )
        made += 1
    casablanca = _shipment("CASA")
    if casablanca is not None:
        declared = min(
            (_departure(casablanca) or day) - dt.timedelta(days=1), day - dt.timedelta(days=38)
        )
        services.create_export(
            shipment=casablanca,
            values=ExportValues(
                mrn=_mrn(declared.year, "FR", "007600E00318", "B"),
                office_of_export="FR000760",
                office_of_exit="FR000760",
                declared_on=declared,
                invoice_reference=casablanca.reference.split()[0],
                notes="Exit notice not yet forwarded by Rhône Logistique.",
            ),
            user=user,
        )
        made += 1
    return made


def _carnet(user: User, day: dt.date) -> int:
    issued = day - dt.timedelta(days=40)
    carnet = services.create_carnet(
        values=CarnetValues(
            number=f"FR/{issued.year}/PA/01842",
            issuing_chamber="CCI Paris Île-de-France",
            holder="Maison Ferrand SAS",
            representative="Claire Martin",
            purpose="exhibition",
            event="FOODEX Japan, Tokyo Big Sight",
            issued_on=issued,
            vouchers_bought=2,
            handled_by=user,
            items=(
                CarnetItemValues(
                    "Cocotte ronde fonte émaillée 24 cm rouge / Round enamelled casserole 24 cm",
                    D("6"),
                    D("231.00"),
                    "FR",
                    marks="CF-24-RG, cartons 1-3",
                    weight_kg=D("29.4"),
                ),
                CarnetItemValues(
                    "Cocotte ovale fonte émaillée 28 cm / Oval enamelled casserole 28 cm",
                    D("4"),
                    D("188.00"),
                    "FR",
                    marks="CF-28-OV, cartons 4-5",
                    weight_kg=D("25.2"),
                ),
                CarnetItemValues(
                    "Stand display, oak, dismantled",
                    D("1"),
                    D("1850.00"),
                    "FR",
                    marks="Crate MF-01",
                    weight_kg=D("96"),
                ),
            ),
        ),
        user=user,
    )
    services.record_visit(
        carnet=carnet,
        values=VisitValues(
            country="JP",
            entered_on=issued + dt.timedelta(days=12),
            left_on=issued + dt.timedelta(days=19),
            vouchers_used=2,
            office="Tokyo Customs, Haneda",
        ),
        user=user,
    )
    services.record_return(
        carnet=carnet,
        returned={1: D("4"), 2: D("4"), 3: D("1")},
        on=issued + dt.timedelta(days=21),
        user=user,
    )
    return 1


def _procedures(user: User, day: dt.date) -> int:
    services.create_procedure(
        values=ProcedureValues(
            kind="repair",
            description="Casting mould for 24 cm casseroles",
            quantity=D("1"),
            value=D("12500.00"),
            country="CN",
            exported_on=day - dt.timedelta(days=50),
            expected_return_on=day + dt.timedelta(days=40),
            handled_by=user,
            notes="Outward processing: repair at the foundry in Ningbo.",
        ),
        user=user,
    )
    services.create_procedure(
        values=ProcedureValues(
            kind="returned_goods",
            description="Tri-ply frying pans 28 cm refused (wrong handle colour)",
            quantity=D("24"),
            value=D("412.80"),
            country="MA",
            exported_on=day - dt.timedelta(days=120),
            handled_by=user,
            notes="Returned goods relief: INF 3 requested from the Casablanca client.",
        ),
        user=user,
    )
    return 2


def build(users: dict[str, User]) -> dict[str, int]:
    """The customs part of the demo; the counts made."""
    claire = users["claire"]
    day = today()
    for values in TARIFF:
        services.save_rate(values=values, user=claire)
    counts = {
        "tariff_rates": len(TARIFF),
        "import_declarations": _import(claire, day),
        "export_declarations": _exports(claire, day),
        "ata_carnets": _carnet(claire, day),
        "special_procedures": _procedures(claire, day),
    }
    services.chase_customs(day)
    return counts
