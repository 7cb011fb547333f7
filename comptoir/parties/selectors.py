"""Read queries of the parties area, used by views, API and reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comptoir.common import countries

from .models import (
    Activity,
    Address,
    AddressKind,
    Company,
    Contact,
    CountrySheet,
    PartyRole,
    Task,
    Zone,
)


class CountryRow(TypedDict):
    code: str
    name: str
    flag: str
    sheet: CountrySheet | None
    parties: int
    currencies: tuple[str, ...]


def company_list(params: dict[str, str]) -> QuerySet[Company]:
    qs = Company.objects.select_related("zone", "portfolio_owner")
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(legal_name__icontains=q)
            | Q(city__icontains=q)
            | Q(vat_number__icontains=q)
        )
    if role := params.get("role"):
        if role in PartyRole.values:
            qs = qs.with_role(role)
    if country := params.get("country"):
        qs = qs.filter(country=country.upper())
    if zone := params.get("zone"):
        qs = qs.filter(zone_id=zone) if zone.isdigit() else qs
    if owner := params.get("owner"):
        qs = qs.filter(portfolio_owner_id=int(owner)) if owner.isdigit() else qs
    active = params.get("active", "1")
    if active in ("0", "1"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("name")


def contact_list(params: dict[str, str]) -> QuerySet[Contact]:
    qs = Contact.objects.active().select_related("company")
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(last_name__icontains=q)
            | Q(first_name__icontains=q)
            | Q(email__icontains=q)
            | Q(company__name__icontains=q)
            | Q(position__icontains=q)
        )
    if country := params.get("country"):
        qs = qs.filter(company__country=country.upper())
    if params.get("mailable") == "1":
        qs = qs.filter(opted_out=False).exclude(email="")
    if params.get("opted_out") == "1":
        qs = qs.filter(opted_out=True)
    return qs.order_by("last_name", "first_name")


def tasks_for_home(user: User, today: dt.date | None = None) -> dict[str, list[Task]]:
    """The user's open tasks due today and overdue, in the user's own calendar day."""
    today = today or timezone.localdate()
    open_tasks = Task.objects.filter(assigned_to=user, done_at__isnull=True).select_related(
        "company", "contact"
    )
    return {
        "overdue": list(open_tasks.filter(due_date__lt=today).order_by("due_date")),
        "today": list(open_tasks.filter(due_date=today)),
    }


def task_list(user: User, params: dict[str, str]) -> QuerySet[Task]:
    qs = Task.objects.select_related("company", "contact", "assigned_to")
    scope = params.get("scope", "mine")
    if scope == "mine":
        qs = qs.filter(assigned_to=user)
    status = params.get("status", "open")
    if status == "open":
        qs = qs.filter(done_at__isnull=True)
    elif status == "done":
        qs = qs.filter(done_at__isnull=False)
    return qs.order_by("done_at", "due_date", "id")


@dataclass(frozen=True)
class CompanyRecords:
    """What a company's page lists besides the company itself."""

    contacts: QuerySet[Contact]
    addresses: QuerySet[Address]
    activities: QuerySet[Activity]
    open_tasks: QuerySet[Task]


def company_records(company: Company, *, activities: int = 30) -> CompanyRecords:
    return CompanyRecords(
        contacts=company.contacts.active(),
        addresses=company.addresses.all(),
        activities=company.activities.select_related("contact", "user")[:activities],
        open_tasks=company.tasks.filter(done_at__isnull=True).select_related("assigned_to"),
    )


def contact_activities(contact: Contact, *, limit: int = 30) -> QuerySet[Activity]:
    return contact.activities.select_related("user")[:limit]


def zones() -> QuerySet[Zone]:
    return Zone.objects.all()


def country_rows(language: str, *, query: str = "", with_parties: bool = False) -> list[CountryRow]:
    """Every country by its name in ``language`` (those matching ``query``: part of the name
    or the code), with the team's sheet and the number of companies there."""
    query = query.strip().lower()
    sheets = {s.country: s for s in CountrySheet.objects.all()}
    counts = dict(Company.objects.values_list("country").annotate(n=Count("id")))
    rows: list[CountryRow] = []
    for code, name in countries.country_choices(language):
        if query and query not in name.lower() and query != code.lower():
            continue
        parties = counts.get(code, 0)
        if with_parties and not parties:
            continue
        rows.append(
            {
                "code": code,
                "name": name,
                "flag": countries.flag(code),
                "sheet": sheets.get(code),
                "parties": parties,
                "currencies": countries.currencies(code)[:1],
            }
        )
    return rows


def country_sheet(code: str) -> CountrySheet | None:
    return CountrySheet.objects.filter(country=code).first()


def companies_in_country(code: str) -> QuerySet[Company]:
    return Company.objects.filter(country=code).select_related("zone").order_by("name")


def recent_activities(user: User, limit: int = 10) -> list[Activity]:
    return list(
        Activity.objects.select_related("company", "contact", "user").order_by("-occurred_at")[
            :limit
        ]
    )


def home_counts() -> dict[str, int]:
    active = Company.objects.filter(is_active=True)
    return {
        "clients": active.with_role("client").count(),
        "prospects": active.with_role("prospect").count(),
        "suppliers": active.with_role("supplier").count(),
        "contacts": Contact.objects.active().count(),
    }


if TYPE_CHECKING:
    from comptoir.documents.snapshots import PrintedParty


