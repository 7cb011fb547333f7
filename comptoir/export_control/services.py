"""Writes of export control: country measures, product classifications, licences and their
allocation to shipments, and the daily reminder of expiring licences.

Every service checks the role matrix first, validates with the trade core's rules
(:mod:`comptoir.trade.export_control`), writes in one transaction and names the author for
the history. Shipments and products are only read; tasks go through ``parties.services``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.common.dates import today as local_today
from comptoir.parties import services as parties
from comptoir.shipping.models import Direction, Shipment, ShipmentLine
from comptoir.trade import export_control as rules
from comptoir.trade.errors import TradeInputError

from . import selectors
from .inputs import AllocationValues, ClassificationValues, LicenceValues, MeasureValues
from .models import Allocation, CountryMeasure, DualUseClassification, Licence

#: A licence's responsible gets a task this many days before it expires.
EXPIRY_NOTICE_DAYS = 60
#: Bounds on what one licence lists (a licence names a handful of each).
MAX_CODES = 200


def _core_error(exc: TradeInputError, field: str) -> ValidationError:
    return ValidationError({exc.field or field: translate(exc.message)})  # type: ignore[arg-type]


def _country_list(text: str, field: str) -> list[str]:
    try:
        codes = rules.normalise_countries(text)
    except TradeInputError as exc:
        raise ValidationError({field: translate(exc.message)}) from None  # type: ignore[arg-type]
    unknown = [code for code in codes if not countries.is_country(code)]
    if unknown:
        raise ValidationError(
            {field: _("Unknown country codes: %(codes)s.") % {"codes": " ".join(unknown)}}
        )
    if len(codes) > MAX_CODES:
        raise ValidationError({field: _("At most %(count)s codes.") % {"count": MAX_CODES}})
    return codes


# ------------------------------------------------------------------------ country measures


def save_measure(
    *, measure: CountryMeasure | None, values: MeasureValues, user: Actor
) -> CountryMeasure:
    """Create or change a country measure."""
    require(user, Action.CREATE if measure is None else Action.CHANGE, Record.COUNTRY_MEASURE)
    errors: dict[str, str] = {}
    country = values.country.strip().upper()
    if not countries.is_country(country):
        errors["country"] = _("Unknown country code.")
    if values.kind not in CountryMeasure.Kind.values:
        errors["kind"] = _("Unknown kind of measure.")
    try:
        prefixes = rules.normalise_cn_prefixes(values.cn_prefixes)
    except TradeInputError as exc:
        errors["cn_prefixes"] = translate(exc.message)  # type: ignore[arg-type]
        prefixes = []
    if len(prefixes) > MAX_CODES * 5:
        errors["cn_prefixes"] = _("At most %(count)s codes.") % {"count": MAX_CODES * 5}
    if values.kind == CountryMeasure.Kind.SECTORAL and not prefixes:
        errors["cn_prefixes"] = _("List the CN codes or chapters the restriction concerns.")
    if values.kind == CountryMeasure.Kind.ARMS_EMBARGO and not prefixes:
        prefixes = ["93"]  # chapter 93: arms and ammunition
    if values.kind == CountryMeasure.Kind.FULL_EMBARGO:
        prefixes = []
    if values.effective_to is not None and values.effective_to < values.effective_from:
        errors["effective_to"] = _("The end comes before the start.")
    if not values.title_en.strip():
        errors["title_en"] = _("Give the measure a title.")
    if not values.legal_reference.strip():
        errors["legal_reference"] = _("Give the legal reference (regulation and article).")
    if errors:
        raise ValidationError(errors)
    target = measure or CountryMeasure()
    target.country = country
    target.kind = values.kind
    target.title_en = values.title_en.strip()[:200]
    target.title_fr = (values.title_fr.strip() or values.title_en.strip())[:200]
    target.legal_reference = values.legal_reference.strip()[:200]
    target.description_en = values.description_en.strip()
    target.description_fr = values.description_fr.strip()
    target.cn_prefixes = " ".join(prefixes)
    target.effective_from = values.effective_from
    target.effective_to = values.effective_to
    target.source_url = values.source_url.strip()
    with transaction.atomic():
        stamp(target, user, "created" if measure is None else "changed")
        target.save()
    return target


# ------------------------------------------------------------------------------- products


def classify_product(
    *, product: Product, values: ClassificationValues, user: Actor
) -> DualUseClassification:
    """Record the product's control list number (empty: checked and not listed)."""
    require(user, Action.CHANGE, Record.DUAL_USE_CLASSIFICATION)
    number = ""
    if values.control_number.strip():
        try:
            number = rules.normalise_control_number(values.control_number)
        except TradeInputError as exc:
            raise _core_error(exc, "control_number") from None
    if values.annex_iv and not number:
        raise ValidationError(
            {"annex_iv": _("Only a product with a control list number can be in Annex IV.")}
        )
    day = values.classified_on or local_today()
    if day > local_today():
        raise ValidationError({"classified_on": _("The date cannot be in the future.")})
    with transaction.atomic():
        target = DualUseClassification.objects.filter(product=product).first()
        target = target or DualUseClassification(product=product)
        target.control_number = number
        target.annex_iv = values.annex_iv
        target.basis = values.basis.strip()
        target.classified_on = day
        target.classified_by = author(user)
        stamp(target, user, "classified")
        target.save()
    return target


