"""Rows of an import that look like companies or contacts already recorded.

Importing the same file twice must not double every record silently: before anything is
created, the import lists the rows that match a record by e-mail, or by name and country (a
company) or name and company (a contact), and creates them only when the user confirms.
(A company's VAT number is unique: the same VAT number is an error, not a warning.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from .models import Company, Contact

#: Values per SQL ``IN`` list (SQLite accepts a few thousand parameters per query).
CHUNK = 500


@dataclass(frozen=True)
class LikelyDuplicate:
    """Row ``row`` of the file looks like ``existing`` (its page at ``url``) because ``reason``."""

    row: int
    reason: str
    existing: str
    url: str


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _matching(model: Any, column: str, values: Iterable[str]) -> Iterator[Any]:
    """Records whose ``column`` equals one of ``values``, exactly or ignoring case."""
    values = [v for v in values if v]
    exact = set(values)
    lowered = {v.lower() for v in values}
    for chunk in _chunks(exact | lowered):
        yield from model.objects.annotate(_low=Lower(column)).filter(
            Q(**{f"{column}__in": chunk}) | Q(_low__in=chunk)
        )


def company_duplicates(rows: Sequence[tuple[int, dict[str, Any]]]) -> list[LikelyDuplicate]:
    """Rows (number, cleaned values) that match a company by e-mail or by name and country."""
    by_email: dict[str, Company] = {}
    for c in _matching(Company, "email", (r.get("email") or "" for _n, r in rows)):
        by_email.setdefault(_key(c.email), c)
    by_name: dict[tuple[str, str], Company] = {}
    for c in _matching(Company, "name", (r.get("name") or "" for _n, r in rows)):
        by_name.setdefault((_key(c.name), c.country), c)
    out = []
    for number, r in rows:
        email = _key(r.get("email") or "")
        same_name = by_name.get((_key(r.get("name") or ""), r.get("country") or ""))
        if email and email in by_email:
            match = by_email[email]
            reason = _("Same e-mail as %(name)s.") % {"name": match.name}
        elif same_name is not None:
            match = same_name
            reason = _("Same name and country as an existing company.")
        else:
            continue
        out.append(LikelyDuplicate(number, reason, match.name, match.get_absolute_url()))
    return out


def contact_duplicates(rows: Sequence[tuple[int, dict[str, Any]]]) -> list[LikelyDuplicate]:
    """Rows that match a contact by e-mail, or by first and last name at the same company."""
    by_email: dict[str, Contact] = {}
    for c in _matching(Contact, "email", (r.get("email") or "" for _n, r in rows)):
        by_email.setdefault(_key(c.email), c)
    companies = {r["company"].pk for _n, r in rows if r.get("company") is not None}
    by_name: dict[tuple[int, str, str], Contact] = {}
    for chunk_start in range(0, len(companies), CHUNK):
        chunk = sorted(companies)[chunk_start : chunk_start + CHUNK]
        for c in Contact.objects.filter(company_id__in=chunk):
            by_name.setdefault((c.company_id, _key(c.first_name), _key(c.last_name)), c)
    out = []
    for number, r in rows:
        email = _key(r.get("email") or "")
        company = r.get("company")
        same_name = (
            by_name.get(
                (company.pk, _key(r.get("first_name") or ""), _key(r.get("last_name") or ""))
            )
            if company is not None
            else None
        )
        if email and email in by_email:
            match = by_email[email]
            reason = _("Same e-mail as %(name)s.") % {"name": str(match)}
        elif same_name is not None:
            match = same_name
            reason = _("Same name at the same company as an existing contact.")
        else:
            continue
        out.append(LikelyDuplicate(number, reason, str(match), match.get_absolute_url()))
    return out
