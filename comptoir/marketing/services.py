"""Writes of the communication materials: the charter (a manager's), the products' marketing
profiles and photos, the materials and their products (an assistant's), the product feed's
secret links (a manager's). Each service checks the role matrix first and writes in one
transaction with the history's author. The newsletter's content for the prospecting
campaigns is built here too (:func:`newsletter_content`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import stamp
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.documents import marketing as renderer
from comptoir.prospecting import services as prospecting_services
from comptoir.prospecting.models import Campaign, Channel
from comptoir.trade import charter as core
from comptoir.trade import incoterms
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code

from . import images, selectors
from .inputs import (
    CharterValues,
    FeedLinkValues,
    LogoUpload,
    MaterialValues,
    ProfileValues,
    VisualValues,
)
from .models import (
    FONTS,
    Charter,
    FeedLink,
    Material,
    MaterialLine,
    ProductProfile,
    ProductVisual,
)

#: costly inputs, bounded
MAX_LINES = selectors.MAX_PRODUCTS
MAX_VISUALS_PER_PRODUCT = 12
MAX_TEXT = 20_000
MAX_PRICE = Decimal("9999999999")


def _message(exc: TradeInputError) -> str:
    return selectors.text_of(exc.message)


# --------------------------------------------------------------------------- charter


def save_charter(*, values: CharterValues, user: Actor, logo: LogoUpload | None = None) -> Charter:
    """Set the charter. An unreadable one (WCAG 2.1 contrast) is refused, naming the colour."""
    require(user, Action.CHANGE, Record.GRAPHIC_CHARTER)
    errors: dict[str, str] = {}
    colours: dict[str, str] = {}
    for name in ("primary_colour", "secondary_colour", "accent_colour", "text_on_primary"):
        try:
            colours[name] = core.normalise_colour(getattr(values, name), name)
        except TradeInputError as exc:
            errors[name] = _message(exc)
    fonts = {value for value, _label in FONTS}
    for name in ("heading_font", "body_font"):
        if getattr(values, name) not in fonts:
            errors[name] = _("Choose one of the fonts offered: they print without the internet.")
    if not errors:
        checks = core.charter_checks(
            primary=colours["primary_colour"],
            secondary=colours["secondary_colour"],
            text_on_primary=colours["text_on_primary"],
        )
        for field, check in zip(("text_on_primary", "secondary_colour"), checks, strict=True):
            if not check.passes:
                errors[field] = translate(core.contrast_problem(check))
    for name in ("legal_fr", "legal_en"):
        if len(getattr(values, name)) > 2000:
            errors[name] = _("2,000 characters at most.")
    picture = None
    if logo is not None and logo.content and not logo.remove:
        try:
            picture = images.logo(logo.content, logo.filename)
        except ValidationError as exc:
            errors.update({k: v[0].message for k, v in exc.error_dict.items()})  # type: ignore[misc]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        mark = Charter.objects.select_for_update().filter(key=1).first() or Charter(key=1)
        for name, value in colours.items():
            setattr(mark, name, value)
        for name in (
            "heading_font",
            "body_font",
            "tagline_fr",
            "tagline_en",
            "footer_fr",
            "footer_en",
            "legal_fr",
            "legal_en",
        ):
            setattr(mark, name, getattr(values, name).strip())
        if logo is not None and logo.remove:
            mark.logo, mark.logo_type = None, ""
        elif picture is not None:
            mark.logo, mark.logo_type = picture.data, picture.content_type
        stamp(mark, user, _("graphic charter"))
        mark.save()
    return mark


# --------------------------------------------------------------------------- products


def save_profile(*, product: Product, values: ProfileValues, user: Actor) -> ProductProfile:
    """A product's category, selling points, certifications and availability."""
    profile = selectors.profile_of(product)
    require(user, Action.CHANGE if profile.pk else Action.CREATE, Record.COMMUNICATION_MATERIAL)
    if values.availability not in ProductProfile.Availability.values:
        raise ValidationError({"availability": _("Choose an availability from the list.")})
    certifications = [c.strip() for c in values.certifications.splitlines() if c.strip()]
    if len(certifications) > 30 or any(len(c) > 120 for c in certifications):
        raise ValidationError(
            {"certifications": _("30 certifications at most, 120 characters each.")}
        )
    with transaction.atomic():
        for name in ("category_fr", "category_en", "selling_points_fr", "selling_points_en"):
            setattr(profile, name, getattr(values, name).strip()[:MAX_TEXT])
        profile.certifications = "\n".join(certifications)
        profile.availability = values.availability
        profile.lead_time_days = values.lead_time_days
        stamp(profile, user)
        profile.save()
    return profile


