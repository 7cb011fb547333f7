"""Demo communication materials: Maison Ferrand's graphic charter (a logo drawn with Pillow),
categories, certifications and photos (drawn) for a few products, a catalogue for the Gulf in
USD, a price list for Japan in JPY converted from the euro list at the bank's rate, a
promotional offer, a newsletter draft and a feed link for the website.

Needs: the demo users (not used yet: written as the system), the products and the two price lists of the builder
("Tarif export 2026 EUR", "Export price list 2026 USD")."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth.models import User
from PIL import Image, ImageDraw

from comptoir.calculators import services as calculators
from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import PriceList, Product
from comptoir.marketing import services
from comptoir.marketing.inputs import (
    CharterValues,
    FeedLinkValues,
    LineValues,
    LogoUpload,
    MaterialValues,
    ProfileValues,
    VisualValues,
)

NAVY, BLUE, COPPER = (31, 78, 121), (46, 117, 182), (197, 90, 17)
#: the rate the Japanese price list is converted at (bank rate of the week)
JPY_RATE = Decimal("162.35")


def _png(draw: str, colour: tuple[int, int, int], size: tuple[int, int] = (800, 600)) -> bytes:
    image = Image.new("RGB", size, (245, 242, 236))
    pen = ImageDraw.Draw(image)
    w, h = size
    if draw == "logo":
        image = Image.new("RGBA", size, (0, 0, 0, 0))
        pen = ImageDraw.Draw(image)
        pen.ellipse((10, 10, h - 10, h - 10), fill=NAVY)
        pen.text((h * 0.36, h * 0.3), "MF", fill=(255, 255, 255))
        pen.rectangle((h + 10, h * 0.45, w - 10, h * 0.55), fill=COPPER)
    elif draw == "pot":
        pen.rounded_rectangle((w * 0.2, h * 0.35, w * 0.8, h * 0.8), 40, fill=colour)
        pen.rectangle((w * 0.1, h * 0.45, w * 0.2, h * 0.52), fill=colour)
        pen.rectangle((w * 0.8, h * 0.45, w * 0.9, h * 0.52), fill=colour)
        pen.ellipse((w * 0.2, h * 0.25, w * 0.8, h * 0.42), fill=colour)
    else:
        pen.rectangle((w * 0.3, h * 0.3, w * 0.7, h * 0.85), fill=colour)
        for i in range(5):
            x = w * (0.34 + i * 0.08)
            pen.rectangle((x, h * 0.1, x + w * 0.03, h * 0.3), fill=(60, 60, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _profiles(products: list[Product], claire: User | None) -> list[Product]:
    shown: list[Product] = []
    for product in products[:8]:
        name = product.name_en.lower()
        knife = "knife" in name or "knives" in name or "cutlery" in name
        services.save_profile(
            product=product,
            values=ProfileValues(
                category_fr="Coutellerie" if knife else "Cuisson et arts de la table",
                category_en="Cutlery" if knife else "Cookware and tableware",
                selling_points_fr="Fabriqué en France\nGarantie 10 ans",
                selling_points_en="Made in France\nTen-year guarantee",
                certifications="LFGB food contact\nOrigine France Garantie",
                availability="in_stock",
                lead_time_days=21,
            ),
            user=claire,
        )
        if len(shown) < 4:
            services.add_visual(
                product=product,
                values=VisualValues(
                    content=_png("block" if knife else "pot", COPPER if len(shown) % 2 else BLUE),
                    caption_fr=product.name_fr,
                    caption_en=product.name_en,
                ),
                user=claire,
            )
        shown.append(product)
    return shown


def build(users: dict[str, User]) -> dict[str, int]:
    # written as the system (the demo builder), as the other demo parts write reference data
    julien: User | None = None
    claire: User | None = None
    services.save_charter(
        values=CharterValues(
            primary_colour="#1F4E79",
            secondary_colour="#2E75B6",
            accent_colour="#C55A11",
            text_on_primary="#FFFFFF",
            heading_font="DejaVu Serif",
            body_font="DejaVu Sans",
            tagline_fr="Coutellerie et arts de la table depuis 1921",
            tagline_en="Cutlery and tableware since 1921",
            footer_fr="Maison Ferrand — fabricant à Thiers (Puy-de-Dôme)",
            footer_en="Maison Ferrand — maker in Thiers, France",
        ),
        logo=LogoUpload(content=_png("logo", NAVY, (480, 120)), filename="maison-ferrand.png"),
        user=julien,
    )
    eur = PriceList.objects.get(name="Tarif export 2026 EUR")
    usd = PriceList.objects.get(name="Export price list 2026 USD")
    products = list(
        Product.objects.filter(is_active=True, prices__price_list=eur)
        .filter(prices__price_list=usd)
        .distinct()
        .order_by("reference")
    )
    shown = _profiles(products, claire)
    day = dt.date(2026, 11, 30)
    if not ExchangeRate.objects.filter(from_currency="EUR", to_currency="JPY").exists():
        calculators.save_exchange_rate(
            values=calculators.ExchangeRateValues(
                from_currency="EUR",
                to_currency="JPY",
                valid_from=day,
                rate=JPY_RATE,
                note="Crédit Agricole, rate of the week",
            ),
            user=None,
        )
    lines = tuple(LineValues(product=p) for p in shown)
    start, end = dt.date(2026, 12, 1), dt.date(2027, 3, 31)
    materials = [
        MaterialValues(
            kind="catalogue",
            title_fr="Catalogue export Golfe 2027",
            title_en="Gulf export catalogue 2027",
            intro_en="French cookware and cutlery for hotels, restaurants and department stores "
            "of the Gulf, made in Thiers since 1921.",
            intro_fr="Cuisson et coutellerie françaises pour l'hôtellerie, la restauration et "
            "les grands magasins du Golfe, fabriquées à Thiers depuis 1921.",
            language="en",
            market="Gulf (UAE, Saudi Arabia, Qatar)",
            price_list=usd,
            incoterm="CIF",
            place="Jebel Ali",
            payment_terms_en="30% with order, balance by irrevocable L/C at sight",
            payment_terms_fr="30 % à la commande, solde par crédit documentaire irrévocable à vue",
            call_to_action_en="Ask for samples: export@maison-ferrand.example",
            call_to_action_fr="Demandez vos échantillons : export@maison-ferrand.example",
            lines=lines,
            valid_from=start,
            valid_until=end,
        ),
        MaterialValues(
            kind="price_list",
            title_fr="Tarif Japon 2027",
            title_en="Japan price list 2027",
            language="en",
            market="Japan",
            price_list=eur,
            currency="JPY",
            rate_date=day,
            incoterm="FCA",
            place="Lyon Saint-Exupéry",
            payment_terms_en="60 days from invoice date, bank transfer",
            payment_terms_fr="60 jours date de facture, virement",
            lines=lines,
            valid_from=start,
            valid_until=end,
        ),
        MaterialValues(
            kind="promotion",
            title_fr="Offre de fin d'année : −15 % sur la cuisson",
            title_en="Year-end offer: 15% off cookware",
            language="fr",
            price_list=eur,
            discount_percent=Decimal("15"),
            valid_from=dt.date(2026, 12, 1),
            valid_until=dt.date(2026, 12, 31),
            conditions_fr="Dans la limite des stocks, par carton complet.",
            conditions_en="While stocks last, full cartons only.",
            call_to_action_fr="Commandez avant le 31 décembre",
            call_to_action_en="Order before 31 December",
            lines=lines[:3],
        ),
        MaterialValues(
            kind="newsletter",
            title_fr="Nouveautés Maison Ferrand — hiver 2027",
            title_en="Maison Ferrand news — winter 2027",
            intro_fr="Bonjour,\n\nvoici nos nouveautés pour la saison, à découvrir au salon "
            "Ambiente de Francfort.",
            intro_en="Hello,\n\nhere is what is new for the season, to be seen at the Ambiente "
            "fair in Frankfurt.",
            language="en",
            price_list=usd,
            call_to_action_fr="Prenez rendez-vous sur notre stand",
            call_to_action_en="Book a meeting on our stand",
            lines=lines[:3],
        ),
    ]
    for values in materials:
        services.save_material(values=values, user=claire)
    services.create_feed_link(
        values=FeedLinkValues(name="Site web maison-ferrand.example", price_list=eur), user=julien
    )
    return {"materials": len(materials), "marketing_products": len(shown)}
