"""The charter, photos, materials, prices and the feed links through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import PriceList, Product
from comptoir.marketing import images, selectors, services
from comptoir.marketing.inputs import (
    CharterValues,
    FeedLinkValues,
    LineValues,
    LogoUpload,
    MaterialValues,
    VisualValues,
)
from comptoir.marketing.models import Charter, Material

from .conftest import png

D = Decimal
pytestmark = pytest.mark.django_db


def charter_values(**changes: str) -> CharterValues:
    values = {
        "primary_colour": "#1f4e79",
        "secondary_colour": "#2E75B6",
        "accent_colour": "#C55A11",
        "text_on_primary": "#FFFFFF",
    }
    return CharterValues(**(values | changes))


def test_charter_is_one_record_with_its_history(manager: Any) -> None:
    services.save_charter(values=charter_values(), user=manager)
    mark = services.save_charter(values=charter_values(accent_colour="#abc"), user=manager)
    assert Charter.objects.count() == 1
    assert mark.primary_colour == "#1F4E79"  # normalised
    assert mark.accent_colour == "#AABBCC"
    assert mark.history.count() == 2
    assert mark.history.first().history_user == manager


def test_unreadable_charter_is_refused_naming_the_colour(manager: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.save_charter(
            values=charter_values(primary_colour="#FFD700", text_on_primary="#FFFFFF"),
            user=manager,
        )
    assert "text_on_primary" in err.value.error_dict
    assert "WCAG" in err.value.messages[0]
    assert not Charter.objects.exists()


def test_bad_colour_and_web_font_are_refused(manager: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.save_charter(
            values=CharterValues(
                primary_colour="navy",
                secondary_colour="#2E75B6",
                accent_colour="#C55A11",
                heading_font="Roboto",
            ),
            user=manager,
        )
    assert set(err.value.error_dict) == {"primary_colour", "heading_font"}


def test_assistant_may_not_set_the_charter(assistant: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.save_charter(values=charter_values(), user=assistant)


def test_logo_png_is_reencoded_and_a_fake_refused(manager: Any) -> None:
    mark = services.save_charter(
        values=charter_values(), logo=LogoUpload(content=png(), filename="logo.png"), user=manager
    )
    assert mark.logo_type == "image/jpeg"
    assert bytes(mark.logo)[:2] == b"\xff\xd8"
    with pytest.raises(ValidationError) as err:
        services.save_charter(
            values=charter_values(),
            logo=LogoUpload(content=b"MZ\x90\x00 not a picture", filename="logo.png"),
            user=manager,
        )
    assert "logo" in err.value.error_dict


def test_svg_logo_loses_scripts_handlers_and_links() -> None:
    raw = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>'
        b'<rect width="10" height="10" fill="#1F4E79" style="fill:url(http://evil/x)"/>'
        b'<image href="http://tracker.example/p.png"/>'
        b'<use xlink:href="http://evil/#a"/><foreignObject><p>x</p></foreignObject></svg>'
    )
    clean = images.svg(raw).data.decode()
    for bad in ("script", "onload", "tracker", "evil", "foreignObject", "style"):
        assert bad not in clean
    assert "rect" in clean and "#1F4E79" in clean


def test_svg_with_entities_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    with pytest.raises(ValidationError):
        images.svg(bomb)


def test_photo_is_bounded_and_checked(casserole: Product, assistant: Any) -> None:
    visual = services.add_visual(
        product=casserole, values=VisualValues(content=png(3000, 1000)), user=assistant
    )
    assert (visual.width, visual.height) == (1600, 533)
    with pytest.raises(ValidationError):
        services.add_visual(
            product=casserole, values=VisualValues(content=b"GIF89a broken"), user=assistant
        )
    with pytest.raises(ValidationError):
        images.raster(b"x" * (images.MAX_UPLOAD_BYTES + 1))


def material(kind: str, products: list[Product], price_list: PriceList | None, **more: Any) -> Any:
    values: dict[str, Any] = {
        "kind": kind,
        "title_fr": "Titre",
        "title_en": "Title",
        "price_list": price_list,
        "lines": tuple(LineValues(product=p) for p in products),
    } | more
    return MaterialValues(**values)


def test_catalogue_in_usd_converted_at_the_company_rate(
    profiled: list[Product], eur_list: PriceList, assistant: Any
) -> None:
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="USD", valid_from=dt.date(2026, 11, 2), rate=D("1.0812")
    )
    saved = services.save_material(
        values=material(
            "catalogue",
            profiled,
            eur_list,
            currency="usd",
            rate_date=dt.date(2026, 11, 5),
            market="Gulf",
            incoterm="cif",
            place="Jebel Ali",
        ),
        user=assistant,
    )
    assert saved.currency == "USD" and saved.incoterm == "CIF"
    doc = selectors.material_document(saved, "en")
    prices = {p["reference"]: p["price"]["amount"] for p in doc["products"]}
    # the price for the smallest quantity (62.00, not 58.00 from 100), x 1.0812, half-up
    assert prices == {"CAS-24": D("67.03"), "KNF-BLK": D("96.23")}
    assert doc["rate"]["text"] == "1 EUR = 1.0812 USD"
    assert doc["rate"]["date"] == dt.date(2026, 11, 2)
    assert [name for name, _ in doc["groups"]] == ["Cookware", "Cutlery"]


def test_a_currency_without_a_rate_is_refused_naming_the_field(
    profiled: list[Product], eur_list: PriceList, assistant: Any
) -> None:
    with pytest.raises(ValidationError) as err:
        services.save_material(
            values=material(
                "price_list", profiled, eur_list, currency="JPY", rate_date=dt.date(2026, 12, 1)
            ),
            user=assistant,
        )
    assert "currency" in err.value.error_dict


def test_price_list_and_promotion_need_a_price_list_and_products(assistant: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.save_material(values=material("promotion", [], None), user=assistant)
    assert {"lines", "price_list"} <= set(err.value.error_dict)


def test_promotion_below_cost_is_warned_not_refused(
    profiled: list[Product], eur_list: PriceList, assistant: Any
) -> None:
    casserole, knives = profiled
    saved = services.save_material(
        values=MaterialValues(
            kind="promotion",
            title_fr="Promo",
            title_en="Promo",
            price_list=eur_list,
            discount_percent=D("20"),
            lines=(
                LineValues(product=casserole, promotional_price=D("29.90")),
                LineValues(product=knives),
            ),
        ),
        user=assistant,
    )
    rows, warnings = selectors.material_rows(saved, "en")
    assert rows[0]["promotional"] == D("29.90") and rows[0]["discount"] == D("52")
    assert rows[1]["promotional"] == D("71.20") and rows[1]["discount"] == D("20")
    assert len(warnings) == 1
    assert "CAS-24" in warnings[0] and "below the cost price (31.00 EUR)" in warnings[0]


def test_material_lines_follow_the_order_given_and_are_replaced(
    profiled: list[Product], eur_list: PriceList, assistant: Any
) -> None:
    casserole, knives = profiled
    saved = services.save_material(
        values=material("price_list", [casserole, knives], eur_list), user=assistant
    )
    services.save_material(
        values=material("price_list", [knives], eur_list), material=saved, user=assistant
    )
    assert [line.product for line in saved.lines.all()] == [knives]
    with pytest.raises(ValidationError):
        services.save_material(
            values=material("price_list", [knives, knives], eur_list), user=assistant
        )


def test_newsletter_in_both_languages_with_text_alternative(
    charter: Any, profiled: list[Product], eur_list: PriceList, assistant: Any
) -> None:
    saved = services.save_material(
        values=material(
            "newsletter",
            profiled[:1],
            eur_list,
            title_fr="Nouveautés de décembre",
            title_en="December news",
            intro_fr="Bonjour,\n\nvoici nos nouveautés.",
            intro_en="Hello,\n\nhere is what is new.",
            call_to_action_en="Ask for samples",
        ),
        user=assistant,
    )
    content = services.newsletter_content(material=saved)
    assert content["fr"].subject == "Nouveautés de décembre"
    assert content["en"].subject == "December news"
    html = content["en"].html
    assert "Ask for samples" in html and "Cast-iron casserole 24 cm" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched
    assert "<link" not in html and "<script" not in html
    assert 'src="data:image/' in html
    assert "voici nos nouveautés." in content["fr"].text
    assert "<" not in content["fr"].text

    # Handed to prospecting as a draft campaign in both languages, sent from there.
    campaign = services.campaign_from_newsletter(material=saved, user=assistant)
    assert campaign.channel == "email" and campaign.html and campaign.origin == "newsletter"
    assert campaign.subject_fr == "Nouveautés de décembre"
    assert "Ask for samples" in campaign.body_en and "voici nos nouveautés." in campaign.body_fr
    assert campaign.status == "draft"
    assert "62,00 EUR" in content["fr"].text and "62.00 EUR" in content["en"].text
    assert "SIREN 552100554" in content["fr"].text


def test_feed_link_secret_is_kept_as_a_digest_and_revocable(
    eur_list: PriceList, manager: Any, assistant: Any
) -> None:
    link, secret = services.create_feed_link(
        values=FeedLinkValues(name="Website", price_list=eur_list), user=manager
    )
    assert secret not in link.digest and link.hint == secret[:6]
    assert selectors.feed_link_for(secret) == link
    with pytest.raises(PermissionDenied):
        services.revoke_feed_link(link=link, user=assistant)
    services.revoke_feed_link(link=link, user=manager)
    assert selectors.feed_link_for(secret) is None


def test_feed_items_give_the_price_list(profiled: list[Product], eur_list: PriceList) -> None:
    items = selectors.feed_items(eur_list, "https://comptoir.example/f/")
    assert [i["sku"] for i in items] == ["CAS-24", "KNF-BLK"]
    assert items[0]["price"] == D("62.00") and items[0]["currency"] == "EUR"
    assert items[0]["image_url"].startswith("https://comptoir.example/f/")
    assert items[1]["image_url"] == ""
    Material.objects.all().delete()
