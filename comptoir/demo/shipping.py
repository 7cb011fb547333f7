"""The demo's shipments: one per mode the desk handles every week, with their journey.

- a sea FCL to Casablanca (CIF, advance payment): container, seal, VGM, full tracking to the
  proof of delivery (the freight quotes and the document set of the demo use it);
- an air shipment to Tokyo that arrived three days late (the demo's delay claim);
- a road groupage to Munich delivered with damage noted on the CMR (the demo's CMR claim);
- an LCL import from Ningbo entered by hand, late at Le Havre (flagged on the home page).
The references carry CASA, TYO, MUC and NGB so the other demo parts find them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.parties.values import CompanyValues
from comptoir.sales.models import Delivery
from comptoir.shipping import services
from comptoir.shipping.inputs import (
    ContainerValues,
    EventValues,
    MilestonePlan,
    ShipmentDetails,
    ShipmentLineValues,
)
from comptoir.shipping.models import Shipment
from comptoir.trade import containers


def _at(day: dt.date, hour: int, zone: str = "Europe/Paris") -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(zone))


def _container(owner_and_serial: str) -> str:
    return owner_and_serial + str(containers.check_digit(owner_and_serial))


def _latest_delivery(client: str) -> Delivery:
    found = (
        Delivery.objects.filter(order__client__name=client, shipment_link__isnull=True)
        .select_related("order__client")
        .order_by("-planned_date", "-pk")
        .first()
    )
    if found is None:
        raise LookupError(f"the demo has no delivery for {client}")
    return found


def _track(shipment: Shipment, user: User, steps: list[tuple[str, dt.datetime, str, str]]) -> None:
    for step, when, place, text in steps:
        services.record_event(
            shipment=shipment,
            event=EventValues(occurred_at=when, step=step, location=place, description=text),
            user=user,
        )


def _plan(shipment: Shipment, user: User, plans: list[tuple[str, dt.date, str]]) -> None:
    services.plan_milestones(
        shipment=shipment,
        plans=[MilestonePlan(step=s, planned_on=d, location=p) for s, d, p in plans],
        user=user,
    )


def _details(shipment: Shipment, **changes: object) -> ShipmentDetails:
    """The shipment's details as stored, with ``changes``."""
    import dataclasses

    fields = {f.name for f in dataclasses.fields(ShipmentDetails)} - {"notify_steps"}
    values = {name: getattr(shipment, name) for name in fields}
    values.update(changes)
    return ShipmentDetails(**values, notify_steps=tuple(shipment.steps_to_notify))


def _company(name: str) -> Company | None:
    return Company.objects.filter(name=name).first()


def _casablanca(user: User) -> Shipment:
    delivery = _latest_delivery("Arts Culinaires du Maroc SARL")
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="sea_fcl", user=user)
    shipment = services.save_shipment(
        shipment=shipment,
        details=_details(
            shipment,
            reference=f"{shipment.reference} CASA",
            forwarder=_company("Rhône Logistique Internationale"),
            customs_broker=_company("Rhône Logistique Internationale"),
            place_of_loading="Le Havre",
            loading_locode="FRLEH",
            place_of_discharge="Casablanca",
            discharge_locode="MACAS",
            place_of_delivery="Casablanca",
            delivery_locode="MACAS",
            vessel="CMA CGM Lamartine",
            voyage="0MX4RS1MA",
            transport_document_number=delivery.tracking.replace("B/L ", "") or "LEH26418023",
            insured_value=(shipment.value * Decimal("1.1")).quantize(Decimal("0.01")),
            handling_instructions="Keep dry. Do not stack more than 4 cartons high.",
        ),
        user=user,
    )
    services.save_containers(
        shipment=shipment,
        containers=[
            ContainerValues(
                number=_container("CMAU315602"),
                seal_number="FR2611843",
                equipment_code="20DV",
                packages=shipment.packages,
                gross_weight_kg=shipment.gross_weight_kg,
                verified_gross_mass_kg=(shipment.gross_weight_kg or Decimal(0)) + Decimal(2230),
            )
        ],
        user=user,
    )
    start = delivery.planned_date
    day = dt.timedelta(days=1)
    _plan(
        shipment,
        user,
        [
            ("ready", start - 2 * day, "Thiers"),
            ("pickup", start - day, "Thiers"),
            ("export_clearance", start, "Le Havre"),
            ("departure", start + day, "Le Havre"),
            ("arrival", start + 6 * day, "Casablanca"),
            ("import_clearance", start + 8 * day, "Casablanca"),
            ("delivery", start + 9 * day, "Casablanca"),
            ("pod", start + 12 * day, ""),
        ],
    )
    number = shipment.containers.get().number
    _track(
        shipment,
        user,
        [
            ("ready", _at(start - 2 * day, 9), "Thiers", "Goods packed and palletised"),
            ("pickup", _at(start - day, 14), "Thiers", f"Empty {number} stuffed and sealed"),
            ("export_clearance", _at(start, 11), "Le Havre", "Export declaration released (MRN)"),
            ("departure", _at(start + day, 22), "Le Havre", "Loaded on board, vessel sailed"),
            (
                "arrival",
                _at(start + 6 * day, 7, "Africa/Casablanca"),
                "Casablanca",
                "Discharged at Casablanca terminal",
            ),
            (
                "import_clearance",
                _at(start + 8 * day, 15, "Africa/Casablanca"),
                "Casablanca",
                "Cleared by the consignee's broker",
            ),
            (
                "delivery",
                _at(start + 9 * day, 10, "Africa/Casablanca"),
                "Casablanca",
                "Delivered to the consignee's warehouse",
            ),
            ("pod", _at(start + 12 * day, 9), "", "Signed delivery receipt received"),
        ],
    )
    return shipment


