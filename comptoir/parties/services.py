"""Operations on parties. The only code that writes companies, contacts, activities and tasks.

Each operation takes clean, typed values (``values.py``: the forms, the API serializers and
the import validate them first), checks the user's role (protected fields included), writes
in one transaction and records who did it in the audit trail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.guard import changed_protected_fields, require_write
from comptoir.accounts.roles import Action, Actor, Record, refused_fields, require
from comptoir.audit import save_instance, save_values
from comptoir.audit import stamp as _stamp
from comptoir.common.values import apply_values
from comptoir.documents import tabular

from .duplicates import LikelyDuplicate, company_duplicates, contact_duplicates
from .forms import CompanyForm, ContactForm
from .models import Activity, Address, Company, Contact, CountrySheet, PartyRole, Task, Zone
from .values import AddressValues, CompanyValues, ContactValues, CountrySheetValues, TaskValues

# --------------------------------------------------------------------------- records


def save_company(
    *, company: Company | None, values: CompanyValues, user: Actor, reason: str = ""
) -> Company:
    """Create (``company`` None) or change a company. A role below manager may not set the
    credit terms (``accounts.roles.PROTECTED_FIELDS``): ``PermissionDenied`` names them."""
    company = company or Company()
    apply_values(company, values, skip=("roles",))
    company.role_list = list(values.roles)
    return save_values(company, user, reason)


def save_address(
    *,
    company: Company,
    address: Address | None,
    values: AddressValues,
    user: Actor,
    reason: str = "",
) -> Address:
    """Add an address to a company (``address`` None) or change one of its addresses."""
    address = address or Address(company=company)
    address.company = company
    apply_values(address, values)
    return save_values(address, user, reason)


def save_contact(
    *, contact: Contact | None, values: ContactValues, user: Actor, reason: str = ""
) -> Contact:
    contact = contact or Contact()
    apply_values(contact, values)
    return save_values(contact, user, reason)


def save_task(*, task: Task | None, values: TaskValues, user: Actor) -> Task:
    task = task or Task()
    apply_values(task, values)
    return save_values(task, user)


def save_country_sheet(*, country: str, values: CountrySheetValues, user: Actor) -> CountrySheet:
    """The team's sheet on one country, created on its first save."""
    sheet = CountrySheet.objects.filter(country=country).first() or CountrySheet(country=country)
    apply_values(sheet, values)
    return save_values(sheet, user)


# --------------------------------------------------------------------------- activities & tasks


def log_activity(
    *,
    company: Company,
    user: User | None,
    kind: str,
    subject: str,
    contact: Contact | None = None,
    body: str = "",
    occurred_at: dt.datetime | None = None,
) -> Activity:
    """Record one exchange with a partner (by the user, or by the system when ``None``)."""
    activity = Activity(
        company=company,
        contact=contact,
        kind=kind,
        subject=subject,
        body=body,
        user=user if user is not None and user.is_authenticated else None,
    )
    if occurred_at is not None:
        activity.occurred_at = occurred_at
    require_write(user, activity)
    with transaction.atomic():
        # The author may be the system (a job, the demo): no user is not a mistake here.
        activity.full_clean(exclude=["user"])
        _stamp(activity, user)
        activity.save()
    return activity


def open_task(
    *,
    title: str,
    due: dt.date,
    assigned_to: User,
    user: User | None,
    company: Company | None = None,
    contact: Contact | None = None,
    notes: str = "",
) -> Task:
    """A task for someone, on a partner or not (e.g. follow up an offer, run the dunning)."""
    task = Task(
        title=title,
        due_date=due,
        assigned_to=assigned_to,
        company=company,
        contact=contact,
        notes=notes,
    )
    return save_instance(task, user)


