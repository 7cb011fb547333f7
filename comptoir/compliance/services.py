"""Writes of the sanctions screening area: importing a list, screening our parties, reviewing
a hit.

* :func:`import_list` reads one official file (``formats``), all or nothing, replaces the
  previous version of that list and queues the screening of everyone (``tasks``).
* :func:`screen_company` / :func:`screen_contact` screen one party against every current
  list (the trade core's :class:`~comptoir.trade.screening.NameIndex`) and record the hits:
  a hit judged a false positive stays judged as long as the list entry does not change; an
  open hit that no longer matches is withdrawn; a confirmed hit stays until its entry leaves
  the list (renaming a company does not clear it).
* :func:`review_hit`: a manager marks a hit false positive or confirmed, with a reason, in
  the history.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact
from comptoir.trade import screening
from comptoir.trade.texts import Text

from . import formats
from .models import EntryKind, Hit, HitStatus, ListEntry, ListVersion, Source

log = logging.getLogger(__name__)

#: Hits kept per party and screening (the best ones): a name matching dozens of entries is a
#: name too common to screen alone, and the page says so.
MAX_HITS_PER_PARTY = 20


# ----------------------------------------------------------------------------- the index


@dataclass
class _Cached:
    key: tuple[tuple[int, str], ...]
    index: screening.NameIndex


_CACHE: dict[str, _Cached] = {}
_LOCK = threading.Lock()


def _current_versions_key() -> tuple[tuple[int, str], ...]:
    """The current versions (id and file hash: ids alone may come back after a rollback)."""
    return tuple(
        ListVersion.objects.filter(is_current=True).order_by("pk").values_list("pk", "sha256")
    )


def listed_party(entry: ListEntry) -> screening.ListedParty:
    from datetime import date

    days: list[date] = []
    for text in entry.birth_dates:
        try:
            days.append(date.fromisoformat(str(text)))
        except ValueError:
            continue
    return screening.ListedParty(
        ref=str(entry.pk),
        names=tuple(str(n) for n in entry.names),
        kind=entry.kind,
        countries=tuple(str(c) for c in entry.countries),
        birth_dates=tuple(days),
        birth_years=tuple(int(y) for y in entry.birth_years),
    )


def current_index() -> screening.NameIndex | None:
    """The index of every current list, built once per set of versions (None: no list)."""
    key = _current_versions_key()
    if not key:
        return None
    with _LOCK:
        cached = _CACHE.get("index")
        if cached is not None and cached.key == key:
            return cached.index
        entries = ListEntry.objects.filter(version_id__in=[pk for pk, _sha in key]).only(
            "pk", "names", "kind", "countries", "birth_dates", "birth_years"
        )
        index = screening.NameIndex(listed_party(e) for e in entries.iterator(chunk_size=2000))
        _CACHE["index"] = _Cached(key, index)
        return index


def forget_index() -> None:
    with _LOCK:
        _CACHE.pop("index", None)


# ----------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportResult:
    version: ListVersion
    created: bool  # False: this very file was already the current version


def import_list(*, data: bytes, file_name: str, user: Actor) -> ImportResult:
    """Replace one list by the official file given (all or nothing), then screen everyone."""
    require(user, Action.ADMINISTER, Record.SANCTIONS_SCREENING)
    try:
        parsed = formats.parse(data)
    except formats.FormatError as exc:
        raise ValidationError({"file": str(exc)}) from None
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        previous = (
            ListVersion.objects.select_for_update().filter(source=parsed.source, is_current=True)
        ).first()
        if previous is not None and previous.sha256 == digest:
            return ImportResult(previous, False)
        if (
            previous is not None
            and previous.published_on
            and parsed.published
            and parsed.published < previous.published_on
        ):
            raise ValidationError(
                {
                    "file": _(
                        "This file was published on %(new)s, before the version in use "
                        "(%(old)s): it would go back in time."
                    )
                    % {
                        "new": parsed.published.isoformat(),
                        "old": previous.published_on.isoformat(),
                    }
                }
            )
        if previous is not None:
            previous.is_current = False
            stamp(previous, user, "replaced")
            previous.save(update_fields=["is_current"])
            ListEntry.objects.filter(version=previous).delete()
        version = ListVersion(
            source=parsed.source,
            file_format=parsed.file_format,
            published_on=parsed.published,
            sha256=digest,
            file_name=file_name[-255:],
            file_size=len(data),
            entry_count=len(parsed.entries),
            name_count=sum(len(e.names) for e in parsed.entries),
            person_count=sum(1 for e in parsed.entries if e.kind == EntryKind.PERSON),
            entity_count=sum(1 for e in parsed.entries if e.kind == EntryKind.ENTITY),
            imported_by=author(user),
        )
        stamp(version, user, "imported")
        version.save()
        seen: set[str] = set()
        rows: list[ListEntry] = []
        for parsed_entry in parsed.entries:
            if parsed_entry.ref in seen:
                continue  # a reference twice in one file: the first one counts
            seen.add(parsed_entry.ref)
            rows.append(
                ListEntry(
                    version=version,
                    source=parsed.source,
                    ref=parsed_entry.ref[:60],
                    kind=parsed_entry.kind,
                    names=parsed_entry.names,
                    birth_dates=[d.isoformat() for d in parsed_entry.birth_dates],
                    birth_years=parsed_entry.birth_years,
                    countries=parsed_entry.countries,
                    programmes=parsed_entry.programmes[:20],
                    listed_on=parsed_entry.listed_on,
                    remarks=parsed_entry.remarks,
                    fingerprint=parsed_entry.fingerprint(),
                )
            )
        ListEntry.objects.bulk_create(rows, batch_size=1000)
        transaction.on_commit(lambda: _after_import(version.pk))
    return ImportResult(version, True)


def _after_import(version_id: int) -> None:
    from .tasks import rescreen_everyone

    forget_index()
    rescreen_everyone.enqueue(version_id)


# ----------------------------------------------------------------------------- screening


def company_subject(company: Company) -> screening.Subject:
    names = [company.name]
    if company.legal_name and company.legal_name != company.name:
        names.append(company.legal_name)
    return screening.Subject(
        names=tuple(names), kind=screening.ENTITY, countries=(company.country,)
    )


def contact_subject(contact: Contact) -> screening.Subject:
    full = f"{contact.first_name} {contact.last_name}".strip()
    return screening.Subject(names=(full,), kind=screening.PERSON)


def screen_company(*, company: Company, user: Actor = None) -> list[Hit]:
    """Screen a company (its name and legal name) against every current list."""
    return _screen(company_subject(company), {"company": company}, user)


def screen_contact(*, contact: Contact, user: Actor = None) -> list[Hit]:
    """Screen a contact (full name) against every current list. An erased one (GDPR) is not:
    its open hits are withdrawn and the name they kept is blanked."""
    if contact.erased_at is not None:
        with transaction.atomic():
            for hit in Hit.objects.filter(contact=contact).exclude(matched_name=""):
                if hit.status == HitStatus.OPEN:
                    hit.status = HitStatus.WITHDRAWN
                hit.matched_name = ""
                stamp(hit, user, "contact erased (GDPR)")
                hit.save()
        return []
    return _screen(contact_subject(contact), {"contact": contact}, user)


def _screen(
    subject: screening.Subject, party: dict[str, Company | Contact], user: Actor
) -> list[Hit]:
    index = current_index()
    if index is None:
        return []
    matches, _compared = index.screen(subject)
    matches = matches[:MAX_HITS_PER_PARTY]
    entries = ListEntry.objects.in_bulk([int(m.ref) for m in matches])
    loaded_sources = set(
        ListVersion.objects.filter(is_current=True).values_list("source", flat=True)
    )
    with transaction.atomic():
        existing = {(h.source, h.entry_ref): h for h in Hit.objects.filter(**party)}
        kept: list[Hit] = []
        for found in matches:
            entry = entries.get(int(found.ref))
            if entry is None:
                continue
            hit = existing.pop((entry.source, entry.ref), None)
            kept.append(_record(hit, entry, found, party, user))
        for hit in existing.values():
            _withdraw_if_gone(hit, loaded_sources, user)
    return kept


def _record(
    hit: Hit | None,
    entry: ListEntry,
    found: screening.Match,
    party: dict[str, Company | Contact],
    user: Actor,
) -> Hit:
    reasons = stored_reasons(found.reasons)
    reason = "found"
    is_new = hit is None
    if hit is None:
        hit = Hit(source=entry.source, entry_ref=entry.ref, status=HitStatus.OPEN, **party)
    elif hit.status == HitStatus.FALSE_POSITIVE and hit.entry_fingerprint != entry.fingerprint:
        hit.status = HitStatus.OPEN
        reason = "entry changed since it was judged a false positive: to review again"
    elif hit.status == HitStatus.WITHDRAWN:
        hit.status = HitStatus.OPEN
        reason = "matches again"
    else:
        unchanged = (
            hit.entry_id == entry.pk
            and hit.score == found.percent
            and hit.matched_name == found.subject_name[:300]
            and hit.reasons == reasons
        )
        if unchanged:
            return hit
        reason = "screened again"
    hit.entry = entry
    hit.entry_name = entry.main_name[:300]
    hit.entry_fingerprint = entry.fingerprint
    hit.score = found.percent
    hit.matched_name = found.subject_name[:300]
    hit.listed_name = found.listed_name[:300]
    hit.reasons = reasons
    stamp(hit, user, reason)
    hit.save()
    if is_new or hit.status == HitStatus.OPEN and reason != "screened again":
        _tell_the_owner(hit)
    return hit


def _tell_the_owner(hit: Hit) -> None:
    """A task for the portfolio owner of the company concerned: the client is blocked until
    a manager reviews the hit."""
    company = hit.company or (hit.contact.company if hit.contact else None)
    owner = company.portfolio_owner if company is not None else None
    if company is None or owner is None:
        return
    language = getattr(getattr(owner, "profile", None), "language", "") or "fr"
    with translation.override(language):
        title = _("Sanctions: have the hit on %(party)s reviewed by a manager (%(list)s)") % {
            "party": hit.party_name,
            "list": source_label(hit.source),
        }
    parties.open_task(
        title=title[:200],
        due=local_today(),
        assigned_to=owner,
        user=None,
        company=company,
        contact=hit.contact,
        notes=hit.get_absolute_url(),
    )


def _close_tasks(hit: Hit, user: Actor, reason: str) -> None:
    company = hit.company or (hit.contact.company if hit.contact else None)
    if company is not None:
        parties.close_tasks(
            tasks=parties_selectors.open_tasks(company=company, notes=hit.get_absolute_url()),
            user=user,
            reason=reason,
        )


def _withdraw_if_gone(hit: Hit, loaded_sources: set[str], user: Actor) -> None:
    """A hit this screening did not find again: an open one is withdrawn (the name or the
    list changed); a confirmed one only when its entry left the list."""
    if hit.source not in loaded_sources:
        return
    on_list = ListEntry.objects.filter(
        version__is_current=True, source=hit.source, ref=hit.entry_ref
    ).first()
    if hit.status == HitStatus.OPEN:
        hit.status = HitStatus.WITHDRAWN
        hit.entry = on_list
        stamp(hit, user, "no longer matches" if on_list else "entry no longer on the list")
        hit.save()
        _close_tasks(hit, user, "sanctions hit withdrawn")
    elif hit.status == HitStatus.CONFIRMED and on_list is None:
        hit.status = HitStatus.WITHDRAWN
        hit.entry = None
        stamp(hit, user, "confirmed entry removed from the list (delisted)")
        hit.save()
    elif hit.entry_id != (on_list.pk if on_list else None):
        hit.entry = on_list
        hit.save(update_fields=["entry"])


def screen_everyone(*, user: Actor = None) -> tuple[int, int]:
    """Screen every active company and every contact not erased; (parties, open hits)."""
    screened = 0
    for company in Company.objects.all().iterator(chunk_size=500):
        screen_company(company=company, user=user)
        screened += 1
    for contact in Contact.objects.filter(erased_at__isnull=True).iterator(chunk_size=500):
        screen_contact(contact=contact, user=user)
        screened += 1
    return screened, Hit.objects.filter(status=HitStatus.OPEN).count()


def screen_later(party: Company | Contact) -> None:
    """Screen a party once the transaction that saved it commits (parties' post_save)."""
    kind, pk = type(party), party.pk

    def run() -> None:
        try:
            if kind is Company:
                company = Company.objects.filter(pk=pk).first()
                if company is not None:
                    screen_company(company=company)
            else:
                contact = Contact.objects.filter(pk=pk).first()
                if contact is not None:
                    screen_contact(contact=contact)
        except Exception:  # the save is done; a screening failure must not break the page
            log.exception("Screening of %s %s failed", kind.__name__, pk)

    transaction.on_commit(run)


# ----------------------------------------------------------------------------- review


@dataclass(frozen=True)
class Review:
    status: str  # false_positive or confirmed
    reason: str


#: What a reviewer may turn a hit into, from each status.
REVIEWABLE = {
    HitStatus.OPEN: {HitStatus.FALSE_POSITIVE, HitStatus.CONFIRMED},
    HitStatus.FALSE_POSITIVE: {HitStatus.CONFIRMED},
    HitStatus.CONFIRMED: {HitStatus.FALSE_POSITIVE},
    HitStatus.WITHDRAWN: set(),
}


def review_hit(*, hit: Hit, review: Review, user: Actor) -> Hit:
    """A manager judges a hit: false positive (not the same party) or confirmed."""
    require(user, Action.CHANGE, Record.SANCTIONS_SCREENING)
    reason = review.reason.strip()
    errors: dict[str, str] = {}
    if review.status not in REVIEWABLE.get(HitStatus(hit.status), set()):
        errors["status"] = _("This hit cannot become “%(status)s” from “%(current)s”.") % {
            "status": dict(HitStatus.choices).get(review.status, review.status),
            "current": hit.get_status_display(),
        }
    if len(reason) < 10:
        errors["reason"] = _(
            "Say why, in a sentence (the facts compared: date of birth, country, "
            "registration number...)."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hit = Hit.objects.select_for_update().get(pk=hit.pk)
        hit.status = review.status
        hit.reviewed_by = author(user)
        hit.reviewed_at = timezone.now()
        hit.review_reason = reason[:2000]
        stamp(hit, user, f"reviewed: {review.status} — {reason[:200]}")
        hit.save()
        _close_tasks(hit, user, "sanctions hit reviewed")
    return hit


def hits_blocking(companies: Iterable[Company]) -> list[Hit]:
    """The open or confirmed hits on these companies or their contacts."""
    ids = [c.pk for c in companies if c is not None]
    if not ids:
        return []
    return list(
        Hit.objects.filter(
            Q(company_id__in=ids) | Q(contact__company_id__in=ids),
            status__in=[HitStatus.OPEN, HitStatus.CONFIRMED],
        )
        .select_related("company", "contact", "contact__company", "reviewed_by")
        .order_by("status", "source", "entry_ref")
    )


def stored_reasons(reasons: Iterable[Text]) -> list[dict[str, Any]]:
    """The core's explanations as JSON (message and values), translated when shown."""
    return [{"text": r.msgid, "params": dict(r.params)} for r in reasons]


def reason_texts(stored: Any) -> list[Text]:
    """Back from :func:`stored_reasons` (anything else stored is skipped)."""
    texts: list[Text] = []
    for item in stored if isinstance(stored, list) else []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            params = item.get("params")
            texts.append(Text(item["text"], **(params if isinstance(params, dict) else {})))
    return texts


def entries_by_pk(pks: list[int]) -> dict[int, ListEntry]:
    return ListEntry.objects.select_related("version").in_bulk(pks)


def unrecorded_matches(company: Company) -> list[tuple[str, ListEntry, int]]:
    """(our party's name, entry, score) for each match of the company or its contacts on the
    lists in use that no recorded hit covers: none recorded, or one judged a false positive
    on an entry that changed since, or one withdrawn. A read: nothing is written."""
    index = current_index()
    if index is None:
        return []
    stored = {
        (hit.company_id, hit.contact_id, hit.source, hit.entry_ref): hit
        for hit in Hit.objects.filter(Q(company=company) | Q(contact__company=company))
    }
    subjects: list[tuple[int | None, int | None, str, screening.Subject]] = [
        (company.pk, None, company.name, company_subject(company))
    ]
    for contact in company.contacts.filter(erased_at__isnull=True):
        name = f"{contact.first_name} {contact.last_name}".strip()
        subjects.append((None, contact.pk, name, contact_subject(contact)))
    found: list[tuple[str, ListEntry, int]] = []
    for company_id, contact_id, name, subject in subjects:
        matches, _compared = index.screen(subject)
        entries = ListEntry.objects.in_bulk([int(m.ref) for m in matches])
        for match in matches:
            entry = entries.get(int(match.ref))
            if entry is None:
                continue
            hit = stored.get((company_id, contact_id, entry.source, entry.ref))
            covered = hit is not None and (
                hit.status in (HitStatus.OPEN, HitStatus.CONFIRMED)
                or (
                    hit.status == HitStatus.FALSE_POSITIVE
                    and hit.entry_fingerprint == entry.fingerprint
                )
            )
            if not covered:
                found.append((name, entry, match.percent))
    return found


def source_label(source: str) -> str:
    return str(dict(Source.choices).get(source, source))