def _tokyo(user: User, today: dt.date) -> Shipment:
    delivery = _latest_delivery("Kitchen Art Tokyo K.K.")
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=user)
    shipment = services.save_shipment(
        shipment=shipment,
        details=_details(
            shipment,
            reference=f"{shipment.reference} TYO",
            forwarder=_company("Rhône Logistique Internationale"),
            place_of_loading="Paris Charles de Gaulle",
            loading_locode="FRCDG",
            place_of_discharge="Tokyo Narita",
            discharge_locode="JPNRT",
            place_of_delivery="Tokyo",
            delivery_locode="JPTYO",
            flight="AF276",
            transport_document_number="057-48213375",
        ),
        user=user,
    )
    departed = min(today - dt.timedelta(days=15), delivery.planned_date + dt.timedelta(days=1))
    day = dt.timedelta(days=1)
    _plan(
        shipment,
        user,
        [
            ("ready", departed - 2 * day, "Thiers"),
            ("pickup", departed - day, "Thiers"),
            ("export_clearance", departed - day, "Roissy"),
            ("departure", departed, "CDG"),
            ("arrival", departed + day, "NRT"),
            ("import_clearance", departed + 2 * day, "Narita"),
            ("delivery", departed + 2 * day, "Tokyo"),
        ],
    )
    tokyo = "Asia/Tokyo"
    _track(
        shipment,
        user,
        [
            ("ready", _at(departed - 2 * day, 9), "Thiers", "Goods ready"),
            ("pickup", _at(departed - day, 10), "Thiers", "Collected by the forwarder"),
            ("export_clearance", _at(departed - day, 17), "Roissy", "Export declaration released"),
            ("departure", _at(departed, 13), "CDG", "Departed on AF276"),
            (
                "",
                _at(departed + day, 9, tokyo),
                "NRT",
                "Pieces missing at Narita: left behind at CDG, re-booked on the next flight",
            ),
            ("arrival", _at(departed + 4 * day, 8, tokyo), "NRT", "All pieces arrived"),
            ("import_clearance", _at(departed + 4 * day, 16, tokyo), "Narita", "Cleared"),
            ("delivery", _at(departed + 5 * day, 11, tokyo), "Tokyo", "Delivered, 3 days late"),
        ],
    )
    return shipment


def _munich(user: User, today: dt.date) -> Shipment:
    delivery = _latest_delivery("Küchenhaus Berger GmbH")
    shipment = services.create_from_deliveries(
        deliveries=[delivery], mode="road_groupage", user=user
    )
    shipment = services.save_shipment(
        shipment=shipment,
        details=_details(
            shipment,
            reference=f"{shipment.reference} MUC",
            carrier=_company("Transports Chabrier"),
            place_of_loading="Thiers",
            loading_locode="FRTHI",
            place_of_delivery="Munich",
            delivery_locode="DEMUC",
            transport_document_number=delivery.tracking.replace("CMR ", "") or "2026-00412",
        ),
        user=user,
    )
    pickup = today - dt.timedelta(days=6)
    day = dt.timedelta(days=1)
    _plan(
        shipment,
        user,
        [
            ("ready", pickup, "Thiers"),
            ("pickup", pickup, "Thiers"),
            ("departure", pickup, "Clermont-Ferrand hub"),
            ("arrival", pickup + 2 * day, "Munich hub"),
            ("delivery", pickup + 3 * day, "Munich"),
        ],
    )
    _track(
        shipment,
        user,
        [
            ("ready", _at(pickup, 8), "Thiers", "Pallets ready at the dock"),
            ("pickup", _at(pickup, 15), "Thiers", "Collected by Transports Chabrier"),
            ("departure", _at(pickup, 21), "Clermont-Ferrand hub", "Left the groupage hub"),
            ("arrival", _at(pickup + 2 * day, 6), "Munich hub", "At the Munich partner's hub"),
            (
                "delivery",
                _at(pickup + 3 * day, 10),
                "Munich",
                "Delivered with reserves on the CMR: one pallet crushed, 6 cartons damaged",
            ),
        ],
    )
    return shipment


