"""Shared data of the marketing tests: our company, a charter set by the manager, two products
(a casserole with its CN code and packing, a knife block), a EUR price list, a photo."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from comptoir.catalog.models import PriceList, PriceListItem, Product
from comptoir.marketing import services
from comptoir.marketing.inputs import CharterValues, LogoUpload, ProfileValues, VisualValues
from comptoir.sales.tests.conftest import seller  # noqa: F401

D = Decimal


def png(width: int = 120, height: int = 80, colour: tuple[int, int, int] = (200, 60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def casserole(db: Any) -> Product:
    return Product.objects.create(
        reference="CAS-24",
        name_fr="Cocotte en fonte 24 cm",
        name_en="Cast-iron casserole 24 cm",
        description_fr="Cocotte émaillée.\n\nGarantie 10 ans.",
        description_en="Enamelled casserole.\n\nTen-year guarantee.",
        hs_code="732393",
        cn_code="73239300",
        origin_country="FR",
        net_weight_kg=D("4.2"),
        gross_weight_kg=D("4.9"),
        length_cm=D("30"),
        width_cm=D("26"),
        height_cm=D("15"),
        units_per_carton=4,
        carton_length_cm=D("60"),
        carton_width_cm=D("40"),
        carton_height_cm=D("32"),
        carton_gross_weight_kg=D("20.5"),
        cartons_per_pallet=20,
        cost_price=D("31.00"),
        cost_currency="EUR",
    )


@pytest.fixture
def knives(db: Any) -> Product:
    return Product.objects.create(
        reference="KNF-BLK",
        name_fr="Bloc de 5 couteaux",
        name_en="Block of 5 knives",
        hs_code="821191",
        origin_country="FR",
        net_weight_kg=D("2.0"),
        gross_weight_kg=D("2.5"),
        cost_price=D("40.00"),
        cost_currency="EUR",
    )


@pytest.fixture
def eur_list(casserole: Product, knives: Product) -> PriceList:
    price_list = PriceList.objects.create(
        name="Export EUR 2026", currency="EUR", incoterm="FCA", valid_from=dt.date(2026, 1, 1)
    )
    PriceListItem.objects.create(price_list=price_list, product=casserole, unit_price=D("62.00"))
    PriceListItem.objects.create(
        price_list=price_list, product=casserole, min_quantity=100, unit_price=D("58.00")
    )
    PriceListItem.objects.create(price_list=price_list, product=knives, unit_price=D("89.00"))
    return price_list


@pytest.fixture
def charter(db: Any, seller: Any) -> Any:  # noqa: F811
    return services.save_charter(
        values=CharterValues(
            primary_colour="#1F4E79",
            secondary_colour="#2E75B6",
            accent_colour="#C55A11",
            tagline_fr="L'art de la table depuis 1921",
            tagline_en="Tableware since 1921",
            footer_fr="Maison Ferrand — fabricant à Thiers",
            footer_en="Maison Ferrand — maker in Thiers",
        ),
        logo=LogoUpload(content=png(200, 60, (31, 78, 121)), filename="logo.png"),
        user=None,
    )


@pytest.fixture
def profiled(casserole: Product, knives: Product) -> list[Product]:
    services.save_profile(
        product=casserole,
        values=ProfileValues(
            category_fr="Cuisson",
            category_en="Cookware",
            certifications="LFGB food contact\nNF EN 12983-1",
            selling_points_en="Even heat\nAll hobs including induction",
            selling_points_fr="Chaleur homogène\nTous feux dont induction",
            lead_time_days=21,
        ),
        user=None,
    )
    services.save_profile(
        product=knives,
        values=ProfileValues(category_fr="Coutellerie", category_en="Cutlery"),
        user=None,
    )
    services.add_visual(
        product=casserole,
        values=VisualValues(content=png(), caption_en="Red casserole", caption_fr="Cocotte rouge"),
        user=None,
    )
    return [casserole, knives]