def add_visual(*, product: Product, values: VisualValues, user: Actor) -> ProductVisual:
    """A product photo, decoded and re-encoded (refused when it is not a picture)."""
    require(user, Action.CREATE, Record.COMMUNICATION_MATERIAL)
    if ProductVisual.objects.filter(product=product).count() >= MAX_VISUALS_PER_PRODUCT:
        raise ValidationError(
            {"image": _("%(max)s photos per product at most.") % {"max": MAX_VISUALS_PER_PRODUCT}}
        )
    picture = images.raster(values.content, "image")
    with transaction.atomic():
        visual = ProductVisual(
            product=product,
            image=picture.data,
            content_type=picture.content_type,
            width=picture.width,
            height=picture.height,
            caption_fr=values.caption_fr.strip()[:200],
            caption_en=values.caption_en.strip()[:200],
            order=values.order,
        )
        stamp(visual, user)
        visual.save()
    return visual


def delete_visual(*, visual: ProductVisual, user: Actor) -> None:
    require(user, Action.DELETE, Record.COMMUNICATION_MATERIAL)
    with transaction.atomic():
        stamp(visual, user)
        visual.delete()


# --------------------------------------------------------------------------- materials


def _check_material(values: MaterialValues) -> dict[str, str]:
    errors: dict[str, str] = {}
    if values.kind not in Material.Kind.values:
        errors["kind"] = _("Choose a kind of material from the list.")
    if not values.title_en.strip() and not values.title_fr.strip():
        errors["title_en"] = _("Give the material a title.")
    if values.language not in {"fr", "en"}:
        errors["language"] = _("French or English.")
    for name in ("intro_fr", "intro_en", "conditions_fr", "conditions_en"):
        if len(getattr(values, name)) > MAX_TEXT:
            errors[name] = _("%(max)s characters at most.") % {"max": f"{MAX_TEXT:,}"}
    if len(values.lines) > MAX_LINES:
        errors["lines"] = _("%(max)s products at most.") % {"max": MAX_LINES}
    products = [line.product.pk for line in values.lines]
    if len(set(products)) != len(products):
        errors["lines"] = _("A product is chosen twice.")
    if values.kind != Material.Kind.NEWSLETTER and not values.lines:
        errors["lines"] = _("Choose at least one product.")
    needs_prices = values.kind in {Material.Kind.PRICE_LIST, Material.Kind.PROMOTION}
    if needs_prices and values.price_list is None:
        errors["price_list"] = _(
            "A price list or a promotional offer takes its prices from a price list."
        )
    currency = values.currency.strip().upper()
    if currency:
        try:
            currency_code(currency, "currency")
        except TradeInputError:
            errors["currency"] = _(
                "Unknown currency: use an ISO 4217 code such as EUR, USD or JPY."
            )
        if values.price_list is None:
            errors["currency"] = _("Choose the price list the prices are converted from.")
    if values.incoterm:
        try:
            incoterms.get_rule(values.incoterm.upper(), "incoterm")
        except TradeInputError:
            errors["incoterm"] = _(
                "Unknown Incoterm: use an Incoterms 2020 rule such as FCA or CIF."
            )
    if values.valid_from and values.valid_until and values.valid_until < values.valid_from:
        errors["valid_until"] = _("The end of validity is before its start.")
    if values.discount_percent is not None and not Decimal(0) < values.discount_percent < 100:
        errors["discount_percent"] = _("A discount is between 0 and 100 %.")
    for line in values.lines:
        price = line.promotional_price
        if price is not None and not Decimal(0) <= price <= MAX_PRICE:
            errors["lines"] = _("%(reference)s: the promotional price is out of range.") % {
                "reference": line.product.reference
            }
    if not errors and values.price_list is not None and currency:
        try:
            selectors.pricing(values.price_list, currency, values.rate_date or today())
        except TradeInputError as exc:
            errors["currency"] = _message(exc)
    return errors