# ------------------------------------------------------------------------------- licences


def _licence_checks(values: LicenceValues) -> tuple[list[str], list[str]]:
    errors: dict[str, str] = {}
    if not values.number.strip():
        errors["number"] = _("Give the licence number.")
    if values.kind not in Licence.Kind.values:
        errors["kind"] = _("Unknown kind of licence.")
    code = values.eu_authorisation.strip().upper()
    countries_text = values.countries
    if values.kind == Licence.Kind.EU_GENERAL:
        if code not in rules.EU_GENERAL_AUTHORISATIONS:
            errors["eu_authorisation"] = _("Choose the Union general authorisation (EU001-EU008).")
        elif not countries_text.strip():
            countries_text = " ".join(rules.EU_GENERAL_AUTHORISATIONS[code][1])
    elif code:
        errors["eu_authorisation"] = _("Only a Union general authorisation has an EU number.")
    elif values.valid_until is None and values.kind in (
        Licence.Kind.INDIVIDUAL,
        Licence.Kind.GLOBAL,
    ):
        errors["valid_until"] = _("An individual or global licence has an end date.")
    codes: list[str] = []
    try:
        codes = _country_list(countries_text, "countries")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if not codes and "countries" not in errors:
        errors["countries"] = _("List the countries of destination the licence covers.")
    numbers: list[str] = []
    for raw in values.control_numbers.replace(",", " ").split():
        try:
            numbers.append(rules.normalise_control_number(raw))
        except TradeInputError as exc:
            errors["control_numbers"] = translate(exc.message)  # type: ignore[arg-type]
    if len(numbers) > MAX_CODES:
        errors["control_numbers"] = _("At most %(count)s codes.") % {"count": MAX_CODES}
    if not numbers and not values.products and "control_numbers" not in errors:
        errors["control_numbers"] = _(
            "Give the control numbers or the products the licence covers."
        )
    if values.valid_until is not None and values.valid_until < values.valid_from:
        errors["valid_until"] = _("The licence cannot end before it starts.")
    if not countries.is_currency(values.currency.upper()):
        errors["currency"] = _("Unknown currency code.")
    if errors:
        raise ValidationError(errors)
    return codes, sorted(set(numbers))


def save_licence(*, licence: Licence | None, values: LicenceValues, user: Actor) -> Licence:
    """Record or change a licence; its limits cannot go below what shipments already took."""
    require(user, Action.CREATE if licence is None else Action.CHANGE, Record.EXPORT_LICENCE)
    codes, numbers = _licence_checks(values)
    with transaction.atomic():
        if licence is not None:
            licence = Licence.objects.select_for_update().get(pk=licence.pk)
            quantity, value = selectors.usage(licence)
            errors: dict[str, str] = {}
            if values.quantity_limit is not None and values.quantity_limit < quantity:
                errors["quantity_limit"] = _(
                    "Shipments already took %(used)s: the limit cannot be lower."
                ) % {"used": formats.number_format(quantity)}
            if values.value_limit is not None and values.value_limit < value:
                errors["value_limit"] = _(
                    "Shipments already took %(used)s: the limit cannot be lower."
                ) % {"used": formats.number_format(value, 2)}
            if licence.allocations.exists() and values.currency.upper() != licence.currency:
                errors["currency"] = _(
                    "Shipments already took value in %(currency)s: the currency stays."
                ) % {"currency": licence.currency}
            if errors:
                raise ValidationError(errors)
        elif Licence.objects.filter(number=values.number.strip()).exists():
            raise ValidationError({"number": _("A licence with this number is already recorded.")})
        target = licence or Licence(created_by=author(user))
        old_until = target.valid_until
        target.number = values.number.strip()[:60]
        target.kind = values.kind
        target.eu_authorisation = (
            values.eu_authorisation.strip().upper()
            if values.kind == Licence.Kind.EU_GENERAL
            else ""
        )
        target.authority = values.authority.strip()[:120]
        target.countries = " ".join(codes)
        target.control_numbers = " ".join(numbers)
        target.end_use = values.end_use.strip()[:300]
        target.quantity_limit = values.quantity_limit
        target.value_limit = values.value_limit
        target.currency = values.currency.upper()
        target.valid_from = values.valid_from
        target.valid_until = values.valid_until
        target.suspended = values.suspended
        target.responsible = values.responsible
        target.notes = values.notes.strip()
        task = target.expiry_task
        if licence is not None and old_until != values.valid_until and task is not None:
            # renewed or shortened: the reminder follows the new date (the job opens it again)
            parties.close_tasks(tasks=[task], user=user, reason="licence dates changed")
            target.expiry_task = None
        stamp(target, user, "created" if licence is None else "changed")
        target.save()
        target.products.set(values.products)
        target.end_users.set(values.end_users)
    return target


