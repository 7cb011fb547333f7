"""The tax facts of an invoice, decided once at issue and stored on it.

Where the goods go decides the VAT case (``invoicing.vat_for_dispatch``): the departure
country of the order, the delivery address of the delivery, else of the order, else the
client's default delivery address, else the client's country. The facts (case, rate, EN
16931 category and exemption code, mentions in French and English, the dispatch, the points
the user checked, the ECB rate for VAT in EUR) are written on the invoice when it is issued;
the PDF, the Factur-X file and every credit note read them, never the client's current record.
A credit note reverses the VAT actually invoiced (CGI art. 272-1; directive 2006/112/EC
art. 90): it copies the facts of the invoice it corrects, whatever changed since.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from comptoir.parties.models import Address, Company
from comptoir.trade import fx, invoice_document, invoicing
from comptoir.trade.errors import TradeInputError

from .models import Invoice, Offer, Order, SellerProfile


def delivery_address(
    invoice: Invoice | None = None, *, order: Order | Offer | None = None
) -> Address | None:
    """The address the goods go to: the delivery's, the order's (or offer's), the client's
    default delivery address; None when there is none (the client's country then decides)."""
    order = order or (invoice.order if invoice else None)
    delivery = invoice.delivery if invoice else None
    if delivery is not None and delivery.delivery_address_id:
        return delivery.delivery_address
    if order is not None and order.delivery_address_id:
        return order.delivery_address
    client = invoice.client if invoice else (order.client if order else None)
    if client is None:
        return None
    return client.addresses.filter(kind="delivery").order_by("-is_default", "pk").first()


def address_snapshot(address: Address | None, client: Company) -> dict[str, Any]:
    """The delivery address as printed and written in the Factur-X (BG-15)."""
    if address is None:
        return {"country": client.country, "source": "client_country"}
    return {
        "name": address.label or client.legal_name or client.name,
        "street": address.line1,
        "street2": address.line2,
        "postcode": address.postcode,
        "city": address.city,
        "country": address.country,
        "source": "address",
    }


def dispatch_for(
    *,
    client: Company,
    order: Order | Offer | None,
    ship_to: dict[str, Any],
    seller_country: str = "FR",
) -> invoicing.Dispatch:
    return invoicing.Dispatch(
        departure_country=(order.ship_from_country if order else "") or seller_country,
        arrival_country=ship_to.get("country") or client.country,
        buyer_country=client.country,
        buyer_vat_number=client.vat_number,
        special_case=invoicing.SpecialCase(order.vat_special_case if order else ""),
    )


def treatment_for(
    *,
    client: Company,
    order: Order | Offer | None,
    ship_to: dict[str, Any],
    seller: SellerProfile | None,
) -> invoicing.VatTreatment:
    """The VAT treatment of a sale, as a ``ValidationError`` naming the field when the data
    cannot give one (an unknown country, a VAT number with wrong check digits)."""
    rate = seller.domestic_vat_rate if seller else Decimal("20")
    try:
        return invoicing.vat_for_dispatch(
            dispatch_for(client=client, order=order, ship_to=ship_to), domestic_rate=rate
        )
    except TradeInputError as exc:
        raise vat_case_error(exc) from None


def facts_from(treatment: invoicing.VatTreatment, dispatch: invoicing.Dispatch) -> dict[str, Any]:
    """The tax facts stored on an issued document (``invoice_document.tax_record``)."""
    return invoice_document.tax_record(treatment, dispatch)


def review_points(facts: dict[str, Any], language: str) -> list[dict[str, str]]:
    return [
        {"text": p["text_fr"] if language == "fr" else p["text_en"], "rule": p["rule"]}
        for p in facts.get("review", [])
    ]


def vat_eur_quote(currency: str, day: dt.date) -> tuple[invoice_document.RateQuote | None, str]:
    """The rate for the VAT of an invoice in ``currency``, in EUR: the ECB's latest rate on or
    before the issue date (directive 2006/112/EC art. 91(2); CGI annex II art. 242 nonies A:
    the VAT amount is stated in euros), else the bank rate the company entered for that date
    (the most representative market rate, art. 91(2) first sentence). (None, why) when there
    is none: :func:`missing_vat_eur_rate` says so when the invoice has VAT."""
    from comptoir.calculators.models import company_rate_source

    try:
        quote = fx.ChainRateSource(fx.EcbRateSource(), company_rate_source()).quote(
            currency, "EUR", day
        )
    except fx.RateNotFoundError as exc:
        return None, exc.message
    return invoice_document.RateQuote(quote.rate, quote.rate_date, quote.source), ""


def missing_vat_eur_rate(currency: str, day: dt.date, why: str) -> ValidationError:
    return ValidationError(
        _(
            "No rate for %(cur)s on %(date)s (%(why)s): the VAT of an invoice in another "
            "currency is stated in EUR at the ECB's rate. Import a newer ECB file "
            "(comptoir rates import) or enter the bank's rate under Calculators → Our "
            "exchange rates."
        )
        % {"cur": currency, "date": day.isoformat(), "why": why}
    )


def vat_case_error(exc: TradeInputError) -> ValidationError:
    """A VAT case that cannot be decided (an unknown country, a VAT number with wrong check
    digits), naming the field."""
    return ValidationError(
        _("The VAT case cannot be decided (%(field)s): %(why)s")
        % {"field": exc.field or "", "why": exc.message}
    )


def preview(
    *,
    client: Company,
    order: Order | Offer | None,
    ship_to: dict[str, Any],
    language: str,
    days: int,
    end_of_month: bool,
) -> dict[str, Any]:
    """What issuing will decide, shown before it happens: the VAT case with its mention and
    the points to check, and the warning on a payment term beyond L441-10 I."""
    from comptoir.common.countries import country_name

    seller = SellerProfile.current()
    result: dict[str, Any] = {
        "arrival": country_name(ship_to.get("country") or client.country, language),
        "address": ship_to if ship_to.get("source") == "address" else None,
        "error": "",
        "review": [],
    }
    try:
        treatment = treatment_for(client=client, order=order, ship_to=ship_to, seller=seller)
    except ValidationError as exc:
        result["error"] = " ".join(exc.messages)
    else:
        result |= {
            "case": treatment.case,
            "rate": treatment.rate,
            "mention": treatment.mention(language),
            "review": [{"text": p.text(language), "rule": p.rule} for p in treatment.review],
        }
    excess = invoicing.payment_term_excess(min(days, invoicing.MAX_PAYMENT_DAYS), end_of_month)
    result["term_warning"] = excess.text(language) if excess else ""
    return result