def _ningbo_supplier(user: User) -> Company:
    existing = _company("Ningbo Jinhai Kitchenware Co., Ltd.")
    if existing is not None:
        return existing
    return parties.save_company(
        company=None,
        values=CompanyValues(
            name="Ningbo Jinhai Kitchenware Co., Ltd.",
            roles=("supplier",),
            country="CN",
            city="Ningbo",
            language="en",
            currency="USD",
            time_zone="Asia/Shanghai",
            default_incoterm="FOB",
            incoterm_place="Ningbo",
        ),
        user=user,
        reason="demo data",
    )


def _ningbo(user: User, today: dt.date) -> Shipment:
    supplier = _ningbo_supplier(user)
    day = dt.timedelta(days=1)
    sailed = today - dt.timedelta(days=33)
    lines = [
        ShipmentLineValues(
            description="Enamelled steel stockpots 24 cm",
            hs_code="73239400",
            origin_country="CN",
            quantity=Decimal(600),
            packages=100,
            package_kind="cartons",
            net_weight_kg=Decimal("1320"),
            gross_weight_kg=Decimal("1480"),
            value=Decimal("5400.00"),
        ),
        ShipmentLineValues(
            description="Bakelite handles for casseroles",
            hs_code="39269097",
            origin_country="CN",
            quantity=Decimal(4000),
            packages=40,
            package_kind="cartons",
            net_weight_kg=Decimal("520"),
            gross_weight_kg=Decimal("580"),
            value=Decimal("3200.00"),
        ),
    ]
    shipment = services.create_shipment(
        details=ShipmentDetails(
            direction="import",
            mode="sea_lcl",
            partner=supplier,
            shipper=supplier,
            forwarder=_company("Rhône Logistique Internationale"),
            customs_broker=_company("Rhône Logistique Internationale"),
            reference="PO-2026-031 NGB",
            incoterm="FOB",
            incoterm_place="Ningbo",
            payment_instrument="lc",
            origin_country="CN",
            destination_country="FR",
            place_of_loading="Ningbo",
            loading_locode="CNNGB",
            place_of_discharge="Le Havre",
            discharge_locode="FRLEH",
            place_of_delivery="Thiers",
            delivery_locode="FRTHI",
            vessel="CMA CGM Jacques Saadé",
            voyage="0FLCLE1MA",
            transport_document_number="NGB0264417",
            goods_description="Enamelled steel stockpots; bakelite handles",
            marks_and_numbers="MF / THIERS / 1-140",
            packages=140,
            package_kind="cartons",
            gross_weight_kg=Decimal("2060"),
            net_weight_kg=Decimal("1840"),
            volume_m3=Decimal("11.2"),
            chargeable_weight_kg=Decimal("11200"),
            value=Decimal("8600.00"),
            currency="USD",
        ),
        lines=lines,
        user=user,
        ready_on=sailed - 4 * day,
    )
    _plan(
        shipment,
        user,
        [
            ("pickup", sailed - 3 * day, "Ningbo CFS"),
            ("export_clearance", sailed - 2 * day, "Ningbo"),
            ("departure", sailed, "Ningbo"),
            ("arrival", today - 2 * day, "Le Havre"),
            ("import_clearance", today, "Le Havre"),
            ("delivery", today + 3 * day, "Thiers"),
        ],
    )
    shanghai = "Asia/Shanghai"
    _track(
        shipment,
        user,
        [
            ("ready", _at(sailed - 4 * day, 10, shanghai), "Ningbo", "Cargo ready at the factory"),
            ("pickup", _at(sailed - 3 * day, 15, shanghai), "Ningbo CFS", "Received at the CFS"),
            ("export_clearance", _at(sailed - 2 * day, 11, shanghai), "Ningbo", "Export cleared"),
            ("departure", _at(sailed, 20, shanghai), "Ningbo", "Vessel departed"),
            (
                "transhipment",
                _at(sailed + 12 * day, 6, "Asia/Singapore"),
                "Singapore",
                "Transhipped at Singapore",
            ),
        ],
    )
    return shipment


def build(users: dict[str, User]) -> dict[str, int]:
    """The four demo shipments; the count made."""
    claire = users["claire"]
    today = timezone.localdate()
    made = [
        _casablanca(claire),
        _tokyo(claire, today),
        _munich(claire, today),
        _ningbo(claire, today),
    ]
    return {"shipments": len(made)}
