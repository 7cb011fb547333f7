"""Export control of the demo: a dual-use product, its licences and a shipment that takes from
one. Everything goes through the services; the EU country measures come with the migrations.

The demo company sells, besides its kitchenware, a professional freeze-dryer for
gastronomy. Steam-sterilisable with a condenser of 12 kg of ice in 24 hours, it is listed in
Annex I of Regulation (EU) 2021/821 under 2B352.e (Australia Group): Julien, the manager,
classifies it, records the SBDU's individual licence for the United Arab Emirates (4 units,
EUR 190,000, end user Gulf Hospitality Trading) and the company's registration for EU001;
Claire allocates the licence to a sea shipment of one unit to Dubai, which then leaves.

Needs: the demo users (``julien`` a manager, ``claire`` an assistant) and the company "Gulf
Hospitality Trading LLC" of the demo data. Without them nothing is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.catalog import services as catalog
from comptoir.catalog.models import Product
from comptoir.catalog.values import ProductValues
from comptoir.common.dates import today
from comptoir.export_control import services
from comptoir.export_control.inputs import AllocationValues, ClassificationValues, LicenceValues
from comptoir.parties.models import Company
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues, MilestonePlan, ShipmentDetails, ShipmentLineValues

REFERENCE = "LYO-12"


def _freeze_dryer(user: User) -> Product:
    existing = Product.objects.filter(reference=REFERENCE).first()
    if existing is not None:
        return existing
    return catalog.save_product(
        product=None,
        values=ProductValues(
            reference=REFERENCE,
            name_fr="Lyophilisateur professionnel 12 kg/24 h, stérilisable vapeur",
            name_en="Professional freeze-dryer 12 kg/24 h, steam-sterilisable",
            description_fr="Pour la gastronomie et les laboratoires culinaires.",
            description_en="For gastronomy and culinary laboratories.",
            hs_code="841933",
            cn_code="84193300",
            origin_country="FR",
            net_weight_kg=Decimal("310"),
            gross_weight_kg=Decimal("385"),
            cost_price=Decimal("29800"),
        ),
        user=user,
    )


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's dual-use product, two licences and one shipment; how many of each."""
    julien, claire = users.get("julien"), users.get("claire")
    client = Company.objects.filter(name="Gulf Hospitality Trading LLC").first()
    if julien is None or claire is None or client is None:
        return {"export_licences": 0}
    # read again: the role given after the account was made is not on the cached profile
    julien = User.objects.select_related("profile").get(pk=julien.pk)
    day = today()
    dryer = _freeze_dryer(julien)
    services.classify_product(
        product=dryer,
        values=ClassificationValues(
            control_number="2B352.e",
            basis=(
                "Steam-sterilisable freeze-drying equipment, condenser capacity 12 kg of ice "
                "in 24 hours (between 10 and 1,000 kg): manufacturer's data sheet of March."
            ),
            classified_on=day - dt.timedelta(days=120),
        ),
        user=julien,
    )
    licence = services.save_licence(
        licence=None,
        values=LicenceValues(
            number="FR-SBDU-2026-004172",
            kind="individual",
            authority="SBDU (Service des biens à double usage)",
            countries="AE",
            control_numbers="2B352.e",
            products=(dryer,),
            end_users=(client,),
            end_use="Freeze-drying of food in the central kitchen of hotels in Dubai.",
            quantity_limit=Decimal("4"),
            value_limit=Decimal("190000"),
            currency="EUR",
            valid_from=day - dt.timedelta(days=90),
            valid_until=day + dt.timedelta(days=640),
            responsible=julien,
        ),
        user=julien,
    )
    services.save_licence(
        licence=None,
        values=LicenceValues(
            number="EU001-FR-0000931",
            kind="eu_general",
            eu_authorisation="EU001",
            authority="SBDU (registration of first use)",
            countries="",
            control_numbers="2B352",
            valid_from=day - dt.timedelta(days=400),
            responsible=julien,
            notes="Half-yearly report of the exports to the SBDU.",
        ),
        user=julien,
    )
    shipment = shipping.create_shipment(
        details=ShipmentDetails(
            mode="sea_fcl",
            partner=client,
            incoterm="CIF",
            incoterm_place="Jebel Ali",
            origin_country="FR",
            destination_country="AE",
            value=Decimal("47500"),
            currency="EUR",
            reference="DXB freeze-dryer",
            place_of_loading="Le Havre",
            loading_locode="FRLEH",
            place_of_discharge="Jebel Ali",
            discharge_locode="AEJEA",
            packages=1,
            package_kind="wooden crate",
            gross_weight_kg=Decimal("385"),
            net_weight_kg=Decimal("310"),
        ),
        lines=[
            ShipmentLineValues(
                product=dryer,
                description=dryer.name_en,
                hs_code="84193300",
                origin_country="FR",
                quantity=Decimal("1"),
                packages=1,
                package_kind="wooden crate",
                net_weight_kg=Decimal("310"),
                gross_weight_kg=Decimal("385"),
                value=Decimal("47500"),
            )
        ],
        user=claire,
    )
    services.allocate(line=shipment.lines.get(), values=AllocationValues(licence.pk), user=claire)
    departed = day - dt.timedelta(days=3)
    shipping.plan_milestones(
        shipment=shipment,
        plans=[
            MilestonePlan(step="departure", planned_on=departed, location="Le Havre"),
            MilestonePlan(
                step="arrival", planned_on=day + dt.timedelta(days=18), location="Jebel Ali"
            ),
        ],
        user=claire,
    )
    shipping.record_event(
        shipment=shipment,
        event=EventValues(
            occurred_at=timezone.make_aware(dt.datetime.combine(departed, dt.time(18, 0))),
            step="departure",
            location="Le Havre",
            description="Sailed; export declaration quoting licence FR-SBDU-2026-004172",
        ),
        user=claire,
    )
    return {"export_licences": 2, "controlled_products": 1, "licensed_shipments": 1}
