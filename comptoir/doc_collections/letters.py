"""The collection's documents as PDF: the instruction to our bank (URC 522 art. 4, in French
or English) and the bill of exchange on the drawee (ULB art. 1: the words "bill of
exchange", the unconditional order to pay a sum, the drawee, the due date, the place of
payment, the payee, the date and place of issue, the drawer's signature).

What they say is decided here, from the collection and our company; the layout is
:mod:`comptoir.documents.bank_instruments`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.calculators.texts import translate
from comptoir.common.countries import country_name
from comptoir.common.dates import today
from comptoir.documents.bank_instruments import (
    BillOfExchange,
    CollectionInstruction,
    Party,
    Section,
    amount_in_words,
    render_bill,
    render_instruction,
)
from comptoir.sales.models import SellerProfile
from comptoir.trade.money import minor_units

from . import selectors
from .models import Charges, Collection, Kind, Tenor

LANGUAGES = ("fr", "en")


def _amount(value: Decimal, currency: str) -> str:
    return f"{formats.number_format(value, 2, use_l10n=True, force_grouping=True)} {currency}"


def _day(value: dt.date | None) -> str:
    return str(formats.date_format(value, "DATE_FORMAT")) if value else "—"


def _us() -> tuple[Party, str, str]:
    seller = SellerProfile.current()
    if seller is None:
        return Party("", ()), "", ""
    lines = (
        seller.street,
        f"{seller.postcode} {seller.city}",
        country_name(seller.country, translation.get_language() or "en").upper(),
        " · ".join(x for x in (seller.phone, seller.email) if x),
    )
    return Party(seller.trade_name or seller.legal_name, lines), seller.city, seller.legal_name


def tenor_text(collection: Collection) -> str:
    days = collection.tenor_days
    return {
        Tenor.SIGHT: _("at sight"),
        Tenor.DAYS_AFTER_SIGHT: _("at %(days)d days after sight") % {"days": days},
        Tenor.DAYS_AFTER_BL: _("at %(days)d days after the bill of lading date (%(day)s)")
        % {"days": days, "day": _day(collection.bl_date)},
        Tenor.DAYS_AFTER_INVOICE: _("at %(days)d days after the invoice date (%(day)s)")
        % {"days": days, "day": _day(collection.invoice_date)},
        Tenor.FIXED_DATE: _("on %(day)s") % {"day": _day(collection.fixed_due_date)},
    }[Tenor(collection.tenor)]


def _charges_text(collection: Collection) -> str:
    text = {
        Charges.DRAWEE: _("All banking charges are for the drawee's account."),
        Charges.DRAWER: _("All banking charges are for our account."),
        Charges.SHARED: _(
            "Your charges are for our account; the collecting bank's charges are for the "
            "drawee's account."
        ),
    }[Charges(collection.charges)]
    if collection.charges != Charges.DRAWER:
        text += " " + (
            _("These charges may be waived if the drawee refuses them.")
            if collection.charges_waivable
            else _(
                "These charges may NOT be waived: do not release the documents if the drawee "
                "refuses to pay them (URC 522 art. 21 b)."
            )
        )
    return text


def build_instruction(collection: Collection) -> CollectionInstruction:
    """The collection instruction in the active language."""
    sender, city, legal_name = _us()
    invoices = ", ".join(str(i) for i in collection.invoices.all())
    release = (
        _("Release the documents against PAYMENT (D/P).")
        if collection.kind == Kind.DP
        else _("Release the documents against ACCEPTANCE of the bill of exchange (D/A).")
    )
    terms_rows: list[tuple[str, str]] = [
        (_("Amount to collect"), _amount(collection.amount, collection.currency)),
        (_("Terms"), release),
        (_("Tenor of the bill"), tenor_text(collection)),
    ]
    if collection.bill_of_exchange:
        terms_rows.append(
            (_("Bill of exchange"), _("Enclosed, drawn by us on the drawee, to our order."))
        )
    if collection.interest_rate:
        terms_rows.append(
            (
                _("Interest"),
                _(
                    "%(rate)s %% a year, basis 360 days, from the due date to payment (URC 522 art. 20)."
                )
                % {"rate": formats.number_format(collection.interest_rate, 2)},
            )
        )
    if collection.kind == Kind.DP and collection.tenor != Tenor.SIGHT:
        terms_rows.append(
            (
                _("Note"),
                _(
                    "The bill is payable at a future date: the documents are released only "
                    "against payment (URC 522 art. 7 c)."
                ),
            )
        )
    protest = []
    if collection.kind == Kind.DA:
        protest.append(
            _("Protest for non-acceptance: yes.")
            if collection.protest_non_acceptance
            else _("Protest for non-acceptance: no.")
        )
    protest.append(
        _("Protest for non-payment: yes.")
        if collection.protest_non_payment
        else _("Protest for non-payment: no.")
    )
    instructions: list[tuple[str, str]] = [
        (_("Charges"), _charges_text(collection)),
        (_("Protest"), " ".join(protest)),
        (
            _("If unpaid or not accepted"),
            collection.unpaid_instructions
            or _("Advise us at once, giving the reason, and await our instructions."),
        ),
        (
            _("Advices"),
            _(
                "Advise acceptance, payment, non-acceptance or non-payment by %(how)s, without "
                "delay (URC 522 art. 26)."
            )
            % {"how": collection.advise_by},
        ),
        (
            _("Proceeds"),
            _("Credit the proceeds to our account with you, quoting our reference %(ref)s.")
            % {"ref": collection.number},
        ),
    ]
    if collection.case_of_need:
        instructions.append(
            (
                _("Case-of-need"),
                _("%(name)s, who may: %(powers)s")
                % {
                    "name": collection.case_of_need,
                    "powers": collection.case_of_need_powers or _("only give information"),
                },
            )
        )
    documents = tuple(
        (d.get_kind_display(), d.reference, str(d.originals), str(d.copies))
        for d in collection.documents.all()
    )
    recipient_lines = tuple(
        line
        for line in (
            collection.remitting_bank_bic and f"BIC {collection.remitting_bank_bic}",
            collection.remitting_bank.city if collection.remitting_bank else "",
        )
        if line
    )
    return CollectionInstruction(
        language=translation.get_language() or "en",
        title=_("Documentary collection instruction"),
        subtitle=_(
            "Subject to the Uniform Rules for Collections, ICC Publication No. 522 (URC 522)"
        ),
        sender=sender,
        recipient=Party(collection.remitting_bank_name, recipient_lines),
        place_and_date=_("%(city)s, %(day)s") % {"city": city, "day": _day(today())},
        references=(
            (_("Our reference"), collection.number),
            (_("Invoices"), invoices),
            *(
                ((_("Your reference"), collection.remitting_reference),)
                if collection.remitting_reference
                else ()
            ),
        ),
        sections=(
            Section(
                _("Principal (drawer)"),
                rows=((_("Name"), legal_name), (_("Address"), "\n".join(sender.lines[:3]))),
            ),
            Section(
                _("Drawee"),
                rows=(
                    (_("Name"), collection.drawee_name),
                    (_("Address for presentation"), collection.drawee_address),
                ),
            ),
            Section(
                _("Collecting (presenting) bank"),
                rows=(
                    (_("Bank"), collection.collecting_bank_name),
                    ("BIC", collection.collecting_bank_bic),
                    (_("Address"), collection.collecting_bank_address or "—"),
                ),
            ),
            Section(_("Terms of the collection"), rows=tuple(terms_rows)),
            Section(_("Instructions"), rows=tuple(instructions)),
        ),
        documents_title=_("Documents enclosed"),
        documents_head=(_("Document"), _("Reference"), _("Originals"), _("Copies")),
        documents=documents,
        closing=_(
            "Please send the documents to the collecting bank above and handle this collection "
            "according to these instructions and URC 522."
        ),
        signature=(legal_name, _("Authorised signature")),
        footer=_(
            "Goods are not consigned to the collecting bank without its prior agreement "
            "(URC 522 art. 10)."
        ),
    )


def build_bill(collection: Collection) -> BillOfExchange:
    """The bill of exchange in the active language, in two parts (first and second)."""
    sender, city, legal_name = _us()
    language = translation.get_language() or "en"
    words = amount_in_words(
        collection.amount, collection.currency, language, minor_units(collection.currency)
    )
    result = selectors.due_date_result(collection)
    due = _day(result.due_date) if result.due_date else tenor_text(collection)
    payee = collection.remitting_bank_name or legal_name
    order = _(
        "%(tenor)s, pay against this bill of exchange to the order of %(payee)s the sum of "
        "%(words)s (%(figure)s). Value received, as per our invoice(s) %(invoices)s."
    ) % {
        "tenor": tenor_text(collection)[:1].upper() + tenor_text(collection)[1:],
        "payee": payee,
        "words": words,
        "figure": _amount(collection.amount, collection.currency),
        "invoices": ", ".join(str(i) for i in collection.invoices.all()),
    }
    return BillOfExchange(
        language=language,
        title=_("BILL OF EXCHANGE"),
        copies=(
            _("First of exchange (second unpaid)"),
            _("Second of exchange (first unpaid)"),
        ),
        amount_figure=_amount(collection.amount, collection.currency),
        place_and_date=_("Drawn at %(city)s on %(day)s") % {"city": city, "day": _day(today())},
        order_text=order,
        drawee_title=_("Drawee"),
        drawee=Party(collection.drawee_name, tuple(collection.drawee_address.splitlines())),
        payment_place=_("Payable at: %(bank)s") % {"bank": collection.collecting_bank_name},
        references=(
            (_("Due date"), due),
            (_("Collection"), collection.number),
            (_("Rule"), translate(result.rule)),
        ),
        drawer_title=_("Drawer"),
        drawer=Party(legal_name, ()),
        acceptance_title=_("Accepted for payment on the due date"),
        acceptance_text=_("Date and drawee's signature:"),
    )


def instruction_pdf(collection: Collection, language: str) -> bytes:
    with translation.override(language if language in LANGUAGES else "en"):
        return render_instruction(build_instruction(collection))


def bill_pdf(collection: Collection, language: str) -> bytes:
    with translation.override(language if language in LANGUAGES else "en"):
        return render_bill(build_bill(collection))


def default_language(collection: Collection, document: str) -> str:
    """The instruction in our bank's language (French for a French bank), the bill in the
    drawee's."""
    if document == "bill":
        language = collection.client.language
    elif collection.remitting_bank is not None:
        language = collection.remitting_bank.language
    else:
        seller = SellerProfile.current()
        language = "fr" if seller is None or seller.country == "FR" else "en"
    return language if language in LANGUAGES else "en"
