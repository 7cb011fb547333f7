"""The demo's trade fair: Ambiente (Messe Frankfurt, 6-10 February 2026) with its checklist
from the template, the budget planned vs actual, 30 visitor forms from the stand (some of
them companies the CRM knows, the rest new prospects), their follow-up tasks (most done),
and an invitation list with the answers.

Everything goes through the events services (and ``parties.services`` for the tasks done),
as the screens would do it. Needs the demo users (``claire``, ``julien``) and the demo
companies with their contacts and products (built before)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.catalog.models import Product
from comptoir.events import services
from comptoir.events.inputs import BudgetLineValues, EventValues, VisitorValues
from comptoir.events.models import ChecklistTemplate, Event
from comptoir.parties import services as parties
from comptoir.parties.models import Contact

START = dt.date(2026, 2, 6)
END = dt.date(2026, 2, 10)

BUDGET = [
    ("space", "Stand space 24 m², hall 3.1 (row stand) and registration", "9800.00", "9800.00"),
    ("stand", "Stand design and build (modular stand, lighting)", "6500.00", "7150.50"),
    ("travel", "Train Paris-Frankfurt, 3 people", "1800.00", "1642.30"),
    ("hotel", "Hotel 5 nights, 3 rooms, and meals", "3200.00", "3480.00"),
    ("samples", "Samples and stand shipping (forwarder, ATA carnet)", "1200.00", "1085.00"),
    ("marketing", "Catalogues FR/EN/DE, price lists, badges", "900.00", "960.00"),
    ("staff", "German-speaking hostess, 5 days", "1500.00", "1500.00"),
]

#: New prospects met on the stand: company, first, last, position, country, e-mail domain
PROSPECTS = [
    ("Casa Bella SpA", "Giulia", "Rossi", "Buyer", "IT", "casabella.it"),
    ("Cucina Viva Srl", "Marco", "Bianchi", "Purchasing manager", "IT", "cucinaviva.it"),
    ("Nordic Home AB", "Lars", "Lindqvist", "Category manager", "SE", "nordichome.se"),
    ("Kökskällan AB", "Emma", "Berg", "Owner", "SE", "kokskallan.se"),
    ("Keukenhuis Jansen BV", "Pieter", "Jansen", "Buyer", "NL", "keukenhuis.nl"),
    ("De Kookwinkel", "Sanne", "de Vries", "Store manager", "NL", "kookwinkel.nl"),
    ("Cocina y Mesa SL", "Lucía", "García", "Import manager", "ES", "cocinaymesa.es"),
    ("El Fogón Gourmet", "Javier", "Martínez", "Buyer", "ES", "elfogon.es"),
    ("Kitchen Culture Ltd", "Oliver", "Smith", "Head buyer", "GB", "kitchenculture.co.uk"),
    ("Pan & Pot Ltd", "Amelia", "Jones", "Director", "GB", "panandpot.co.uk"),
    ("Gulf Home Trading LLC", "Youssef", "Haddad", "Procurement", "AE", "gulfhome.ae"),
    ("Al Noor Hospitality Supplies", "Fatima", "Hassan", "Buyer", "AE", "alnoor-hs.ae"),
    ("Tokyo Kitchen Select KK", "Haruki", "Sato", "Import manager", "JP", "tks.co.jp"),
    ("Osaka Table Co.", "Yui", "Tanaka", "Buyer", "JP", "osakatable.jp"),
    ("Maple Cookware Inc.", "Emily", "Tremblay", "Purchasing", "CA", "maplecookware.ca"),
    ("Chef Supply USA LLC", "Michael", "Brown", "VP sourcing", "US", "chefsupplyusa.com"),
    ("Kuchnia Plus Sp. z o.o.", "Anna", "Kowalska", "Buyer", "PL", "kuchniaplus.pl"),
    ("Wiener Küchen GmbH", "Lukas", "Huber", "Geschäftsführer", "AT", "wienerkuechen.at"),
    ("Helvetia Cuisine SA", "Claire", "Favre", "Acheteuse", "CH", "helvetia-cuisine.ch"),
    ("Maison & Table SPRL", "Thomas", "Lambert", "Gérant", "BE", "maisonettable.be"),
    ("Kochwelt Hamburg GmbH", "Jonas", "Schmidt", "Einkauf", "DE", "kochwelt-hh.de"),
    ("Olympia Kitchenware SA", "Nikos", "Papadopoulos", "Buyer", "GR", "olympia-kw.gr"),
]

TEMPERATURES = ["hot"] * 8 + ["warm"] * 13 + ["cold"] * 9
INTERESTS = [
    "Cast-iron casseroles for their shops; asks for the export price list in EUR",
    "Looking for a French brand for a spring promotion; samples wanted",
    "Hotel and restaurant supplies; needs CE and food-contact certificates",
    "Exclusive distribution in their country; asks about agent terms",
    "Small first order to test the range; FCA Thiers acceptable",
    "Catalogue only for now; budget next year",
]


def _team(users: dict[str, User]) -> tuple[User, ...]:
    return tuple(u for name in ("claire", "julien") if (u := users.get(name)) is not None)


def _known_contacts(limit: int) -> list[Contact]:
    """Contacts of client companies the CRM has (the visitors who are already clients)."""
    return list(
        Contact.objects.mailable()
        .filter(company__roles__contains=",client,")
        .select_related("company")
        .order_by("company_id", "pk")
        .distinct()[: limit * 3]
    )[::3][:limit]


def build(users: dict[str, User]) -> dict[str, int]:
    """The Ambiente fair; the counts of what was made."""
    if Event.objects.filter(name="Ambiente", starts_on=START).exists():
        return {"events": 0}
    rng = random.Random(2026)
    claire = users.get("claire")
    julien = users.get("julien")
    author = claire or julien
    fair = services.save_event(
        event=None,
        values=EventValues(
            name="Ambiente",
            kind="trade_fair",
            status="held",
            starts_on=START,
            ends_on=END,
            venue="Messe Frankfurt",
            city="Frankfurt am Main",
            country="DE",
            organiser="Messe Frankfurt Exhibition GmbH",
            website="https://ambiente.messefrankfurt.com",
            stand_type="own",
            hall="3.1",
            stand_number="B45",
            stand_area_m2=Decimal("24"),
            lead_target=40,
            meeting_target=12,
            meetings_held=9,
            objectives=(
                "Meet 40 qualified buyers (Gulf, Japan, Nordics); 12 booked meetings with "
                "importers; find a distributor for Italy."
            ),
            team=_team(users),
        ),
        user=author,
    )
    # the checklist from the English template, each done on time but the last two
    template = ChecklistTemplate.objects.filter(name="Trade fair abroad").first()
    if template is not None:
        services.apply_template(event=fair, template=template, owner=claire, user=author)
        items = list(fair.checklist.order_by("due_on", "pk"))
        for item in items[:-2]:
            services.set_item_done(
                item=item,
                done=True,
                user=author,
                on=item.due_on - dt.timedelta(days=rng.randint(0, 5)),
            )
    for category, label, planned, actual in BUDGET:
        services.save_budget_line(
            event=fair,
            line=None,
            values=BudgetLineValues(
                category=category, label=label, planned=Decimal(planned), actual=Decimal(actual)
            ),
            user=author,
        )
    products = list(Product.objects.filter(is_active=True).order_by("pk")[:20])
    known = _known_contacts(8)
    visitors = 0
    tasks_done = 0
    for index in range(30):
        day = START + dt.timedelta(days=index % 5)
        met = timezone.make_aware(
            dt.datetime.combine(day, dt.time(9 + index % 8, (index * 7) % 60))
        )
        temperature = TEMPERATURES[index]
        consent = index % 4 != 3
        if index < len(known):
            contact = known[index]
            values = VisitorValues(
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"comptoir-demo-ambiente-{index}"),
                company_name=contact.company.name,
                first_name=contact.first_name,
                last_name=contact.last_name,
                position=contact.position,
                country=contact.company.country,
                email=contact.email,
                temperature=temperature,
                met_at=met,
                interest=rng.choice(INTERESTS),
                products=tuple(rng.sample(products, min(2, len(products)))),
                consent=consent,
                consent_date=day if consent else None,
            )
        else:
            company, first, last, position, country, domain = PROSPECTS[
                (index - len(known)) % len(PROSPECTS)
            ]
            values = VisitorValues(
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"comptoir-demo-ambiente-{index}"),
                company_name=company,
                first_name=first,
                last_name=last,
                position=position,
                country=country,
                email=f"{first.lower().split()[0]}.{last.lower().replace(' ', '')}@{domain}",
                phone="",
                temperature=temperature,
                met_at=met,
                interest=rng.choice(INTERESTS),
                products=tuple(rng.sample(products, min(1, len(products)))),
                consent=consent,
                consent_date=day if consent else None,
                notes="Card photographed on the stand." if index % 3 == 0 else "",
            )
        visitor, created = services.record_visitor(event=fair, values=values, user=claire or author)
        visitors += int(created)
        if visitor.task is not None and index % 5 != 4:  # four in five followed up
            parties.complete_task(visitor.task, visitor.task.assigned_to)
            tasks_done += 1
    # invitations sent in January to clients, with their answers
    guests = list(
        Contact.objects.mailable().filter(company__roles__contains=",client,").order_by("pk")[:14]
    )
    services.invite(event=fair, contacts=guests, user=author)
    answers = ["accepted"] * 6 + ["maybe"] * 3 + ["declined"] * 3
    for invitation, answer in zip(
        fair.invitations.order_by("pk"), answers + [None, None], strict=False
    ):
        services.mark_sent(invitation.pk, lambda: None)  # sent in January (no e-mail in the demo)
        if answer:
            invitation.refresh_from_db()
            services.record_answer(invitation=invitation, answer=answer, user=author)
    return {"events": 1, "event_visitors": visitors, "event_tasks_done": tasks_done}
