"""The demo's freight request: the sea shipment to Casablanca put out to three forwarders,
their quotes (two in EUR, one in USD), the choice with its reason and the forwarder's invoice
with one difference.

Everything goes through the freight services, on a simulated clock like the sales history
(``django.utils.timezone.now`` returns the day each step happened, never later than the real
now): the request is sent twelve days before the goods are ready, the quotes come in over
the next days, the choice is made a week before, the invoice arrives after the delivery.
Needs: the users (``claire``), the shipping demo's shipment whose reference holds "CASA";
the forwarder "Rhône Logistique Internationale" of the demo data (created when missing, with
the two other forwarders asked).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal
from unittest import mock

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.freight import services
from comptoir.freight.inputs import ChargeValues, InvoiceValues, QuoteValues, RequestValues
from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.parties.values import AddressValues, CompanyValues, ContactValues
from comptoir.shipping.models import Shipment

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
D = Decimal

#: The forwarders asked: name -> (country, city, language, currency, e-mail, contact, street).
FORWARDERS = {
    "Rhône Logistique Internationale": (
        "FR",
        "Lyon",
        "fr",
        "EUR",
        "k.haddad@rhone-logistique.fr",
        ("Karim", "Haddad"),
        "12 rue de Gerland",
        "69007",
    ),
    "Havre Maritime Transit": (
        "FR",
        "Le Havre",
        "fr",
        "EUR",
        "cotations@havre-maritime.example",
        ("Sophie", "Lemaire"),
        "45 quai de Southampton",
        "76600",
    ),
    "Atlas Global Logistics": (
        "GB",
        "Felixstowe",
        "en",
        "USD",
        "quotes@atlas-global.example",
        ("James", "Whitfield"),
        "Dock Road 8",
        "IP11 3SY",
    ),
}

#: The quotes as they came: forwarder -> (days after the request, currency, transit days,
#: validity in days, service grade, carrier, lines (kind, amount, description), conditions).
QUOTES = {
    "Rhône Logistique Internationale": (
        2,
        "EUR",
        7,
        30,
        8,
        "CMA CGM",
        [
            ("pre_carriage", "690.00", "Thiers - Le Havre, 20' container, tautliner"),
            ("origin_charges", "230.00", "THC Le Havre"),
            ("main_carriage", "780.00", "Le Havre - Casablanca, 1 x 20DV"),
            ("baf", "145.00", ""),
            ("customs", "95.00", "Export declaration"),
            ("documentation", "65.00", "B/L fee"),
        ],
        "Weekly sailing on Fridays. 7 days free time at destination. Payment 30 days.",
    ),
    "Havre Maritime Transit": (
        3,
        "EUR",
        9,
        21,
        6,
        "Marfret",
        [
            ("pre_carriage", "640.00", "Thiers - Le Havre"),
            ("origin_charges", "215.00", "THC Le Havre"),
            ("main_carriage", "720.00", "Le Havre - Casablanca via Algeciras"),
            ("baf", "160.00", ""),
            ("customs", "85.00", "Export declaration"),
            ("documentation", "55.00", "B/L fee"),
        ],
        "Transhipment in Algeciras. 5 days free time. Payment at 45 days end of month.",
    ),
    "Atlas Global Logistics": (
        4,
        "USD",
        11,
        14,
        5,
        "MSC",
        [
            ("pre_carriage", "750.00", "Door pick-up Thiers"),
            ("origin_charges", "250.00", "THC origin"),
            ("main_carriage", "820.00", "Ocean freight 20DV"),
            ("baf", "150.00", ""),
            ("caf", "40.00", ""),
            ("documentation", "60.00", ""),
        ],
        "Rates subject to space and equipment availability. Payment before release of B/L.",
    ),
}

CHOSEN = "Rhône Logistique Internationale"
REASON = (
    "Direct weekly sailing, 7 days transit for the L/C latest shipment date; they clear the "
    "goods and know the consignee's broker in Casablanca."
)


@contextlib.contextmanager
def _on(day: dt.date, hour: int) -> Iterator[None]:
    """Run as if it were ``day`` at ``hour`` in Paris (never later than the real now)."""
    real = timezone.now()
    moment = min(dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS), real)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _forwarder(name: str, user: User) -> Company:
    found = Company.objects.filter(name=name).first()
    if found is not None:
        return found
    country, city, language, currency, email, (first, last), street, postcode = FORWARDERS[name]
    company = parties.save_company(
        company=None,
        values=CompanyValues(
            name=name,
            roles=("forwarder", "customs_broker"),
            country=country,
            city=city,
            language=language,
            currency=currency,
            time_zone="Europe/London" if country == "GB" else "Europe/Paris",
            email=email,
            payment_days=30,
        ),
        user=user,
        reason="demo data",
    )
    parties.save_address(
        company=company,
        address=None,
        values=AddressValues(
            kind="billing", line1=street, city=city, country=country, postcode=postcode
        ),
        user=user,
    )
    parties.save_contact(
        contact=None,
        values=ContactValues(
            company=company,
            first_name=first,
            last_name=last,
            email=email,
            language=language,
            position="Sales",
        ),
        user=user,
    )
    return company


def build(users: dict[str, User]) -> dict[str, int]:
    """The Casablanca shipment's freight request, quotes, choice and invoice; the counts."""
    claire = users["claire"]
    shipment = Shipment.objects.filter(reference__contains="CASA").first()
    if shipment is None:
        return {"freight_requests": 0, "freight_quotes": 0}
    ready = shipment.milestones.filter(step="ready").values_list("planned_on", flat=True).first()
    ready = ready or timezone.localdate() + dt.timedelta(days=12)
    asked_on = ready - dt.timedelta(days=12)
    providers = [_forwarder(name, claire) for name in FORWARDERS]
    with _on(asked_on, 9):
        request = services.create_request(
            shipment=shipment,
            values=RequestValues(
                providers=tuple(providers),
                reply_by=asked_on + dt.timedelta(days=4),
                ready_on=ready,
                services_asked=(
                    "Pick-up in Thiers (loading dock, forklift), export clearance at Le Havre, "
                    "sea freight 1 x 20' dry container Le Havre - Casablanca port (CFR)."
                ),
                instructions="Cast-iron cookware in cartons on pallets; keep dry.",
            ),
            user=claire,
        )
        services.send_request(request=request, user=claire, email=False)
    quotes = {}
    for provider in providers:
        after, currency, transit, validity, grade, carrier, lines, conditions = QUOTES[
            provider.name
        ]
        received = min(asked_on + dt.timedelta(days=after), timezone.localdate())
        with _on(received, 11):
            quotes[provider.name] = services.save_quote(
                request=request,
                values=QuoteValues(
                    provider=provider,
                    reference=f"Q{received:%y%m%d}-{provider.pk:03d}",
                    received_on=received,
                    currency=currency,
                    transit_days=transit,
                    valid_until=received + dt.timedelta(days=validity),
                    service_grade=grade,
                    carrier_name=carrier,
                    conditions=conditions,
                    lines=tuple(
                        ChargeValues(
                            kind=kind, amount=D(amount), currency=currency, description=text
                        )
                        for kind, amount, text in lines
                    ),
                ),
                user=claire,
            )
    chosen = quotes[CHOSEN]
    with _on(asked_on + dt.timedelta(days=5), 15):
        # Atlas's USD quote is converted at the day's rate (left unscored when none is known)
        request = services.choose_quote(
            request=request,
            quote=chosen,
            user=claire,
            reason=REASON,
            send_booking=False,
        )
    delivered = shipment.milestones.filter(step="delivery").values_list("actual_at", flat=True)
    invoiced_on = (
        timezone.localtime(delivered[0]).date() + dt.timedelta(days=3)
        if delivered and delivered[0]
        else ready + dt.timedelta(days=12)
    )
    invoiced_on = min(invoiced_on, timezone.localdate())
    # THC invoiced 260.00 where 230.00 was quoted: the one difference to dispute
    invoiced = tuple(
        ChargeValues(
            kind=line.kind,
            description=line.description,
            amount=D("260.00") if line.kind == "origin_charges" else line.amount,
        )
        for line in chosen.lines.all()
    )
    with _on(invoiced_on, 10):
        services.save_provider_invoice(
            request=request,
            values=InvoiceValues(
                number=f"RLI-{invoiced_on:%Y}-{request.pk:04d}",
                invoice_date=invoiced_on,
                currency="EUR",
                lines=invoiced,
                notes="Received by e-mail from the forwarder's accounts.",
            ),
            user=claire,
        )
    return {"freight_requests": 1, "freight_quotes": request.quotes.count()}
