"""What the purchase order PDF shows, in the supplier's language, and its e-mail.

The order is laid out by ``comptoir.documents.purchase_order`` from plain values built
here; the e-mail is sent by a job (``tasks.email_purchase_order``), as sales sends offers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.calculators.texts import translate
from comptoir.common.countries import country_name
from comptoir.documents.purchase_order import (
    PurchaseOrderDocument,
    PurchaseOrderRow,
    render_purchase_order,
)
from comptoir.parties.models import Address, Company
from comptoir.sales.models import SellerProfile
from comptoir.trade import purchasing as rules

from . import selectors
from .models import BalanceTrigger, PaymentInstrument, PurchaseOrder


def _number(value: Decimal, places: int) -> str:
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _quantity(value: Decimal) -> str:
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _number(value, places)


def _date(value: dt.date | dt.datetime | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _address(address: Address | None, language: str) -> tuple[str, ...]:
    if address is None:
        return ()
    lines = [address.label or address.company.name, address.line1, address.line2]
    lines.append(f"{address.postcode} {address.city}".strip())
    lines.append(country_name(address.country, language))
    return tuple(line for line in lines if line)


def _buyer(language: str) -> tuple[str, ...]:
    seller = SellerProfile.current()
    if seller is None:
        return ()
    return tuple(
        line
        for line in (
            seller.legal_name,
            seller.street,
            f"{seller.postcode} {seller.city}",
            country_name(seller.country, language),
            _("VAT no. %(vat)s") % {"vat": seller.vat_number} if seller.vat_number else "",
            f"EORI {seller.eori}" if seller.eori else "",
            seller.email,
        )
        if line
    )


def _deliver_to(order: PurchaseOrder, language: str) -> tuple[str, ...]:
    if order.delivery_address is not None:
        return _address(order.delivery_address, language)
    seller = SellerProfile.current()
    if seller is None:
        return ()
    return (
        seller.legal_name,
        seller.street,
        f"{seller.postcode} {seller.city}",
        country_name(seller.country, language),
    )


def _supplier(company: Company, language: str) -> tuple[str, ...]:
    address = company.addresses.order_by("pk").first()
    lines = [company.name]
    if address is not None:
        lines += [address.line1, address.line2, f"{address.postcode} {address.city}".strip()]
    elif company.city:
        lines.append(company.city)
    lines.append(country_name(company.country, language))
    return tuple(line for line in lines if line)


def payment_terms_text(order: PurchaseOrder) -> str:
    """The payment terms in words (the current language): instrument, deposit, balance."""
    parts = [str(PaymentInstrument(order.payment_instrument).label)]
    total = selectors.order_total(order)
    for item in rules.payment_schedule(
        rules.PaymentTerms(
            instrument=order.payment_instrument,
            total=total,
            currency=order.currency,
            deposit_pct=order.deposit_pct,
            trigger=order.balance_trigger,
            days=order.payment_days,
        ),
        {},
    ):
        event = str(BalanceTrigger(item.trigger).label).lower()
        parts.append(
            _("%(pct)s %% (%(amount)s %(currency)s): %(rule)s — %(event)s")
            % {
                "pct": _quantity(item.percent),
                "amount": _number(item.amount, 2),
                "currency": order.currency,
                "rule": translate(item.rule),
                "event": event,
            }
        )
    return "; ".join(parts)


def build_document(order: PurchaseOrder) -> PurchaseOrderDocument:
    """The order's PDF content in ``order.language`` (call inside translation.override)."""
    language = order.language
    lines = list(selectors.order_lines(order))
    rows = tuple(
        PurchaseOrderRow(
            position=str(line.position),
            our_reference=line.product.reference,
            supplier_reference=line.supplier_reference,
            description=line.description or line.product.name(language),
            quantity=_quantity(line.quantity),
            unit=line.unit,
            unit_price=_number(line.unit_price, 4 if line.unit_price % Decimal("0.01") else 2),
            amount=_number(line.amount, 2),
            date=_date(line.confirmed_date or line.requested_date),
        )
        for line in lines
    )
    number = order.number or _("DRAFT")
    revision = (
        _("Revision %(n)d of %(date)s") % {"n": order.revision, "date": _date(order.issued_at)}
        if order.revision
        else ""
    )
    facts: list[tuple[str, str]] = [
        (_("Order number"), number),
        (_("Order date"), _date(order.order_date)),
    ]
    if revision:
        facts.append((_("Revision"), revision))
    if order.supplier_reference:
        facts.append((_("Your quotation"), order.supplier_reference))
    if order.tender_reference:
        facts.append((_("Call for tender"), order.tender_reference))
    facts.append((_("Requested ready date"), _date(order.requested_date) or "—"))
    if order.confirmed_date:
        facts.append((_("Confirmed ready date"), _date(order.confirmed_date)))
    terms: list[tuple[str, str]] = [
        (_("Incoterms® 2020"), f"{order.incoterm} {order.named_place} (Incoterms® 2020)"),
        (_("Currency"), order.currency),
        (_("Payment terms"), payment_terms_text(order)),
        (
            _("Quantity tolerance"),
            _("%(pct)s %%")
            % {
                "pct": _quantity(
                    rules.receipt_tolerance(
                        lines[0].unit if lines else "pcs", order.receipt_tolerance_pct
                    )
                )
            },
        ),
        (
            _("Claims"),
            _("Apparent defects and shortages notified within %(days)d days of receipt.")
            % {"days": order.claim_days or rules.DEFAULT_CLAIM_DAYS},
        ),
    ]
    return PurchaseOrderDocument(
        language=language,
        title=_("PURCHASE ORDER %(number)s") % {"number": number},
        subtitle=_("Please confirm this order by return (quantities, prices, ready date)."),
        buyer=_buyer(language),
        supplier_title=_("Supplier"),
        supplier=_supplier(order.supplier, language),
        deliver_title=_("Deliver to"),
        deliver_to=_deliver_to(order, language),
        facts=tuple(facts),
        headers=(
            _("No."),
            _("Our ref. / your ref."),
            _("Description"),
            _("Date"),
            _("Quantity"),
            _("Unit"),
            _("Unit price"),
            _("Amount"),
        ),
        rows=rows,
        total_label=_("Total %(currency)s") % {"currency": order.currency},
        total=_number(selectors.order_total(order), 2),
        terms_title=_("Goods ordered"),
        terms=tuple(terms),
        conditions=order.terms,
        footer=f"{number} {revision}".strip(),
    )