def close_tasks(*, tasks: Iterable[Task], user: Actor, reason: str) -> int:
    """Mark open tasks done because what they asked for happened elsewhere (an offer decided,
    a newer dunning proposal); each is saved on its own so its history says why."""
    count = 0
    with transaction.atomic():
        for task in tasks:
            if task.done_at is not None:
                continue
            task.done_at = timezone.now()
            _stamp(task, user, reason)
            task.save(update_fields=["done_at"])
            count += 1
    return count


def complete_task(task: Task, user: User | None) -> Task:
    require(user, Action.CHANGE, Record.TASK)
    with transaction.atomic():
        task.done_at = timezone.now()
        _stamp(task, user, "done")
        task.save(update_fields=["done_at"])
        if task.company_id:
            Activity.objects.create(
                company_id=task.company_id,
                contact_id=task.contact_id,
                kind="note",
                subject=_("Task done: %(title)s") % {"title": task.title},
                user=user,
            )
    return task


def reopen_task(task: Task, user: User | None) -> Task:
    require(user, Action.CHANGE, Record.TASK)
    with transaction.atomic():
        task.done_at = None
        _stamp(task, user, "reopened")
        task.save(update_fields=["done_at"])
    return task


# --------------------------------------------------------------------------- import / export

COMPANY_COLUMNS = [
    "name",
    "legal_name",
    "roles",
    "country",
    "city",
    "language",
    "currency",
    "time_zone",
    "vat_number",
    "eori",
    "registration_number",
    "iban",
    "bic",
    "bank_name",
    "payment_days",
    "payment_end_of_month",
    "credit_limit",
    "default_incoterm",
    "incoterm_place",
    "zone",
    "portfolio_owner",
    "website",
    "email",
    "phone",
    "notes",
]
CONTACT_COLUMNS = [
    "company",
    "first_name",
    "last_name",
    "position",
    "email",
    "phone",
    "mobile",
    "language",
    "lawful_basis",
    "consent_date",
    "opted_out",
    "notes",
]
REQUIRED_COLUMNS = {"companies": {"name", "roles", "country"}, "contacts": {"company", "last_name"}}
#: Form field -> column of the file, where they differ.
_FIELD_TO_COLUMN = {"roles_field": "roles"}
_TRUE = {"1", "yes", "y", "true", "oui", "o", "vrai", "x"}
_FALSE = {"", "0", "no", "n", "false", "non", "faux"}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """What an import did: rows created, or why nothing was (errors, likely duplicates)."""

    kind: str
    rows_read: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: Rows like records already there; filled (and nothing created) unless confirmed.
    duplicates: list[LikelyDuplicate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.duplicates

    @property
    def needs_confirmation(self) -> bool:
        return not self.errors and bool(self.duplicates)


def _role_lookup() -> dict[str, str]:
    from django.utils import translation

    table: dict[str, str] = {}
    for role in PartyRole:
        table[role.value] = role.value
        for lang in ("fr", "en"):
            with translation.override(lang):
                table[str(role.label).lower()] = role.value
    return table


def _parse_bool(value: str, column: str, errors: list[tuple[str, str]]) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        errors.append((column, _("Write yes or no, not “%(value)s”.") % {"value": value}))
    return False


def _company_form_data(row: dict[str, str], errors: list[tuple[str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = {k: row.get(k, "") for k in COMPANY_COLUMNS}
    roles_table = _role_lookup()
    roles = []
    for raw in row.get("roles", "").replace(";", ",").replace("|", ",").split(","):
        token = raw.strip().lower()
        if not token:
            continue
        if token not in roles_table:
            errors.append(("roles", _("Unknown role “%(role)s”.") % {"role": raw.strip()}))
        else:
            roles.append(roles_table[token])
    data["roles_field"] = roles
    data["country"] = data["country"].upper()
    data["currency"] = (data["currency"] or "EUR").upper()
    data["language"] = (data["language"] or "en").lower()
    data["payment_days"] = data["payment_days"] or "30"
    data["credit_limit"] = (data["credit_limit"] or "0").replace(" ", "").replace(",", ".")
    data["payment_end_of_month"] = _parse_bool(
        row.get("payment_end_of_month", ""), "payment_end_of_month", errors
    )
    data["default_incoterm"] = data["default_incoterm"].upper()
    data["is_active"] = True
    zone_name = data.pop("zone").strip()
    data["zone"] = ""
    if zone_name:
        zone = Zone.objects.filter(name__iexact=zone_name).first()
        data["zone"] = zone.pk if zone else f"new:{zone_name}"
    owner = data.pop("portfolio_owner").strip()
    data["portfolio_owner"] = ""
    if owner:
        user = get_user_model().objects.filter(username__iexact=owner).first()
        if user is None:
            errors.append(("portfolio_owner", _("No user “%(name)s”.") % {"name": owner}))
        else:
            data["portfolio_owner"] = user.pk
    return data


def _contact_form_data(row: dict[str, str], errors: list[tuple[str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = {k: row.get(k, "") for k in CONTACT_COLUMNS}
    reference = data.pop("company").strip()
    data["company"] = ""
    if reference:
        matches = list(Company.objects.filter(name__iexact=reference)[:2]) or list(
            Company.objects.filter(vat_number=reference.replace(" ", "").upper())[:2]
        )
        if len(matches) == 1:
            data["company"] = matches[0].pk
        elif matches:
            errors.append(
                (
                    "company",
                    _("Several companies are called “%(name)s”: use the VAT number.")
                    % {"name": reference},
                )
            )
        else:
            errors.append(
                (
                    "company",
                    _("No company “%(name)s”: import the companies first.") % {"name": reference},
                )
            )
    data["language"] = (data["language"] or "en").lower()
    data["lawful_basis"] = data["lawful_basis"] or "legitimate_interest"
    data["opted_out"] = _parse_bool(row.get("opted_out", ""), "opted_out", errors)
    return data


def import_table(
    *,
    kind: str,
    stream: IO[bytes],
    filename: str,
    user: Actor,
    allow_duplicates: bool = False,
    progress: Callable[[float], None] | None = None,
) -> ImportReport:
    """Import companies or contacts from CSV/XLSX: all rows or none.

    Every row is validated with the same form as the screen. If any row is wrong, nothing is
    written and the report lists each error with its row number (as the spreadsheet shows it,
    the header being row 1), its column and the reason. Rows that look like records already
    there (:mod:`.duplicates`) are listed in ``report.duplicates`` and nothing is written,
    unless ``allow_duplicates``. At most ``tabular.MAX_ROWS`` rows. ``progress(fraction)``
    is called while the rows are checked (for a background job).
    the header being row 1), its column and the reason.

    A column the user's role may not set (a company's credit limit or payment terms for an
    assistant: accounts.roles.PROTECTED_FIELDS) is refused on every row that gives it a
    value other than the default, so the file is not imported: a manager imports it, or
    the column is emptied. Silently dropping the figures would import clients on terms
    nobody chose.
    """
    record = Record.COMPANY if kind == "companies" else Record.CONTACT
    require(user, Action.CREATE, record)
    report = ImportReport(kind=kind)
    try:
        header, rows = tabular.read_table(stream, filename)
    except tabular.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return report
    missing = REQUIRED_COLUMNS[kind] - set(header)
    if missing:
        report.errors.append(
            RowError(
                1,
                ", ".join(sorted(missing)),
                _("Missing column(s): %(cols)s.") % {"cols": ", ".join(sorted(missing))},
            )
        )
        return report
    known = set(COMPANY_COLUMNS if kind == "companies" else CONTACT_COLUMNS)
    unknown = [h for h in header if h and h not in known]
    if unknown:
        report.errors.append(
            RowError(
                1,
                ", ".join(unknown),
                _("Unknown column(s): %(cols)s.") % {"cols": ", ".join(unknown)},
            )
        )
        return report
    report.rows_read = len(rows)
    forms: list[tuple[int, CompanyForm | ContactForm, dict[str, str | None]]] = []
    seen_vat: dict[str, int] = {}
    for index, row in enumerate(rows, start=2):
        if progress is not None and index % 500 == 0:
            progress(0.9 * index / max(1, len(rows)))
        if not any(v.strip() for v in row.values()):
            continue
        row_errors: list[tuple[str, str]] = []
        if kind == "companies":
            data = _company_form_data(row, row_errors)
            new_zone = data["zone"] if str(data["zone"]).startswith("new:") else None
            if new_zone:
                data["zone"] = ""
            form: CompanyForm | ContactForm = CompanyForm(data=data)
        else:
            new_zone = None
            data = _contact_form_data(row, row_errors)
            form = ContactForm(data=data)
        if not form.is_valid():
            # A column already explained while reading the row (unknown company...) is not
            # reported a second time by the form ("this field is required").
            explained = {column for column, _message in row_errors}
            for field_name, messages in form.errors.items():
                column = (
                    "" if field_name == "__all__" else _FIELD_TO_COLUMN.get(field_name, field_name)
                )
                if column in explained:
                    continue
                for message in messages:
                    row_errors.append((column, str(message)))
        else:
            for name in refused_fields(
                user, record, changed_protected_fields(form.instance), creating=True
            ):
                row_errors.append(
                    (
                        _FIELD_TO_COLUMN.get(name, name),
                        _("Your role may not set this column: a manager imports it."),
                    )
                )
        vat = form.cleaned_data.get("vat_number") if kind == "companies" and form.is_bound else None
        if vat:
            if vat in seen_vat:
                row_errors.append(
                    ("vat_number", _("Same VAT number as row %(row)s.") % {"row": seen_vat[vat]})
                )
            seen_vat.setdefault(vat, index)
        # Errors on one column are reported once (a form may repeat what we found first).
        unique = dict.fromkeys(row_errors)
        report.errors.extend(RowError(index, col, str(msg)) for col, msg in unique)
        forms.append((index, form, {"new_zone": new_zone[4:] if new_zone else None}))
    if report.errors:
        return report
    if not allow_duplicates:
        cleaned = [(index, form.cleaned_data) for index, form, _extra in forms]
        find = company_duplicates if kind == "companies" else contact_duplicates
        report.duplicates = find(cleaned)
        if report.duplicates:
            return report
    reason = f"import {filename}"
    with transaction.atomic():
        for _index, form, extra in forms:
            if isinstance(form, CompanyForm):
                values = form.values()
                if extra["new_zone"]:
                    zone, _created = Zone.objects.get_or_create(name=extra["new_zone"])
                    values = dataclasses.replace(values, zone=zone)
                save_company(company=None, values=values, user=user, reason=reason)
            else:
                save_contact(contact=None, values=form.values(), user=user, reason=reason)
            report.created += 1
    if progress is not None:
        progress(1.0)
    return report


def company_rows(queryset: QuerySet[Company]) -> tuple[list[str], list[list[object]]]:
    rows: list[list[object]] = []
    for c in queryset.select_related("zone", "portfolio_owner"):
        rows.append(
            [
                c.name,
                c.legal_name,
                ", ".join(c.role_list),
                c.country,
                c.city,
                c.language,
                c.currency,
                c.time_zone,
                c.vat_number,
                c.eori,
                c.registration_number,
                c.iban,
                c.bic,
                c.bank_name,
                c.payment_days,
                "yes" if c.payment_end_of_month else "no",
                c.credit_limit,
                c.default_incoterm,
                c.incoterm_place,
                c.zone.name if c.zone else "",
                c.portfolio_owner.username if c.portfolio_owner else "",
                c.website,
                c.email,
                c.phone,
                c.notes,
            ]
        )
    return COMPANY_COLUMNS, rows


def contact_rows(queryset: QuerySet[Contact]) -> tuple[list[str], list[list[object]]]:
    rows: list[list[object]] = []
    for p in queryset.select_related("company"):
        rows.append(
            [
                p.company.name,
                p.first_name,
                p.last_name,
                p.position,
                p.email,
                p.phone,
                p.mobile,
                p.language,
                p.lawful_basis,
                p.consent_date.isoformat() if p.consent_date else "",
                "yes" if p.opted_out else "no",
                p.notes,
            ]
        )
    return CONTACT_COLUMNS, rows


# --------------------------------------------------------------------------- GDPR

ERASED = "[erased]"


def export_person(contact: Contact) -> dict[str, Any]:
    """Everything Comptoir holds about a person (GDPR art. 15 right of access, art. 20 portability)."""

    def iso(value: dt.date | dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": contact.pk,
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "position": contact.position,
            "email": contact.email,
            "phone": contact.phone,
            "mobile": contact.mobile,
            "language": contact.language,
            "time_zone": contact.time_zone,
            "lawful_basis": contact.lawful_basis,
            "consent_date": iso(contact.consent_date),
            "opted_out": contact.opted_out,
            "opted_out_at": iso(contact.opted_out_at),
            "notes": contact.notes,
            "created_at": iso(contact.created_at),
        },
        "company": {
            "id": contact.company_id,
            "name": contact.company.name,
            "country": contact.company.country,
        },
        "activities": [
            {"kind": a.kind, "subject": a.subject, "details": a.body, "when": iso(a.occurred_at)}
            for a in contact.activities.all()
        ],
        "tasks": [
            {
                "title": t.title,
                "due_date": iso(t.due_date),
                "done_at": iso(t.done_at),
                "notes": t.notes,
            }
            for t in contact.tasks.all()
        ],
        "history": [
            {
                "when": iso(h.history_date),
                "change": h.get_history_type_display(),
                "by": str(h.history_user or ""),
            }
            for h in contact.history.all()
        ],
    }


def erase_person(*, contact: Contact, user: Actor) -> Contact:
    """Anonymise a person (GDPR art. 17) and keep the company's legal records intact.

    The contact row stays (so activities and documents that refer to it keep their links and
    counts) but every personal field is blanked; the texts of exchanges with that person are
    replaced; the audit trail's earlier versions of the person, which hold the personal data,
    are purged and one "erased" entry is kept. Invoices and other legal records carry their
    own copy of the addressee and are not touched.
    """
    require(user, Action.DELETE, Record.CONTACT)
    with transaction.atomic():
        contact.history.all().delete()
        contact.first_name = ""
        contact.last_name = ERASED
        contact.position = ""
        contact.email = ""
        contact.phone = ""
        contact.mobile = ""
        contact.notes = ""
        contact.time_zone = ""
        contact.consent_date = None
        contact.opted_out = True
        contact.opted_out_at = contact.opted_out_at or timezone.now()
        contact.erased_at = timezone.now()
        _stamp(contact, user, "GDPR erasure")
        contact.save()
        for activity in contact.activities.all():
            activity.history.all().delete()
            activity.subject = ERASED
            activity.body = ""
            _stamp(activity, user, "GDPR erasure")
            activity.save()
        for task in contact.tasks.all():
            task.history.all().delete()
            task.title = ERASED
            task.notes = ""
            _stamp(task, user, "GDPR erasure")
            task.save()
    return contact


def set_opt_out(*, contact: Contact, opted_out: bool, user: Actor) -> Contact:
    require(user, Action.CHANGE, Record.CONTACT)
    with transaction.atomic():
        contact.opted_out = opted_out
        contact.opted_out_at = timezone.now() if opted_out else None
        _stamp(contact, user, "opt-out" if opted_out else "opt-in")
        contact.save(update_fields=["opted_out", "opted_out_at"])
    return contact
