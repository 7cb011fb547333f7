"""Every document, checked by its extracted text: the product sheet (FR, EN), the catalogue,
the price list (PDF and spreadsheet), the promotional flyer."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import PriceList, Product
from comptoir.documents import marketing as renderer
from comptoir.marketing import selectors, services
from comptoir.marketing.inputs import LineValues, MaterialValues

from .conftest import pdf_text

D = Decimal
pytestmark = pytest.mark.django_db


def test_product_sheet_in_french(charter: Any, profiled: list[Product]) -> None:
    pdf = renderer.product_sheet(
        product=selectors.product_block(profiled[0], "fr"),
        charter=selectors.charter_style("fr"),
        language="fr",
    )
    text = pdf_text(pdf)
    for expected in (
        "Cocotte en fonte 24 cm",
        "Garantie 10 ans.",
        "Chaleur homogène",
        "73239300",
        "732393",
        "France",  # origin
        "Unités par carton",
        "Cartons par palette",
        "80",  # units per pallet = 4 x 20
        "60 × 40 × 32 cm",
        "20.5 kg",
        "LFGB food contact",
        "NF EN 12983-1",
        "L'art de la table depuis 1921",
        "Maison Ferrand — fabricant à Thiers",
        "SIREN 552100554",
        "TVA FR96552100554",
    ):
        assert expected in text, expected
    # the photo is in the PDF
    reader = PdfReader(io.BytesIO(pdf))
    assert sum(len(page.images) for page in reader.pages) >= 2  # logo + photo


def test_product_sheet_in_english(charter: Any, profiled: list[Product]) -> None:
    text = pdf_text(
        renderer.product_sheet(
            product=selectors.product_block(profiled[0], "en"),
            charter=selectors.charter_style("en"),
            language="en",
        )
    )
    assert "Cast-iron casserole 24 cm" in text
    assert "Units per carton" in text and "Country of origin" in text
    assert "Maison Ferrand — maker in Thiers" in text
    assert "21 days lead time" in text


def _material(kind: str, products: list[Product], price_list: PriceList, **more: Any) -> Any:
    return services.save_material(
        values=MaterialValues(
            kind=kind,
            title_fr=f"Titre {kind}",
            title_en=f"Title {kind}",
            price_list=price_list,
            lines=tuple(LineValues(product=p) for p in products),
            **more,
        ),
        user=None,
    )


def test_catalogue_has_cover_contents_groups_and_the_rate(
    charter: Any, profiled: list[Product], eur_list: PriceList
) -> None:
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="USD", valid_from=dt.date(2026, 11, 2), rate=D("1.0812")
    )
    catalogue = _material(
        "catalogue",
        profiled,
        eur_list,
        currency="USD",
        rate_date=dt.date(2026, 11, 5),
        market="Gulf",
        incoterm="CIF",
        place="Jebel Ali",
        valid_until=dt.date(2027, 3, 31),
        payment_terms_en="30% with order, balance against documents",
    )
    pdf = renderer.material_pdf(selectors.material_document(catalogue, "en"))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "Title catalogue" in pages[0] and "prices in USD" in pages[0]
    assert "Contents" in pages[1] and "Cookware" in pages[1] and "Cutlery" in pages[1]
    text = "\n".join(pages)
    assert "67.03 USD" in text and "96.23 USD" in text
    assert "1 EUR = 1.0812 USD on Nov. 2, 2026" in text.replace("\n", " ")
    assert "CIF Jebel Ali" in text
    assert "30% with order, balance against documents" in text


def test_price_list_pdf_and_spreadsheet_in_french(
    charter: Any, profiled: list[Product], eur_list: PriceList
) -> None:
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="JPY", valid_from=dt.date(2026, 11, 2), rate=D("162.35")
    )
    profiled[1].name_fr = '=HYPERLINK("http://evil")'
    profiled[1].save()
    price_list = _material(
        "price_list",
        profiled,
        eur_list,
        currency="JPY",
        rate_date=dt.date(2026, 11, 5),
        market="Japon",
        incoterm="FCA",
        place="Thiers",
    )
    doc = selectors.material_document(price_list, "fr")
    text = pdf_text(renderer.material_pdf(doc))
    # 62.00 x 162.35 = 10,065.70 -> 10 066 (the yen has no decimals)
    flat = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    assert "10066" in flat and "14449" in flat  # 89.00 x 162.35 = 14,449.15
    assert "1 EUR = 162.35 JPY" in text
    assert "Prix unitaire (JPY)" in text
    header, rows = selectors.price_list_table(doc)
    sheet = load_workbook(io.BytesIO(renderer.price_list_xlsx(header, rows, "Japon"))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "CAS-24" and values[1][5] == 10066
    cell = sheet.cell(row=3, column=2)
    assert cell.data_type == "s" and str(cell.value).startswith("=HYPERLINK")  # text, not run
    assert ["Taux de change", "1 EUR = 162.35 JPY"] in [v[:2] for v in values]


def test_flyer_shows_usual_and_promotional_prices(
    charter: Any, profiled: list[Product], eur_list: PriceList
) -> None:
    flyer = _material(
        "promotion",
        profiled,
        eur_list,
        discount_percent=D("15"),
        valid_from=dt.date(2026, 12, 1),
        valid_until=dt.date(2026, 12, 31),
        conditions_en="While stocks last, minimum order one carton.",
        call_to_action_en="Order before 31 December",
    )
    text = pdf_text(renderer.material_pdf(selectors.material_document(flyer, "en")))
    assert "62.00 EUR" in text and "52.70 EUR" in text and "15 %" in text
    assert "Offer valid from Dec. 1, 2026 to Dec. 31, 2026" in text.replace("\n", " ")
    assert "While stocks last" in text and "Order before 31 December" in text