# ------------------------------------------------------------------------------ allocations


def _open_for_allocation(shipment: Shipment) -> None:
    if shipment.direction != Direction.EXPORT:
        raise ValidationError(_("Only an export shipment takes from an export licence."))
    if shipment.status == Shipment.Status.CANCELLED:
        raise ValidationError(_("The shipment is cancelled."))
    if selectors.has_departed(shipment):
        raise ValidationError(
            _("The shipment has left: what it took from the licence cannot change any more.")
        )


def allocate(*, line: ShipmentLine, values: AllocationValues, user: Actor) -> Allocation:
    """Take a controlled line's quantity and value from a licence that covers it (country,
    product or control number, end user, dates, what is left)."""
    require(user, Action.CREATE, Record.LICENCE_ALLOCATION)
    shipment = line.shipment
    _open_for_allocation(shipment)
    known = selectors.classifications([line.product_id or 0]).get(line.product_id or 0)
    if known is None or not known.is_controlled:
        raise ValidationError(_("This line's product has no control list number."))
    if hasattr(line, "licence_allocation"):
        raise ValidationError(
            _("This line already takes from licence %(number)s: remove that first.")
            % {"number": line.licence_allocation.licence.number}
        )
    with transaction.atomic():
        licence = Licence.objects.select_for_update().filter(pk=values.licence_id).first()
        if licence is None:
            raise ValidationError({"licence": _("Unknown licence.")})
        quantity = values.quantity if values.quantity is not None else line.quantity
        if quantity <= 0 or quantity > line.quantity:
            raise ValidationError(
                {
                    "quantity": _("Between 0 and the line's quantity (%(quantity)s).")
                    % {"quantity": formats.number_format(line.quantity)}
                }
            )
        value = values.value
        if value is None:
            if shipment.currency != licence.currency:
                raise ValidationError(
                    {
                        "value": _(
                            "The shipment is in %(shipment)s, the licence in %(licence)s: "
                            "give the value in %(licence)s."
                        )
                        % {"shipment": shipment.currency, "licence": licence.currency}
                    }
                )
            value = (
                line.value
                if quantity == line.quantity
                else (line.value * quantity / line.quantity).quantize(Decimal("0.01"))
            )
        if value < 0:
            raise ValidationError({"value": _("The value cannot be negative.")})
        need = selectors.line_need(line, known, shipment, selectors.export_date(shipment))
        need = rules.LineNeed(
            product_id=need.product_id,
            product=need.product,
            control_number=need.control_number,
            country=need.country,
            on=need.on,
            quantity=quantity,
            value=value,
            currency=licence.currency,
            end_user_ids=need.end_user_ids,
        )
        refused = rules.licence_refusals(selectors.licence_facts(licence), need)
        if refused:
            raise ValidationError({"licence": [translate(r) for r in refused]})
        allocation = Allocation(
            licence=licence,
            shipment=shipment,
            shipment_line=line,
            quantity=quantity,
            value=value,
            created_by=author(user),
        )
        stamp(allocation, user, "allocated")
        allocation.save()
    return allocation


def remove_allocation(*, allocation: Allocation, user: Actor) -> None:
    require(user, Action.DELETE, Record.LICENCE_ALLOCATION)
    _open_for_allocation(allocation.shipment)
    with transaction.atomic():
        stamp(allocation, user, "removed")
        allocation.delete()


# -------------------------------------------------------------------------------- daily job


def _reminder_user(licence: Licence) -> User | None:
    if licence.responsible is not None and licence.responsible.is_active:
        return licence.responsible
    if licence.created_by is not None and licence.created_by.is_active:
        return licence.created_by
    return None


def remind_expiring_licences(day: dt.date | None = None) -> int:
    """Open a task for each licence ending within :data:`EXPIRY_NOTICE_DAYS` (renew it or
    stop using it), once per end date."""
    today = day or local_today()
    count = 0
    for licence in selectors.expiring_licences(today, EXPIRY_NOTICE_DAYS):
        person = _reminder_user(licence)
        if person is None or licence.valid_until is None:
            continue
        with transaction.atomic():
            task = parties.open_task(
                title=(
                    _("Export licence %(number)s expires on %(day)s: renew it or stop using it")
                    % {
                        "number": licence.number,
                        "day": formats.date_format(licence.valid_until, "SHORT_DATE_FORMAT"),
                    }
                )[:200],
                due=max(today, licence.valid_until - dt.timedelta(days=30)),
                assigned_to=person,
                notes=licence.get_absolute_url(),
                user=None,
            )
            licence.expiry_task = task
            stamp(licence, None, "expiry reminder")
            licence.save(update_fields=["expiry_task"])
        count += 1
    return count