def order_pdf(order: PurchaseOrder) -> bytes:
    with translation.override(order.language):
        return render_purchase_order(build_document(order))


def order_filename(order: PurchaseOrder) -> str:
    suffix = f"-rev{order.revision}" if order.revision else ""
    return f"{order.number or 'draft-' + str(order.pk)}{suffix}.pdf"


def recipient(order: PurchaseOrder) -> str:
    contact = order.supplier.contacts.exclude(email="").order_by("pk").first()
    if contact is not None:
        return str(contact.email)
    return str(order.supplier.email or "")


def send_order_email(order_id: int, sender_id: int | None) -> str:
    """Send the issued order with its PDF, in the supplier's language."""
    order = PurchaseOrder.objects.select_related("supplier").get(pk=order_id)
    to = recipient(order)
    if not to or not order.number:
        return ""
    sender = get_user_model().objects.filter(pk=sender_id).first() if sender_id else None
    with translation.override(order.language):
        subject = _("Purchase order %(number)s") % {"number": order.number}
        if order.revision:
            subject += " — " + _("revision %(n)d") % {"n": order.revision}
        body = _(
            "Hello,\n\nPlease find attached our purchase order %(number)s. Please confirm it "
            "by return with the quantities, prices and ready date.\n\nBest regards,\n%(name)s"
        ) % {
            "number": order.number,
            "name": (sender.get_full_name() or sender.get_username()) if sender else "",
        }
    reply_to = [sender.email] if sender is not None and sender.email else None
    message = EmailMessage(subject, body, to=[to], reply_to=reply_to)
    message.attach(order_filename(order), order_pdf(order), "application/pdf")
    message.send()
    return to
