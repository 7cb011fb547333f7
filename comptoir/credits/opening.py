"""The opening request of an import credit, built from the credit's data in French or English
(rendered by ``comptoir.documents.lc_opening``)."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.documents.lc_opening import (
    OpeningDocument,
    OpeningRequest,
    OpeningSection,
    render_opening_request,
)
from comptoir.sales.models import SellerProfile

from .models import Credit


def _day(value: dt.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _amount(credit: Credit) -> str:
    text = f"{credit.currency} {formats.number_format(credit.amount, 2, use_l10n=True, force_grouping=True)}"
    if credit.about:
        return _("about %(amount)s (10 %% more or less, UCP 600 art. 30 a)") % {"amount": text}
    if credit.tolerance_plus_pct is not None or credit.tolerance_minus_pct is not None:
        return _("%(amount)s, tolerance +%(plus)s %% / −%(minus)s %%") % {
            "amount": text,
            "plus": credit.tolerance_plus_pct or 0,
            "minus": credit.tolerance_minus_pct or 0,
        }
    return text


def build_request(credit: Credit) -> OpeningRequest:
    """The request in the active language."""
    seller = SellerProfile.current()
    applicant = (
        credit.applicant_name or (seller.legal_name if seller else ""),
        credit.applicant_address
        or (f"{seller.street}, {seller.postcode} {seller.city}" if seller else ""),
        f"SIREN {seller.siren}" if seller else "",
    )
    bank = (
        credit.issuing_bank,
        f"BIC {credit.issuing_bank_bic}" if credit.issuing_bank_bic else "",
        _("Trade finance department"),
    )
    availability = credit.get_availability_display()
    if credit.availability in ("deferred", "acceptance"):
        availability += " — " + _("%(days)s days after %(basis)s") % {
            "days": credit.usance_days,
            "basis": credit.usance_basis or _("the bill of lading date"),
        }
    sections = (
        OpeningSection(
            _("The credit"),
            (
                (
                    _("Form"),
                    _("Irrevocable") + (", " + _("transferable") if credit.transferable else ""),
                ),
                (_("Confirmation"), _("requested") if credit.confirmed else _("not requested")),
                (
                    _("Beneficiary"),
                    f"{credit.beneficiary_name}\n{credit.beneficiary_address}".strip(),
                ),
                (
                    _("Advising bank"),
                    " ".join(filter(None, (credit.advising_bank, credit.advising_bank_bic))) or "—",
                ),
                (_("Amount"), _amount(credit)),
                (
                    _("Expiry"),
                    f"{_day(credit.expiry_date)} — {credit.expiry_place or credit.expiry_country}",
                ),
                (_("Available with"), credit.get_available_with_display()),
                (_("Available by"), availability),
                (_("Charges"), credit.get_charges_display()),
            ),
        ),
        OpeningSection(
            _("Shipment"),
            (
                (_("Latest shipment date"), _day(credit.latest_shipment_date)),
                (_("Port or place of loading"), credit.port_of_loading or "—"),
                (_("Port or place of discharge"), credit.port_of_discharge or "—"),
                (_("Partial shipments"), credit.get_partial_shipments_display()),
                (_("Transhipment"), credit.get_transhipment_display()),
                (_("Incoterm® 2020"), f"{credit.incoterm} {credit.named_place}".strip() or "—"),
                (
                    _("Presentation period"),
                    _("%(days)s days after the date of shipment, within the validity of the credit")
                    % {"days": credit.presentation_days},
                ),
            ),
        ),
        OpeningSection(
            _("Goods"),
            (
                (_("Description"), credit.goods_description or "—"),
                (
                    _("Quantity"),
                    f"{formats.number_format(credit.quantity, use_l10n=True)} {credit.unit}".strip()
                    if credit.quantity is not None
                    else "—",
                ),
                (
                    _("Unit price"),
                    f"{credit.currency} {formats.number_format(credit.unit_price, use_l10n=True)}"
                    if credit.unit_price is not None
                    else "—",
                ),
                (_("Our purchase reference"), credit.purchase_reference or "—"),
            ),
        ),
        OpeningSection(
            _("Special conditions"),
            ((_("Conditions"), credit.special_conditions or "—"),),
        ),
    )
    documents = []
    for d in credit.documents.all():
        details = [
            text
            for text in (
                _("issued by %(issuer)s") % {"issuer": d.get_issuer_display()} if d.issuer else "",
                _("consigned to %(who)s") % {"who": d.consignee} if d.consignee else "",
                _("notify %(who)s") % {"who": d.notify} if d.notify else "",
                _("freight %(terms)s") % {"terms": d.get_freight_display()} if d.freight else "",
                _("clean on board") if d.clean_on_board else "",
                _("cover %(pct)s %% of the invoice value") % {"pct": d.cover_pct}
                if d.cover_pct is not None
                else "",
                d.risks,
                _("legalised") if d.legalised else "",
                d.details,
            )
            if text
        ]
        documents.append(
            OpeningDocument(
                d.get_type_display(),
                _("%(originals)s original(s), %(copies)s copy(ies)")
                % {"originals": d.originals, "copies": d.copies},
                "; ".join(details),
            )
        )
    city = seller.city if seller else ""
    return OpeningRequest(
        language=translation.get_language() or "en",
        title=_("Request to open a documentary credit"),
        subtitle=_("Our reference %(ref)s") % {"ref": credit.reference},
        applicant=tuple(line for line in applicant if line),
        bank=tuple(line for line in bank if line),
        place_and_date=f"{city}, {_day(credit.issue_date or credit.created_at.date())}".strip(", "),
        intro=_(
            "We request you to open by SWIFT (MT700) an irrevocable documentary credit on the "
            "following terms, for our account and under our responsibility."
        ),
        sections=sections,
        documents_title=_("Documents required"),
        documents_headers=(_("Document"), _("Originals and copies"), _("Details")),
        documents=tuple(documents),
        rules_line=_(
            "This credit is subject to the Uniform Customs and Practice for Documentary "
            "Credits, 2007 Revision, ICC Publication No. 600."
        ),
        undertaking=_(
            "We authorise you to debit our account with the amount of the drawings and your "
            "charges, and undertake to reimburse you on first demand under the terms of our "
            "trade finance agreement."
        ),
        signature_title=_("Authorised signature and company stamp"),
        signature_lines=(seller.legal_name if seller else "",),
    )


def opening_request_pdf(credit: Credit, language: str) -> bytes:
    with translation.override(language):
        return render_opening_request(build_request(credit))


def filename(credit: Credit, language: str) -> str:
    return f"{credit.reference}-opening-request-{language}.pdf"