def printed_party(company: Company) -> PrintedParty:
    """The company as documents print it (``documents.snapshots``): its record, its default
    billing address, and its e-mail, else its first contact's with one."""
    from comptoir.documents.snapshots import PrintedParty

    address = company.addresses.filter(kind="billing").order_by("-is_default", "pk").first()
    email = company.email
    if not email:
        contact = first_contact_with_email(company)
        email = contact.email if contact else ""
    return PrintedParty(
        name=company.name,
        legal_name=company.legal_name,
        country=company.country,
        vat_number=company.vat_number,
        eori=company.eori,
        registration_number=company.registration_number,
        email=email,
        street=address.line1 if address else "",
        street2=address.line2 if address else "",
        postcode=address.postcode if address else "",
        city=(address.city if address else company.city) or "",
    )


# --------------------------------------------------------------------------- for other areas


def active_companies() -> QuerySet[Company]:
    return Company.objects.filter(is_active=True).order_by("name")


def clients_and_prospects() -> QuerySet[Company]:
    """Who may receive an offer: active clients and prospects."""
    return active_companies().filter(
        Q(roles__contains=",client,") | Q(roles__contains=",prospect,")
    )


def active_clients() -> QuerySet[Company]:
    """Who may place an order: active clients."""
    return active_companies().filter(roles__contains=",client,")


def agents() -> QuerySet[Company]:
    return Company.objects.filter(roles__contains=",agent,").order_by("name")


def company_or_none(value: Company | int | str | None) -> Company | None:
    """The company of a raw id (a form's value), or ``None`` when it is not an id."""
    pk = value.pk if isinstance(value, Company) else value
    return Company.objects.filter(pk=pk).first() if pk is not None and str(pk).isdigit() else None


def client_suggestions(q: str, limit: int = 15) -> QuerySet[Company]:
    """Clients and prospects whose name or city holds ``q`` (or whose country it is)."""
    return clients_and_prospects().filter(
        Q(name__icontains=q) | Q(city__icontains=q) | Q(country__iexact=q)
    )[:limit]


def company_ids_named(q: str) -> QuerySet[Company, Any]:
    """The ids of the companies whose name holds ``q`` (a subquery for other areas' searches)."""
    return Company.objects.filter(name__icontains=q).values("pk")


def delivery_addresses(company: Company | int | str | None) -> QuerySet[Address]:
    """A company's delivery addresses (none when ``company`` is not a company or an id)."""
    pk = company.pk if isinstance(company, Company) else company
    if pk is None or not str(pk).isdigit():
        return Address.objects.none()
    return Address.objects.filter(company_id=pk, kind=AddressKind.DELIVERY)


def reachable_contacts() -> QuerySet[Contact]:
    """Contacts not erased (GDPR)."""
    return Contact.objects.filter(erased_at__isnull=True)


def companies() -> QuerySet[Company]:
    """Every company (to look one up by the id of a URL)."""
    return Company.objects.all()


def companies_by_id(ids: set[int]) -> dict[int, Company]:
    return Company.objects.in_bulk(ids)


def first_contact_with_email(company: Company) -> Contact | None:
    """The company's first contact (not erased) who has an e-mail address."""
    return company.contacts.filter(erased_at__isnull=True).exclude(email="").order_by("pk").first()


def open_tasks(
    *,
    company: Company | None = None,
    title_contains: str = "",
    notes: str = "",
    assigned_to: Iterable[Any] | None = None,
) -> QuerySet[Task]:
    """Tasks not done yet, narrowed by company, a word of their title, their notes (a link)
    or the people they are assigned to."""
    tasks = Task.objects.filter(done_at__isnull=True)
    if company is not None:
        tasks = tasks.filter(company=company)
    if title_contains:
        tasks = tasks.filter(title__contains=title_contains)
    if notes:
        tasks = tasks.filter(notes=notes)
    if assigned_to is not None:
        tasks = tasks.filter(assigned_to__in=assigned_to)
    return tasks


def has_task(*, assigned_to: Any, notes: str, due: dt.date) -> bool:
    """Whether someone already has the task with these notes (a link) for that day."""
    return Task.objects.filter(assigned_to=assigned_to, notes=notes, due_date=due).exists()


def tasks_due(*, day: dt.date, assigned_to: Any = None) -> QuerySet[Task]:
    """Open tasks due by ``day`` of active users (of one user when given), soonest first."""
    tasks = Task.objects.filter(
        done_at__isnull=True, due_date__lte=day, assigned_to__is_active=True
    )
    if assigned_to is not None:
        tasks = tasks.filter(assigned_to=assigned_to)
    return tasks.select_related("company").order_by("due_date", "pk")


def company_suggestions(q: str, role: str, limit: int = 15) -> QuerySet[Company]:
    """Companies of ``role`` (client, supplier, agent) whose name or city holds ``q`` or
    whose country it is: the pickers of the reporting filters."""
    return Company.objects.with_role(role).filter(
        Q(name__icontains=q) | Q(city__icontains=q) | Q(country__iexact=q)
    )[:limit]


def company_with_role(pk: int, role: str) -> Company | None:
    """The company ``pk`` when it has ``role``, else ``None``."""
    return Company.objects.with_role(role).filter(pk=pk).first()


def overdue_task_count(day: dt.date, *, company_id: int | None = None) -> int:
    """Tasks still open whose due date is before ``day`` (of one company when given)."""
    tasks = Task.objects.filter(done_at__isnull=True, due_date__lt=day)
    if company_id is not None:
        tasks = tasks.filter(company_id=company_id)
    return tasks.count()