def save_material(
    *, values: MaterialValues, user: Actor, material: Material | None = None
) -> Material:
    """Create or change a material and its products (in the order given)."""
    require(user, Action.CHANGE if material else Action.CREATE, Record.COMMUNICATION_MATERIAL)
    errors = _check_material(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        material = material or Material()
        title_en = values.title_en.strip() or values.title_fr.strip()
        material.kind = values.kind
        material.title_en = title_en
        material.title_fr = values.title_fr.strip() or title_en
        for name in (
            "intro_fr",
            "intro_en",
            "market",
            "place",
            "payment_terms_fr",
            "payment_terms_en",
            "conditions_fr",
            "conditions_en",
            "call_to_action_fr",
            "call_to_action_en",
        ):
            setattr(material, name, getattr(values, name).strip())
        material.language = values.language
        material.price_list = values.price_list
        material.currency = values.currency.strip().upper()
        if material.price_list and material.currency == material.price_list.currency:
            material.currency = ""
        material.rate_date = values.rate_date or (today() if material.currency else None)
        material.incoterm = values.incoterm.upper()
        material.valid_from = values.valid_from
        material.valid_until = values.valid_until
        material.discount_percent = values.discount_percent
        stamp(material, user)
        material.save()
        kept: list[int] = []
        existing = {line.product_id: line for line in material.lines.all()}
        for order, value in enumerate(values.lines, start=1):
            line = existing.get(value.product.pk) or MaterialLine(
                material=material, product=value.product
            )
            line.order = order
            line.promotional_price = value.promotional_price
            stamp(line, user)
            line.save()
            kept.append(line.pk)
        for line in material.lines.exclude(pk__in=kept):
            stamp(line, user)
            line.delete()
    return material


def delete_material(*, material: Material, user: Actor) -> None:
    require(user, Action.DELETE, Record.COMMUNICATION_MATERIAL)
    with transaction.atomic():
        stamp(material, user)
        material.delete()


# --------------------------------------------------------------------------- feed


def create_feed_link(*, values: FeedLinkValues, user: Actor) -> tuple[FeedLink, str]:
    """A secret link to the feed of a price list; the secret is returned once, only its
    digest is kept."""
    require(user, Action.CREATE, Record.PRODUCT_FEED)
    if not values.name.strip():
        raise ValidationError({"name": _("Name who reads the feed, e.g. website.")})
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = FeedLink(
            name=values.name.strip()[:120],
            price_list=values.price_list,
            digest=selectors.digest(secret),
            hint=secret[:6],
        )
        stamp(link, user)
        link.save()
    return link, secret


def revoke_feed_link(*, link: FeedLink, user: Actor) -> FeedLink:
    require(user, Action.CHANGE, Record.PRODUCT_FEED)
    if link.revoked_at is None:
        with transaction.atomic():
            link.revoked_at = timezone.now()
            stamp(link, user, _("revoked"))
            link.save()
    return link


# --------------------------------------------------------------------------- newsletter


@dataclass(frozen=True)
class NewsletterContent:
    """One language of a newsletter, ready for an e-mail campaign."""

    language: str
    subject: str
    html: str
    text: str


def newsletter_content(*, material: Material) -> dict[str, NewsletterContent]:
    """The newsletter in French and English: subject, HTML (inline styles, pictures inline,
    nothing fetched from elsewhere) and its text alternative. A read: nothing is written."""
    if material.kind != Material.Kind.NEWSLETTER:
        raise ValidationError(_("Only a newsletter is sent as an e-mail."))
    contents = {}
    for language in ("fr", "en"):
        document = selectors.material_document(material, language)
        html, text = renderer.newsletter(document)
        contents[language] = NewsletterContent(language, document["title"], html, text)
    return contents


def campaign_from_newsletter(*, material: Material, user: Actor) -> Campaign:
    """A draft e-mail campaign carrying the newsletter in French and English: prospecting
    sends it to a target list with its GDPR checks, unsubscribe link and results."""
    contents = newsletter_content(material=material)
    return prospecting_services.create_campaign(
        name=f"{material.title_en or material.title_fr} (newsletter)",
        channel=Channel.EMAIL,
        user=user,
        subject_fr=contents["fr"].subject,
        subject_en=contents["en"].subject,
        body_fr=contents["fr"].html,
        body_en=contents["en"].html,
        html=True,
        origin="newsletter",
    )
