"""A year of order to cash for the demo: offers, orders, deliveries, invoices and payments.

Everything goes through the sales services (``comptoir.sales.services`` and ``billing``), so
every rule holds: credit control decides holds, numbers are gapless and chronological (each
document is numbered when it happens, in date order), invoices are issued with their PDF and
SHA-256, payments carry their exchange differences.

The services take "today" from the clock (``send_offer`` refuses a past validity,
``decide_offer`` an expired offer, ``record_payment`` a future date, credit control counts the
days overdue from today). The history is therefore played day by day on a simulated clock:
while an event runs, ``django.utils.timezone.now`` returns that day (never later than the real
now), so each check sees the day it happened and timestamps (sent, confirmed, issued, audit
trail) fall on that day. The clock is restored when the history is built.

Dates are written in :data:`data.SALES_DEALS` on the calendar of :data:`REFERENCE_TODAY` and
shifted to the day the demo is loaded, so the late payers are always 15, 45, 75 and 120 days
overdue. The ECB rates bundled with the application stop at some date: for the weeks after
it, the bank's weekly rates are entered as company rates (``calculators.ExchangeRate``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import itertools
import random
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from schwifty import IBAN
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from comptoir.audit import stamp
from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties import identifiers
from comptoir.parties.models import Activity, Company, Task
from comptoir.sales import billing, collection, numbering, selectors, services
from comptoir.sales import tasks as sales_tasks
from comptoir.sales.models import (
    DunningLevel,
    Invoice,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    Payment,
    PaymentInstrument,
    SellerProfile,
    TransportMode,
)
from comptoir.trade import fx, invoicing
from comptoir.trade.money import round_money

from . import data

#: The day the dates of :data:`data.SALES_DEALS` were written for.
REFERENCE_TODAY = dt.date(2026, 11, 23)
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
#: Commercial discount on a line of 100 units or more (the EUR price list's volume price).
VOLUME_DISCOUNT = (100, Decimal("5"))

# Order of the events of one day, and their time (Paris).
RATES, PAYMENTS, OFFERS, ORDERS, RELEASES, PREPARE, SHIP, CREDIT = range(8)
_HOURS = {
    RATES: (8, 0),
    PAYMENTS: (8, 45),
    OFFERS: (9, 30),
    ORDERS: (10, 30),
    RELEASES: (11, 40),
    PREPARE: (14, 0),
    SHIP: (16, 0),
    CREDIT: (17, 0),
}

_LEAD_TIMES = {
    TransportMode.ROAD: (
        "2 à 3 semaines à réception de commande",
        "2 to 3 weeks from order",
    ),
    TransportMode.SEA: (
        "Expédition sous 4 à 6 semaines, transit maritime en sus",
        "Shipment 4 to 6 weeks from order, sea transit extra",
    ),
    TransportMode.AIR: (
        "Expédition par fret aérien sous 2 à 3 semaines",
        "Shipment by air freight 2 to 3 weeks from order",
    ),
}
_NOTES: dict[str, tuple[str, str]] = {
    PaymentInstrument.CONFIRMED_CREDIT: (
        "Paiement par crédit documentaire irrévocable à vue, confirmé par une banque "
        "française (RUU 600). Expéditions partielles autorisées.",
        "Payment by irrevocable documentary credit at sight, confirmed by a French bank "
        "(UCP 600). Partial shipments allowed.",
    ),
    PaymentInstrument.ADVANCE_PAYMENT: (
        "Paiement : 100 % d'avance par virement à réception de la facture, avant expédition.",
        "Payment: 100 % in advance by bank transfer on receipt of the invoice, before shipment.",
    ),
}


def build_sales(
    users: dict[str, User], companies: list[Company], history: Sequence[data.DealSpec] = ()
) -> dict[str, int]:
    """Our company, the bank's rates and a year of deals (after the deals of earlier years,
    ``history``, played on the same clock: numbers stay chronological); the counts of what
    was made."""
    # fresh users: the profile cached on the given ones may predate their role
    users = {
        name: get_user_model().objects.select_related("profile").get(pk=user.pk)
        for name, user in users.items()
    }
    _seller(users["admin"])
    play = _History(users, {c.name: c for c in companies})
    play.schedule_bank_rates()
    for deal in [*history, *data.SALES_DEALS]:
        play.schedule_deal(deal)
    play.run()
    return {
        "offers": Offer.objects.count(),
        "orders": Order.objects.count(),
        "invoices": Invoice.objects.filter(kind=Invoice.Kind.INVOICE).count(),
        "credit_notes": Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count(),
        "payments": Payment.objects.count(),
    }


def _seller(author: User) -> SellerProfile:
    spec = data.SELLER
    siren = spec["siren"]
    if not fr_siren.is_valid(siren):
        raise ValueError(f"demo SIREN {siren} has no valid Luhn key")
    key = (12 + 3 * (int(siren) % 97)) % 97
    vat_number = f"FR{key:02d}{siren}"
    if not eu_vat.is_valid(vat_number):
        raise ValueError(f"demo VAT number {vat_number} is not valid")
    siret = next(
        f"{siren}{nic:05d}" for nic in range(10, 100) if fr_siret.is_valid(f"{siren}{nic:05d}")
    )
    bank, branch, account = spec["bank"]
    iban = IBAN.generate("FR", bank_code=bank, branch_code=branch, account_code=account)
    seller = SellerProfile(
        legal_name=spec["legal_name"],
        trade_name=spec["trade_name"],
        legal_form=spec["legal_form"],
        street=spec["street"],
        postcode=spec["postcode"],
        city=spec["city"],
        country="FR",
        siren=siren,
        registry=f"{spec['registry']} {siren[:3]} {siren[3:6]} {siren[6:]}",
        vat_number=vat_number,
        eori=f"FR{siret}",
        rex_number=f"FRREXFR{siret}",  # registered exporter: statements on origin over EUR 6,000
        iban=str(iban.compact),
        bic=spec["bic"],
        bank_name=spec["bank_name"],
        email=spec["email"],
        phone=identifiers.normalise_phone(spec["phone"], "FR"),
        website=spec["website"],
        ecb_rate=Decimal("2.15"),
        max_overdue_days=30,
    )
    stamp(seller, author, "demo data")
    seller.save()
    return seller


class _NoMail:
    """Stands for the e-mail job of a dunning letter sent in an earlier year."""

    def enqueue(self, *args: object) -> None:
        return None


class _Clock:
    """The simulated wall clock: a day and time, a millisecond later at each reading."""

    def __init__(self) -> None:
        self.real = timezone.now()
        self.moment = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # set before any event

    def set(self, day: dt.date, phase: int) -> None:
        """Move to the phase's time on ``day``, or a little after the previous event; the
        clock never goes back and never passes the real now."""
        hour, minute = _HOURS[phase]
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).astimezone(dt.UTC)
        after = self.moment + dt.timedelta(minutes=2)
        self.moment = max(self.moment, min(max(local, after), self.real))

    def now(self) -> dt.datetime:
        self.moment += dt.timedelta(milliseconds=1)
        return self.moment

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        with mock.patch.object(timezone, "now", self.now):
            yield


class _History:
    """The deals of the year, played as events in date order on the simulated clock."""

    def __init__(self, users: dict[str, User], clients: dict[str, Company]) -> None:
        self.rng = random.Random(2026)
        self.users = users
        self.clients = clients
        self.today = timezone.localdate()
        self.shift = self.today - REFERENCE_TODAY
        self.clock = _Clock()
        self.products = Product.objects.in_bulk(field_name="reference")
        self.prices = {row[0]: (row[15], row[16]) for row in data.PRODUCTS}
        self._events: list[tuple[dt.date, int, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._consignments = itertools.count(1)

    # ------------------------------------------------------------------ the event queue

    def day(self, iso: str) -> dt.date:
        """A date of the deals table on today's calendar; a weekend (when the shift is not
        whole weeks) becomes the Monday after, or the Friday before if Monday is to come."""
        day = dt.date.fromisoformat(iso) + self.shift
        if day.weekday() >= 5:
            monday = day + dt.timedelta(days=7 - day.weekday())
            day = monday if monday <= self.today else day - dt.timedelta(days=day.weekday() - 4)
        return day

    def at(self, day: dt.date, phase: int, action: Callable[[], None]) -> None:
        if day > self.today:
            raise ValueError(f"demo event on {day.isoformat()}, after today")
        heapq.heappush(self._events, (day, phase, next(self._seq), action))

    def run(self) -> None:
        current = None
        with self.clock.running():
            while self._events:
                day, phase, _seq, action = heapq.heappop(self._events)
                if day != current:
                    current = day
                    self._expire_offers(day)
                self.clock.set(day, phase)
                action()
            self.clock.set(self.today, CREDIT)
            self._expire_offers(self.today)

    def _expire_offers(self, day: dt.date) -> None:
        """Offers past their validity expire; their follow-up was done, the task is closed."""
        self.clock.set(day, RATES)
        expiring = list(Offer.objects.filter(status=Offer.Status.SENT, valid_until__lt=day))
        if not expiring:
            return
        services.expire_offers(day)
        for offer in expiring:
            Task.objects.filter(
                company=offer.client, done_at__isnull=True, title__contains=offer.reference
            ).update(done_at=timezone.now())

    # ------------------------------------------------------------------ exchange rates

    def schedule_bank_rates(self) -> None:
        """The bank's rates after the last ECB fixing bundled here: from the next working
        day, then every Monday."""
        ecb = fx.EcbRateSource()
        currencies = sorted({self.clients[name].currency for name in data.SALES_CLIENTS} - {"EUR"})
        for currency in currencies:
            last = ecb.bounds(currency)[1]
            if last >= self.today:
                continue
            valid_from = min(self._workday(last + dt.timedelta(days=1)), self.today)
            rate = ecb.quote(currency, "EUR", last).rate
            while valid_from <= self.today:
                rate *= Decimal(1 + self.rng.uniform(-0.006, 0.006))
                # the bank buys our foreign currency about 0.25 % below the market
                bank = (rate * Decimal("0.9975")).quantize(
                    Decimal("0.00000001") if rate < Decimal("0.1") else Decimal("0.000001")
                )
                self.at(valid_from, RATES, self._rate_action(currency, valid_from, bank))
                valid_from += dt.timedelta(days=7 - valid_from.weekday())  # next Monday

    def _rate_action(self, currency: str, day: dt.date, rate: Decimal) -> Callable[[], None]:
        def action() -> None:
            entry = ExchangeRate(
                from_currency=currency,
                to_currency="EUR",
                valid_from=day,
                rate=rate,
                kind=ExchangeRate.Kind.BANK,
                note=f"{data.SELLER['bank_name']}, rate of the week",
            )
            stamp(entry, self.users["admin"], "weekly bank rate")
            entry.save()

        return action

    # ------------------------------------------------------------------ deals

    def schedule_deal(self, deal: data.DealSpec) -> None:
        client = self.clients[deal["client"]]
        state: dict[str, Any] = {"deal": deal, "client": client, "invoices": {}}
        if "offer" in deal:
            self.at(self.day(deal["offer"]), OFFERS, lambda: self._offer(state))
            if "declined" in deal:
                when, _reason = deal["declined"]
                self.at(self.day(when), ORDERS, lambda: self._decline(state))
        if "order" in deal:
            self.at(self.day(deal["order"]), ORDERS, lambda: self._order(state))
        if "release" in deal:
            self.at(self.day(deal["release"][0]), RELEASES, lambda: self._release(state))
        for index, (ship, _quantities) in enumerate(deal.get("lots", [])):
            shipped = self.day(ship)
            prepared = shipped - dt.timedelta(days=2 if shipped.weekday() > 1 else 4)
            self.at(prepared, PREPARE, self._prepare_action(state, index))
            self.at(shipped, SHIP, self._ship_action(state, index))
        if "credit" in deal:
            self.at(self.day(deal["credit"][1]), CREDIT, lambda: self._credit_note(state))

    def _terms(self, client: Company) -> dict[str, Any]:
        habits = data.SALES_CLIENTS[client.name]
        instrument = habits.get("instrument", PaymentInstrument.OPEN_ACCOUNT)
        incoterm = client.default_incoterm
        mode = (
            TransportMode.SEA
            if incoterm in ("FAS", "FOB", "CFR", "CIF")
            else TransportMode.AIR
            if incoterm == "CIP"
            else TransportMode.ROAD
        )
        language = client.language if client.language in ("fr", "en") else "en"
        notes = _NOTES.get(instrument)
        return {
            "currency": client.currency,
            "incoterm": incoterm,
            "incoterm_place": client.incoterm_place,
            "payment_days": client.payment_days,
            "payment_end_of_month": client.payment_end_of_month,
            "payment_instrument": instrument,
            "transport_mode": mode,
            "language": language,
            "notes": (notes[0] if language == "fr" else notes[1]) if notes else "",
        }

    def _owner(self, client: Company) -> User:
        return client.portfolio_owner or self.users["claire"]

    def _rate(self, currency: str, day: dt.date) -> tuple[Decimal | None, dt.date | None]:
        """Units of ``currency`` for 1 EUR on ``day`` (ECB, or our bank's rate), and its date."""
        if currency == "EUR":
            return None, None
        quote = selectors.eur_rate(currency, day)
        return (1 / quote.rate).quantize(Decimal("0.00000001")), quote.rate_date

    def _price(self, reference: str, currency: str, per_eur: Decimal | None) -> Decimal:
        """The price list's price: EUR, USD, else the EUR price converted and rounded."""
        eur, usd = self.prices[reference]
        if currency == "EUR":
            return eur
        if currency == "USD":
            return usd
        assert per_eur is not None
        if currency == "JPY":
            return (eur * per_eur / 10).quantize(Decimal("1"), ROUND_HALF_UP) * 10
        return (eur * per_eur).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def _lines(self, deal: data.DealSpec, currency: str, per_eur: Decimal | None) -> list[Any]:
        lines = []
        tariff = Decimal(deal.get("tariff", 100)) / 100
        for reference, quantity in deal["lines"]:
            product = self.products[reference]
            price = self._price(reference, currency, per_eur)
            if tariff != 1:  # an earlier year's price list
                step = Decimal("10") if currency == "JPY" else Decimal("0.1")
                price = ((price * tariff) / step).quantize(Decimal("1"), ROUND_HALF_UP) * step
            lines.append(
                (
                    product,
                    Decimal(quantity),
                    price,
                    VOLUME_DISCOUNT[1] if quantity >= VOLUME_DISCOUNT[0] else Decimal("0"),
                )
            )
        return lines

    def _offer(self, state: dict[str, Any]) -> None:
        deal, client = state["deal"], state["client"]
        owner = self._owner(client)
        day = timezone.localdate()
        terms = self._terms(client)
        per_eur, rate_date = self._rate(client.currency, day)
        lead_fr, lead_en = _LEAD_TIMES[terms["transport_mode"]]
        with transaction.atomic():
            offer = Offer(
                client=client,
                contact=client.contacts.first(),
                offer_date=day,
                valid_until=day + dt.timedelta(days=deal["valid"]),
                lead_time=lead_fr if terms["language"] == "fr" else lead_en,
                exchange_rate=per_eur,
                exchange_rate_date=rate_date,
                created_by=owner,
                **terms,
            )
            offer.number = numbering.take_number("offer", day.year)
            stamp(offer, owner, "demo data")
            offer.save()
            for product, quantity, price, discount in self._lines(deal, client.currency, per_eur):
                line = OfferLine(
                    offer=offer,
                    product=product,
                    quantity=quantity,
                    unit_price=price,
                    discount_pct=discount,
                    unit_cost_eur=product.cost_price,
                )
                stamp(line, owner)
                line.save()
        state["offer"] = services.send_offer(offer=offer, user=owner)
        # Activity.occurred_at defaults to the real clock: date the "offer sent" e-mail
        sent = Activity.objects.filter(company=client).order_by("-pk").first()
        if sent is not None:
            Activity.objects.filter(pk=sent.pk).update(occurred_at=timezone.now())

    def _decline(self, state: dict[str, Any]) -> None:
        client = state["client"]
        reason = state["deal"]["declined"][1]
        services.decide_offer(
            offer=state["offer"], user=self._owner(client), accepted=False, reason=reason
        )

    def _order(self, state: dict[str, Any]) -> None:
        deal, client = state["deal"], state["client"]
        owner = self._owner(client)
        if "offer" in state:
            order = services.order_from_offer(
                offer=state["offer"], user=owner, client_reference=deal["ref"]
            )
        else:
            order = self._direct_order(deal, client, owner)
        order.requested_date = self.day(deal["requested"])
        order.confirmed_date = order.requested_date
        stamp(order, owner, "requested date")
        order.save()
        order = services.confirm_order(order=order, user=self.users["claire"])
        if deal.get("history") and order.status == Order.Status.ON_HOLD:
            # an earlier year: the manager called the client and released the order
            order = services.release_order(
                order=order,
                user=self.users["julien"],
                reason="Client called: overdue invoice paid this week, long-standing account.",
            )
        expected = Order.Status.ON_HOLD if deal.get("hold") else Order.Status.CONFIRMED
        if order.status != expected:  # the deals table and credit control disagree
            raise RuntimeError(
                f"demo: order {order.number} of {client.name} is {order.status}, expected "
                f"{expected} ({order.hold_reasons or 'no hold'})"
            )
        state["order"] = order
        if deal.get("advance"):
            # advance payment: invoiced when confirmed, paid before the goods leave
            invoice = billing.draft_from_order(order=order, user=self.users["claire"])
            self._issue(state, invoice, None)

    def _direct_order(self, deal: data.DealSpec, client: Company, owner: User) -> Order:
        """A repeat order received by e-mail, without an offer."""
        day = timezone.localdate()
        terms = self._terms(client)
        per_eur, _date = self._rate(client.currency, day)
        with transaction.atomic():
            order = Order(
                client=client,
                client_reference=deal["ref"],
                order_date=day,
                created_by=owner,
                **terms,
            )
            order.number = numbering.take_number("order", day.year)
            stamp(order, owner, "order received by e-mail")
            order.save()
            for product, quantity, price, discount in self._lines(deal, client.currency, per_eur):
                line = OrderLine(
                    order=order,
                    product=product,
                    quantity=quantity,
                    unit_price=price,
                    discount_pct=discount,
                )
                stamp(line, owner)
                line.save()
        return order

    def _release(self, state: dict[str, Any]) -> None:
        state["order"] = services.release_order(
            order=state["order"], user=self.users["julien"], reason=state["deal"]["release"][1]
        )

    # ------------------------------------------------------------------ deliveries, invoices

    def _prepare_action(self, state: dict[str, Any], index: int) -> Callable[[], None]:
        def action() -> None:
            order = state["order"]
            ship, quantities = state["deal"]["lots"][index]
            left = selectors.remaining_quantities(order)
            wanted = {}
            for line in order.lines.select_related("product"):
                if quantities is None:
                    wanted[line.pk] = left[line.pk]
                else:
                    wanted[line.pk] = Decimal(quantities.get(line.product.reference, 0))
            carrier, tracking = self._transport(order, self.day(ship))
            delivery = services.create_delivery(
                order=order,
                user=self.users["claire"],
                planned_date=self.day(ship),
                quantities=wanted,
                carrier=carrier,
                tracking=tracking,
            )
            state.setdefault("deliveries", {})[index] = delivery

        return action

    def _ship_action(self, state: dict[str, Any], index: int) -> Callable[[], None]:
        def action() -> None:
            claire = self.users["claire"]
            delivery = services.ship_delivery(
                delivery=state["deliveries"][index], user=claire, shipped_on=timezone.localdate()
            )
            if state["deal"].get("advance"):
                return
            self._issue(state, billing.draft_from_delivery(delivery=delivery, user=claire), index)

        return action

    def _transport(self, order: Order, ship: dt.date) -> tuple[str, str]:
        serial = next(self._consignments)
        if order.transport_mode == TransportMode.AIR:
            number = self.rng.randint(1_000_000, 9_999_999)
            return (
                "Air France Cargo via Rhône Logistique Internationale",
                f"AWB 057-{number}{number % 7}",
            )
        if order.transport_mode == TransportMode.SEA:
            carrier = (
                "MSC, forwarder nominated by the buyer"
                if order.incoterm == "FOB"
                else "CMA CGM via Rhône Logistique Internationale"
            )
            return carrier, f"B/L LEH{ship:%y}{self.rng.randint(100_000, 999_999)}"
        if order.incoterm in ("EXW", "FCA"):
            return "Client's haulier (collected at Thiers)", f"CMR {ship:%Y}-{serial:05d}"
        return "Transports Chabrier", f"CMR {ship:%Y}-{serial:05d}"

    def _issue(self, state: dict[str, Any], invoice: Invoice, lot: int | None) -> None:
        ground: dict[str, str] = {}
        if invoicing.payment_term_excess(invoice.payment_days, invoice.payment_end_of_month):
            # Long terms are agreed with buyers abroad under their own law (CEPC 21-3).
            ground = {
                "term_basis": "foreign_law",
                "term_reason": f"Framework contract under the law of {invoice.client.country} "
                "(CISG), signed with the buyer",
            }
        invoice = billing.issue(
            invoice=invoice, user=self.users["claire"], issue_date=timezone.localdate(), **ground
        )
        state["invoices"][lot] = invoice
        self._schedule_payment(state, invoice, state["deal"].get("pay", {}).get(lot))

    def _credit_note(self, state: dict[str, Any]) -> None:
        lot, _when, quantities, reason = state["deal"]["credit"]
        invoice = state["invoices"][lot]
        by_reference = {line.reference: line.pk for line in invoice.lines.all()}
        note = billing.draft_credit_note(
            invoice=invoice,
            user=self.users["julien"],  # credit notes are a manager's (the role matrix)
            quantities={by_reference[ref]: Decimal(q) for ref, q in quantities.items()},
            reason=reason,
        )
        billing.issue(invoice=note, user=self.users["julien"], issue_date=timezone.localdate())

    # ------------------------------------------------------------------ payments

    def _workday(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def _schedule_payment(
        self, state: dict[str, Any], invoice: Invoice, how: data.PaymentHow | None
    ) -> None:
        client = state["client"]
        early, late = data.SALES_CLIENTS[client.name]["pays"]
        issued = invoice.issue_date
        assert issued is not None and invoice.due_date is not None
        first = issued + dt.timedelta(days=1)
        if how == "late":
            return
        if isinstance(how, tuple) and len(how) == 2:
            self._schedule_late_payment(invoice, int(how[1]))  # ("after_due", days)
            return
        if isinstance(how, tuple) and len(how) == 3:
            _kind, fraction, when = how
            part = round_money(invoice.gross_total * Decimal(fraction), invoice.currency)
            self.at(self.day(when), PAYMENTS, self._pay_action(invoice, part))
            return
        day = self._workday(
            max(first, invoice.due_date + dt.timedelta(days=self.rng.randint(early, late)))
        )
        if day > self.today:
            if invoice.due_date >= self.today:
                return  # not due yet
            day = max(first, self.today)  # due: the transfer arrived this morning
        if how == "instalments":
            half = round_money(invoice.gross_total / 2, invoice.currency)
            second = self._workday(day + dt.timedelta(days=14))
            self.at(day, PAYMENTS, self._pay_action(invoice, half))
            if second <= self.today:
                self.at(second, PAYMENTS, self._pay_action(invoice, None))
            return
        self.at(day, PAYMENTS, self._pay_action(invoice, None, in_eur=how == "eur"))

    def _schedule_late_payment(self, invoice: Invoice, days: int) -> None:
        """Paid ``days`` after the due date; meanwhile the dunning letters due are sent."""
        assert invoice.due_date is not None
        paid = self._workday(invoice.due_date + dt.timedelta(days=days))
        for level, after in DunningLevel.objects.values_list("level", "days_after_due"):
            sent = self._workday(invoice.due_date + dt.timedelta(days=after))
            if sent < paid and sent <= self.today:
                self.at(sent, CREDIT, self._dunning_action(invoice, level))
        if paid <= self.today:
            self.at(paid, PAYMENTS, self._pay_action(invoice, None))

    def _dunning_action(self, invoice: Invoice, level: int) -> Callable[[], None]:
        def action() -> None:
            current = Invoice.objects.select_related("client").get(pk=invoice.pk)
            if billing.open_balance(current) <= 0:
                return
            # The letter was e-mailed back then: nothing is queued for the mail worker today.
            with mock.patch.object(sales_tasks, "email_dunning_letter", _NoMail()):
                collection.send_dunning(
                    client=current.client,
                    level_number=level,
                    invoice_ids=[current.pk],
                    user=self.users["claire"],
                    today=timezone.localdate(),
                )

        return action

    def _pay_action(
        self, invoice: Invoice, amount: Decimal | None, in_eur: bool = False
    ) -> Callable[[], None]:
        def action() -> None:
            current = Invoice.objects.get(pk=invoice.pk)
            balance = billing.open_balance(current)
            if balance <= 0:
                return  # already paid with another invoice
            allocations = {current.pk: min(amount or balance, balance)}
            if amount is None and data.SALES_CLIENTS[current.client.name].get("together"):
                # one transfer for every open invoice falling due that day
                for other in Invoice.objects.filter(
                    client=current.client,
                    kind=Invoice.Kind.INVOICE,
                    status=Invoice.Status.ISSUED,
                    due_date=current.due_date,
                ).exclude(pk=current.pk):
                    if billing.open_balance(other) > 0:
                        allocations[other.pk] = billing.open_balance(other)
            numbers = ", ".join(
                number
                for number in Invoice.objects.filter(pk__in=allocations)
                .order_by("number")
                .values_list("number", flat=True)
                if number  # issued: always numbered
            )
            day = timezone.localdate()
            total = sum(allocations.values(), Decimal("0"))
            if in_eur:
                eur = round_money(total * selectors.eur_rate(current.currency, day).rate, "EUR")
                currency, received = "EUR", eur
                reference = f"EUR transfer for {numbers}"
            else:
                currency, received = current.currency, total
                reference = f"{current.client.name[:30]} {numbers}"
            method = (
                "documentary credit"
                if current.payment_instrument == PaymentInstrument.CONFIRMED_CREDIT
                else "transfer"
            )
            billing.record_payment(
                client=current.client,
                received_on=day,
                amount=received,
                currency=currency,
                allocations=allocations,
                user=self.users["claire"],
                reference=reference[:80],
                method=method,
            )

        return action
