"""Writes of prospecting: target lists (from the CRM, from a file, matched against the
companies already known), campaigns, the sending job's per-recipient states, unsubscriptions,
bounces and replies, call outcomes and the sales linked to a campaign.

Every service checks the role matrix first (records ``target_list`` and ``campaign``) and
writes in a transaction with the history's author. Companies, contacts, activities and tasks
belong to parties: they are written through ``parties.services``.

GDPR: a contact who opted out or was erased, an address that bounced hard and a private
mailbox without consent are left out when the recipients are listed, and checked again just
before each e-mail leaves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz
from simple_history.utils import bulk_create_with_history

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common import countries
from comptoir.documents import tabular
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact, LawfulBasis
from comptoir.parties.values import CompanyValues, ContactValues
from comptoir.sales.models import Offer, Order
from comptoir.trade import prospecting as core
from comptoir.trade.errors import TradeInputError

from .inputs import CallValues, CampaignValues, CrmCriteria, EventValues, ListValues
from .models import (
    MAX_BATCH,
    MAX_PAUSE_SECONDS,
    MIN_BATCH,
    BlockedAddress,
    CallOutcome,
    Campaign,
    Channel,
    CompanyProfile,
    CompanySize,
    EventKind,
    LinkedSale,
    MailEvent,
    MatchState,
    Recipient,
    RecipientState,
    Target,
    TargetList,
)

#: Costly inputs, bounded.
MAX_LIST_TARGETS = 20_000
MAX_IMPORT_ROWS = 5_000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_EVENT_ROWS = 5_000
MAX_COST = Decimal("9999999999")

# --------------------------------------------------------------------------- target lists


def _check_list(values: ListValues) -> None:
    if not values.name.strip():
        raise ValidationError({"name": _("Give the list a name.")})


def create_list(*, values: ListValues, user: Actor) -> TargetList:
    require(user, Action.CREATE, Record.TARGET_LIST)
    _check_list(values)
    target_list = TargetList(
        name=values.name.strip(), description=values.description.strip(), created_by=author(user)
    )
    with transaction.atomic():
        stamp(target_list, user)
        target_list.save()
    return target_list


def rename_list(*, target_list: TargetList, values: ListValues, user: Actor) -> TargetList:
    require(user, Action.CHANGE, Record.TARGET_LIST)
    _check_list(values)
    with transaction.atomic():
        target_list.name = values.name.strip()
        target_list.description = values.description.strip()
        stamp(target_list, user)
        target_list.save()
    return target_list


def delete_list(*, target_list: TargetList, user: Actor) -> str:
    """Delete a list and its targets, or archive it when a started campaign went to it (the
    campaign's recipients, results and GDPR record stay; the list is no longer offered).
    A list behind a draft campaign is refused: the draft would lose its people. Answers
    ``"deleted"`` or ``"archived"``."""
    require(user, Action.DELETE, Record.TARGET_LIST)
    campaigns = list(target_list.campaigns.all())
    drafts = [c.name for c in campaigns if c.status == Campaign.Status.DRAFT]
    if drafts:
        raise ValidationError(
            {
                "target_list": _(
                    "The draft campaign “%(campaign)s” goes to this list: choose another "
                    "list for it first."
                )
                % {"campaign": drafts[0]}
            }
        )
    with transaction.atomic():
        if campaigns:
            if target_list.archived_at is None:
                target_list.archived_at = timezone.now()
                stamp(target_list, user, "target list archived")
                target_list.save(update_fields=["archived_at"])
            return "archived"
        stamp(target_list, user, "target list deleted")
        target_list.delete()
    return "deleted"


def _room(target_list: TargetList, wanted: int) -> None:
    if target_list.targets.count() + wanted > MAX_LIST_TARGETS:
        raise ValidationError(
            _("A list holds at most %(n)s targets: split it.") % {"n": f"{MAX_LIST_TARGETS:,}"}
        )


def _save_targets(target_list: TargetList, targets: list[Target], user: Actor) -> int:
    """Add the targets whose key is not in the list yet (nor twice among them)."""
    existing = set(target_list.targets.values_list("key", flat=True))
    fresh: list[Target] = []
    for target in targets:
        if target.key in existing:
            continue
        existing.add(target.key)
        fresh.append(target)
    _room(target_list, len(fresh))
    with transaction.atomic():
        bulk_create_with_history(
            fresh, Target, batch_size=500, default_user=author(user), default_change_reason="add"
        )
    return len(fresh)


def add_from_crm(*, target_list: TargetList, criteria: CrmCriteria, user: Actor) -> int:
    """Add the CRM companies that meet the criteria: one target per person we may still
    contact (not erased), or the company alone when it has none. Returns how many were added
    (those already in the list are not added twice)."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    companies = Company.objects.filter(is_active=True)
    if criteria.countries:
        companies = companies.filter(country__in=[c.upper() for c in criteria.countries])
    if criteria.zones:
        companies = companies.filter(zone__in=criteria.zones)
    if criteria.roles:
        roles = Q()
        for role in criteria.roles:
            roles |= Q(roles__contains=f",{role},")
        companies = companies.filter(roles)
    if criteria.sectors:
        sectors = Q()
        for code in criteria.sectors:
            sectors |= Q(prospect_profile__sector__startswith=code.strip().upper())
        companies = companies.filter(sectors)
    if criteria.sizes:
        companies = companies.filter(prospect_profile__size__in=criteria.sizes)
    mailable = Contact.objects.mailable().values("company_id")
    if criteria.mailable == "with":
        companies = companies.filter(pk__in=mailable)
    elif criteria.mailable == "without":
        companies = companies.exclude(pk__in=mailable)
    companies = companies.select_related("prospect_profile").order_by("name")
    if companies.count() > MAX_LIST_TARGETS:
        raise ValidationError(
            _("These criteria give more than %(n)s companies: narrow them.")
            % {"n": f"{MAX_LIST_TARGETS:,}"}
        )
    people: dict[int, list[Contact]] = {}
    for contact in Contact.objects.active().filter(company__in=companies).order_by("id"):
        people.setdefault(contact.company_id, []).append(contact)
    targets: list[Target] = []
    for company in companies:
        profile = getattr(company, "prospect_profile", None)
        common = {
            "target_list": target_list,
            "company_name": company.name,
            "country": company.country,
            "sector": profile.sector if profile else "",
            "size": profile.size if profile else "",
            "website": company.website,
            "vat_number": company.vat_number,
            "company": company,
            "match": MatchState.LINKED,
        }
        contacts = people.get(company.pk, [])
        if criteria.mailable == "with":
            contacts = [c for c in contacts if c.email and not c.opted_out]
        for contact in contacts:
            key = (
                "mail:" + core.normalise_email(contact.email)
                if contact.email
                else f"contact:{contact.pk}"
            )
            targets.append(
                Target(
                    **common,
                    key=key,
                    contact=contact,
                    first_name=contact.first_name,
                    last_name=contact.last_name,
                    position=contact.position,
                    email=contact.email,
                    phone=contact.phone or contact.mobile,
                    language=contact.language or company.language,
                )
            )
        if not contacts:
            targets.append(
                Target(
                    **common,
                    key=f"company:{company.pk}",
                    email=company.email,
                    phone=company.phone,
                    language=company.language,
                )
            )
    return _save_targets(target_list, targets, user)


# ------------------------------------------------------------------ import from a file

#: Column names accepted (French and English spellings) -> the target's field.
COLUMNS = {
    "company": "company_name",
    "société": "company_name",
    "societe": "company_name",
    "entreprise": "company_name",
    "country": "country",
    "pays": "country",
    "sector": "sector",
    "secteur": "sector",
    "nace": "sector",
    "naf": "sector",
    "size": "size",
    "taille": "size",
    "effectif": "size",
    "contact": "contact",
    "contact name": "contact",
    "nom du contact": "contact",
    "first_name": "first_name",
    "first name": "first_name",
    "prénom": "first_name",
    "prenom": "first_name",
    "last_name": "last_name",
    "last name": "last_name",
    "nom": "last_name",
    "position": "position",
    "role": "position",
    "fonction": "position",
    "poste": "position",
    "email": "email",
    "e-mail": "email",
    "courriel": "email",
    "phone": "phone",
    "téléphone": "phone",
    "telephone": "phone",
    "website": "website",
    "site": "website",
    "site web": "website",
    "vat_number": "vat_number",
    "vat number": "vat_number",
    "vat": "vat_number",
    "tva": "vat_number",
    "n° tva": "vat_number",
    "language": "language",
    "langue": "language",
}
_SIZE_WORDS = {
    "micro": CompanySize.MICRO,
    "tpe": CompanySize.MICRO,
    "small": CompanySize.SMALL,
    "petite": CompanySize.SMALL,
    "pme": CompanySize.SMALL,
    "medium": CompanySize.MEDIUM,
    "moyenne": CompanySize.MEDIUM,
    "eti": CompanySize.MEDIUM,
    "large": CompanySize.LARGE,
    "grande": CompanySize.LARGE,
    "ge": CompanySize.LARGE,
}
_NACE = re.compile(r"^\d{2}(\.\d{1,2})?[A-Z]?$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class TargetImport:
    """What an import did: rows read, targets added, rows skipped as already in the list or
    twice in the file, matches proposed; or why nothing was added (``errors``)."""

    rows_read: int = 0
    added: int = 0
    skipped: int = 0
    proposed: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _size(text: str) -> str | None:
    """A size band from a word (micro, PME...) or a headcount; None when unreadable."""
    value = core.fold(text)
    if not value:
        return ""
    if value in _SIZE_WORDS:
        return _SIZE_WORDS[value]
    digits = value.replace(" ", "")
    if digits.isdigit():
        staff = int(digits)
        if staff < 10:
            return CompanySize.MICRO
        if staff < 50:
            return CompanySize.SMALL
        if staff < 250:
            return CompanySize.MEDIUM
        return CompanySize.LARGE
    return None


def _target_from_row(
    target_list: TargetList, number: int, row: dict[str, str], errors: list[RowError]
) -> Target | None:
    data = {name: "" for name in set(COLUMNS.values())}
    for column, value in row.items():
        name = COLUMNS.get(column.strip().lower())
        if name and value.strip():
            data[name] = value.strip()
    found: list[RowError] = []
    if not data["company_name"]:
        found.append(RowError(number, "company", _("Give the company's name.")))
    country = data["country"].upper()
    if country and not countries.is_country(country):
        found.append(
            RowError(
                number,
                "country",
                _("“%(code)s” is not an ISO country code (DE, FR...).") % {"code": data["country"]},
            )
        )
    sector = data["sector"].upper().replace(" ", "")
    if len(sector) in (4, 5) and sector[:4].isdigit():  # NAF written without the dot: 4759B
        sector = f"{sector[:2]}.{sector[2:]}"
    if sector and not _NACE.match(sector):
        found.append(
            RowError(
                number,
                "sector",
                _("“%(code)s” is not a NACE/NAF code (47.59 or 4759B).") % {"code": data["sector"]},
            )
        )
    size = _size(data["size"])
    if size is None:
        found.append(
            RowError(
                number,
                "size",
                _("Write micro, small, medium, large or the headcount, not “%(value)s”.")
                % {"value": data["size"]},
            )
        )
    email = data["email"]
    if email and not core.is_email(email):
        found.append(
            RowError(number, "email", _("“%(value)s” is not an e-mail address.") % {"value": email})
        )
    language = (data["language"] or "").lower()[:2]
    if language not in ("fr", "en"):
        language = "fr" if country in {"FR", "BE", "LU", "MC"} else "en"
    first, last = data["first_name"], data["last_name"]
    if data["contact"] and not (first or last):
        first, _space, last = data["contact"].rpartition(" ")
    errors.extend(found)
    if found:
        return None
    return Target(
        target_list=target_list,
        row=number,
        key=core.target_key(
            vat_number=data["vat_number"],
            website=data["website"],
            company=data["company_name"],
            country=country,
            email=email,
        )[:260],
        company_name=data["company_name"][:200],
        country=country,
        sector=sector,
        size=size or "",
        first_name=first[:80],
        last_name=last[:80],
        position=data["position"][:120],
        email=email[:254],
        phone=data["phone"][:30],
        website=data["website"][:200],
        vat_number=core.normalise_vat(data["vat_number"])[:32],
        language=language,
    )


class Matcher:
    """Finds the CRM company a target is probably: same VAT number, same website domain (or
    e-mail domain of the company), or a name alike once the legal forms are dropped, in the
    same country."""

    def __init__(self) -> None:
        self.by_vat: dict[str, Company] = {}
        self.by_domain: dict[str, Company] = {}
        self.names: dict[str, list[tuple[str, Company]]] = {}
        for company in Company.objects.only(
            "id", "name", "country", "vat_number", "website", "email"
        ):
            if company.vat_number:
                self.by_vat.setdefault(core.normalise_vat(company.vat_number), company)
            domain = core.website_domain(company.website)
            if domain:
                self.by_domain.setdefault(domain, company)
            if company.email and not core.is_personal_mailbox(company.email):
                self.by_domain.setdefault(core.email_domain(company.email), company)
            self.names.setdefault(company.country, []).append(
                (core.normalise_company_name(company.name), company)
            )

    def match(self, target: Target) -> tuple[Company, str] | None:
        if target.vat_number and target.vat_number in self.by_vat:
            return self.by_vat[target.vat_number], _("Same VAT number.")
        domain = core.website_domain(target.website)
        if domain and domain in self.by_domain:
            return self.by_domain[domain], _("Same website (%(domain)s).") % {"domain": domain}
        mail_domain = core.email_domain(target.email) if target.email else ""
        if (
            mail_domain
            and not core.is_personal_mailbox(target.email)
            and mail_domain in self.by_domain
        ):
            return self.by_domain[mail_domain], _("Same e-mail domain (%(domain)s).") % {
                "domain": mail_domain
            }
        name = core.normalise_company_name(target.company_name)
        candidates = (
            self.names.get(target.country, [])
            if target.country
            else [pair for group in self.names.values() for pair in group]
        )
        best: tuple[int, Company] | None = None
        for other, company in candidates:
            if not other or not name:
                continue
            score = int(round(fuzz.token_sort_ratio(name, other)))
            if score >= core.NAME_MATCH_THRESHOLD and (best is None or score > best[0]):
                best = (score, company)
        if best is not None:
            return best[1], _("Name alike (%(score)s %%).") % {"score": best[0]}
        return None


def import_targets(
    *, target_list: TargetList, stream: IO[bytes], filename: str, user: Actor
) -> TargetImport:
    """Add the rows of a CSV/XLSX file to a list: all rows or none.

    Columns (French or English names): company, country (ISO code), sector (NACE/NAF),
    size, contact (or first name / last name), position, e-mail, phone, website, VAT number,
    language. A row already in the list, or twice in the file, is skipped. Each new target is
    compared with the companies already recorded (:class:`Matcher`): the match found is
    proposed, for the user to accept or refuse."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    report = TargetImport()
    raw = stream.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        report.errors.append(
            RowError(
                0, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES >> 20}
            )
        )
        return report
    import io

    try:
        header, rows = tabular.read_table(io.BytesIO(raw), filename, max_rows=MAX_IMPORT_ROWS)
    except tabular.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return report
    known = {h for h in header if h.strip() in COLUMNS}
    if not any(COLUMNS[h.strip()] == "company_name" for h in known):
        report.errors.append(RowError(1, "company", _("The file needs a “company” column.")))
        return report
    report.rows_read = len(rows)
    targets: list[Target] = []
    for number, row in enumerate(rows, start=2):
        if not any(v.strip() for v in row.values()):
            continue
        target = _target_from_row(target_list, number, row, report.errors)
        if target is not None:
            targets.append(target)
    if report.errors:
        return report
    existing = set(target_list.targets.values_list("key", flat=True))
    fresh: list[Target] = []
    for target in targets:
        if target.key in existing:
            report.skipped += 1
            continue
        existing.add(target.key)
        fresh.append(target)
    matcher = Matcher()
    for target in fresh:
        found = matcher.match(target)
        if found is not None:
            target.proposed, target.match_reason = found[0], found[1][:200]
            target.match = MatchState.PROPOSED
            report.proposed += 1
    report.added = _save_targets(target_list, fresh, user)
    return report


# --------------------------------------------------------------- matches and prospects


def _contact_for(target: Target, company: Company, user: Actor) -> Contact | None:
    """The contact of ``company`` with the target's e-mail, or a new one (legitimate
    interest: B2B prospect data, GDPR art. 6.1.f) when the row names a person."""
    if target.email:
        existing = (
            Contact.objects.active()
            .filter(company=company, email__iexact=target.email.strip())
            .first()
        )
        if existing is not None:
            return existing
    if not (target.last_name or target.first_name or target.email):
        return None
    last = target.last_name or target.first_name or target.email.partition("@")[0]
    return parties.save_contact(
        contact=None,
        values=ContactValues(
            company=company,
            first_name=target.first_name if target.last_name else "",
            last_name=last[:80],
            position=target.position,
            email=target.email,
            phone=target.phone[:20],
            language=target.language,
            lawful_basis=LawfulBasis.LEGITIMATE_INTEREST,
            notes=_("From the target list “%(name)s”.") % {"name": target.target_list.name},
        ),
        user=user,
        reason="prospecting",
    )


def _profile(company: Company, target: Target, user: Actor) -> None:
    if not (target.sector or target.size):
        return
    profile = CompanyProfile.objects.filter(company=company).first() or CompanyProfile(
        company=company
    )
    profile.sector = profile.sector or target.sector
    profile.size = profile.size or target.size
    stamp(profile, user)
    profile.save()


def set_profile(*, company: Company, sector: str, size: str, user: Actor) -> CompanyProfile:
    """A company's sector (NACE/NAF code) and size band, for the CRM filters of a list."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    errors = {}
    sector = sector.strip().upper()
    if sector and not _NACE.match(sector):
        errors["sector"] = _("“%(code)s” is not a NACE/NAF code.") % {"code": sector}
    if size and size not in CompanySize.values:
        errors["size"] = _("Choose a size.")
    if errors:
        raise ValidationError(errors)
    profile = CompanyProfile.objects.filter(company=company).first() or CompanyProfile(
        company=company
    )
    profile.sector, profile.size = sector, size
    with transaction.atomic():
        stamp(profile, user)
        profile.save()
    return profile


def decide_match(*, target: Target, accept: bool, user: Actor) -> Target:
    """Accept the proposed company (the target becomes that company, its person a contact of
    it) or refuse it (the target stays a new company)."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    if target.match != MatchState.PROPOSED or target.proposed is None:
        raise ValidationError(_("This target has no match to decide."))
    with transaction.atomic():
        if accept:
            company = target.proposed
            target.company = company
            target.contact = _contact_for(target, company, user)
            target.match = MatchState.ACCEPTED
            _profile(company, target, user)
        else:
            target.match = MatchState.REFUSED
        stamp(target, user, "match accepted" if accept else "match refused")
        target.save()
    return target


def _website(url: str) -> str:
    url = url.strip()
    if url and "://" not in url:
        url = "https://" + url
    return url[:200]


def convert_target(*, target: Target, user: Actor) -> Target:
    """Turn a target that matches no company into a prospect company with its contact."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    if target.company_id is not None:
        return target
    if target.match == MatchState.PROPOSED:
        raise ValidationError(_("Accept or refuse the proposed match first."))
    if not target.country:
        raise ValidationError({"country": _("Give the target's country first.")})
    with transaction.atomic():
        company = parties.save_company(
            company=None,
            values=CompanyValues(
                name=target.company_name,
                roles=("prospect",),
                country=target.country,
                language=target.language,
                currency=countries.main_currency(target.country) or "EUR",
                time_zone=countries.guess_time_zone(target.country) or "Europe/Paris",
                vat_number=target.vat_number,
                website=_website(target.website),
                phone=target.phone[:20] if not target.email else "",
            ),
            user=user,
            reason="prospecting",
        )
        _profile(company, target, user)
        target.company = company
        target.contact = _contact_for(target, company, user)
        target.match = MatchState.LINKED
        stamp(target, user, "prospect created")
        target.save()
    return target


def convert_all(*, target_list: TargetList, user: Actor) -> int:
    """Every target without a company and without a match to decide becomes a prospect."""
    require(user, Action.CHANGE, Record.TARGET_LIST)
    count = 0
    with transaction.atomic():
        for target in target_list.targets.filter(
            company__isnull=True, match__in=[MatchState.NONE, MatchState.REFUSED]
        ).exclude(country=""):
            convert_target(target=target, user=user)
            count += 1
    return count


# --------------------------------------------------------------------------- campaigns


def _check_campaign(values: CampaignValues) -> None:
    errors: dict[str, str] = {}
    if not values.name.strip():
        errors["name"] = _("Give the campaign a name.")
    if values.channel not in Channel.values:
        errors["channel"] = _("Choose e-mail or telephone.")
    for name in ("subject_fr", "subject_en", "body_fr", "body_en"):
        try:
            core.check_template(getattr(values, name), name)
        except TradeInputError as exc:
            errors[name] = translate(exc.message)  # type: ignore[arg-type]
    if values.channel == Channel.EMAIL and "subject_en" not in errors:
        if not (values.subject_en.strip() and values.body_en.strip()) and not (
            values.subject_fr.strip() and values.body_fr.strip()
        ):
            errors["subject_en"] = _("Write the subject and the message in English or French.")
    if values.channel == Channel.CALL and not (values.body_fr.strip() or values.body_en.strip()):
        errors.setdefault("body_en", _("Write the call script in English or French."))
    if not Decimal("0") <= values.cost <= MAX_COST:
        errors["cost"] = _("The cost cannot be negative.")
    if not countries.is_currency(values.currency.upper()):
        errors["currency"] = _("Choose a currency (ISO code).")
    if not MIN_BATCH <= values.batch_size <= MAX_BATCH:
        errors["batch_size"] = _("Between %(low)s and %(high)s e-mails per batch.") % {
            "low": MIN_BATCH,
            "high": MAX_BATCH,
        }
    if not 0 <= values.pause_seconds <= MAX_PAUSE_SECONDS:
        errors["pause_seconds"] = _("A pause lies between 0 and %(max)s seconds.") % {
            "max": MAX_PAUSE_SECONDS
        }
    if not 1 <= values.results_window_days <= 730:
        errors["results_window_days"] = _("Between 1 and 730 days.")
    if errors:
        raise ValidationError(errors)


def _apply(campaign: Campaign, values: CampaignValues) -> None:
    for name, value in dataclasses.asdict(values).items():
        if name in ("target_list", "sender"):
            continue
        setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    campaign.currency = values.currency.upper()
    campaign.target_list = values.target_list
    campaign.sender = values.sender


def save_campaign(*, campaign: Campaign | None, values: CampaignValues, user: Actor) -> Campaign:
    """Create a campaign (``campaign`` None) or change a draft."""
    require(user, Action.CREATE if campaign is None else Action.CHANGE, Record.CAMPAIGN)
    if campaign is not None and campaign.status != Campaign.Status.DRAFT:
        raise ValidationError(_("Only a draft campaign can be changed."))
    _check_campaign(values)
    campaign = campaign or Campaign(created_by=author(user))
    _apply(campaign, values)
    if campaign.sender is None and isinstance(user, User):
        campaign.sender = user
    with transaction.atomic():
        stamp(campaign, user)
        campaign.save()
    return campaign


def create_campaign(
    *,
    name: str,
    channel: str,
    user: Actor,
    subject_fr: str = "",
    subject_en: str = "",
    body_fr: str = "",
    body_en: str = "",
    html: bool = False,
    origin: str = "",
    target_list: TargetList | None = None,
    cost: Decimal = Decimal("0"),
    currency: str = "EUR",
    sender: User | None = None,
    batch_size: int = 50,
    pause_seconds: int = 60,
    results_window_days: int = 90,
) -> Campaign:
    """A draft campaign from a body written elsewhere (the marketing area's newsletter,
    ``html=True``, ``origin="newsletter"``): the same checks (merge fields), the same
    sending, unsubscribe link and results as one typed on the campaign screen."""
    return save_campaign(
        campaign=None,
        values=CampaignValues(
            name=name,
            channel=channel,
            target_list=target_list,
            subject_fr=subject_fr,
            subject_en=subject_en,
            body_fr=body_fr,
            body_en=body_en,
            html=html,
            origin=origin,
            cost=cost,
            currency=currency,
            sender=sender,
            batch_size=batch_size,
            pause_seconds=pause_seconds,
            results_window_days=results_window_days,
        ),
        user=user,
    )


def set_cost(*, campaign: Campaign, cost: Decimal, window_days: int, user: Actor) -> Campaign:
    """The campaign's cost (files bought, mailing service, calls) and the days after sending
    during which the targets' offers and orders count as its results; any status."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    errors = {}
    if not Decimal("0") <= cost <= MAX_COST:
        errors["cost"] = _("The cost cannot be negative.")
    if not 1 <= window_days <= 730:
        errors["results_window_days"] = _("Between 1 and 730 days.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        campaign.cost = cost
        campaign.results_window_days = window_days
        stamp(campaign, user, "cost")
        campaign.save(update_fields=["cost", "results_window_days"])
    return campaign


# ----------------------------------------------------------------------- recipients


def blocked_addresses(addresses: Iterable[str]) -> set[str]:
    keys = sorted({core.normalise_email(a) for a in addresses if a})
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(
            BlockedAddress.objects.filter(address__in=keys[start : start + 500]).values_list(
                "address", flat=True
            )
        )
    return found


def exclusion(contact: Contact | None, address: str, blocked: set[str]) -> str:
    """Why an e-mail may not go to this person, in the user's words; "" when it may."""
    if contact is None:
        return _("Not in the CRM yet: turn the target into a prospect first.")
    if contact.erased_at is not None:
        return _("Erased (GDPR).")
    if contact.opted_out:
        return _("Unsubscribed.")
    if not address:
        return _("No e-mail address.")
    if core.normalise_email(address) in blocked:
        return _("The address bounced: it does not exist.")
    basis = core.email_basis(
        address=address,
        lawful_basis=contact.lawful_basis,
        has_consent=contact.consent_date is not None,
    )
    if not basis.allowed:
        return translate(basis.reason)
    return ""


def _email_recipients(campaign: Campaign, targets: list[Target]) -> list[Recipient]:
    """One recipient per address; those we may not write to are kept as excluded, with the
    reason. A target not yet in the CRM (no company) is left out: the list page says so."""
    blocked = blocked_addresses(t.contact.email if t.contact else t.email for t in targets)
    out: dict[str, Recipient] = {}
    for target in targets:
        if target.company is None:
            continue
        contact = target.contact
        address = (contact.email if contact else target.email) or ""
        reason = exclusion(contact, address, blocked)
        key = core.normalise_email(address) if address else f"target:{target.pk}"
        if key in out:
            continue  # the same address twice: one e-mail
        language = (contact.language if contact else target.company.language) or "en"
        basis = ""
        if contact is not None and not reason:
            basis = core.email_basis(
                address=address,
                lawful_basis=contact.lawful_basis,
                has_consent=contact.consent_date is not None,
            ).basis
        out[key] = Recipient(
            campaign=campaign,
            target=target,
            company=target.company,
            contact=contact,
            address=key[:254],
            language="fr" if language == "fr" else "en",
            lawful_basis=basis,
            state=RecipientState.EXCLUDED if reason else RecipientState.QUEUED,
            error=reason[:300],
        )
    return list(out.values())


def _call_recipients(campaign: Campaign, targets: list[Target]) -> list[Recipient]:
    out: dict[str, Recipient] = {}
    for target in targets:
        if target.company is None:
            continue
        contact = target.contact
        key = f"contact:{contact.pk}" if contact else f"company:{target.company_id}"
        if key in out:
            continue
        reason = ""
        if contact is not None and contact.erased_at is not None:
            reason = _("Erased (GDPR).")
        elif contact is not None and contact.opted_out:
            reason = _("Objected to prospecting.")
        phone = (contact.phone or contact.mobile) if contact else ""
        phone = phone or target.phone or target.company.phone
        if not reason and not phone:
            reason = _("No telephone number.")
        language = (contact.language if contact else target.company.language) or "en"
        out[key] = Recipient(
            campaign=campaign,
            target=target,
            company=target.company,
            contact=contact,
            address=key,
            phone=phone[:30],
            language="fr" if language == "fr" else "en",
            lawful_basis=contact.lawful_basis if contact else "",
            state=RecipientState.EXCLUDED if reason else RecipientState.TO_CALL,
            error=reason,
        )
    return list(out.values())


def _list_recipients(campaign: Campaign, user: Actor) -> int:
    if campaign.target_list is None:
        raise ValidationError({"target_list": _("Choose the target list first.")})
    targets = list(campaign.target_list.targets.select_related("contact", "company").order_by("id"))
    if not targets:
        raise ValidationError({"target_list": _("The target list is empty.")})
    build = _email_recipients if campaign.channel == Channel.EMAIL else _call_recipients
    recipients = build(campaign, targets)
    bulk_create_with_history(
        recipients,
        Recipient,
        batch_size=500,
        ignore_conflicts=False,
        default_user=author(user),
        default_change_reason="listed",
    )
    return len(recipients)


def start_sending(*, campaign: Campaign, user: Actor) -> int:
    """List the recipients (leaving out those we may not write to, each with the reason) and
    hand the sending to the job queue, in batches. A manager's decision: the e-mail goes out
    in the company's name to people who did not ask for it. Returns how many are queued."""
    require(user, Action.ISSUE, Record.CAMPAIGN)
    if campaign.channel != Channel.EMAIL:
        raise ValidationError(_("A call campaign is not sent: start the calls."))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.DRAFT:
            raise ValidationError(_("This campaign has already been sent."))
        _check_campaign(_values_of(locked))
        _list_recipients(locked, user)
        locked.status = Campaign.Status.SENDING
        locked.started_at = timezone.now()
        stamp(locked, user, "send")
        locked.save(update_fields=["status", "started_at"])
        queued = locked.recipients.filter(state=RecipientState.QUEUED).count()
        transaction.on_commit(lambda: _enqueue(locked.pk))
    campaign.refresh_from_db()
    return queued


def start_calls(*, campaign: Campaign, user: Actor) -> int:
    """List the people to call (those erased or who objected left out)."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    if campaign.channel != Channel.CALL:
        raise ValidationError(_("An e-mail campaign is sent, not called."))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.DRAFT:
            raise ValidationError(_("The calls have already started."))
        count = _list_recipients(locked, user)
        locked.status = Campaign.Status.CALLING
        locked.started_at = timezone.now()
        stamp(locked, user, "calls")
        locked.save(update_fields=["status", "started_at"])
    campaign.refresh_from_db()
    return count


def _values_of(campaign: Campaign) -> CampaignValues:
    names = {f.name for f in dataclasses.fields(CampaignValues)}
    return CampaignValues(**{n: getattr(campaign, n) for n in names})


def _enqueue(campaign_id: int) -> None:
    from . import tasks

    tasks.send_campaign.enqueue(campaign_id)


def resume(*, campaign: Campaign, user: Actor, retry_failed: bool = False) -> int:
    """Start the sending job again after a stop (server down, worker restarted). A recipient
    left "sending" by a stopped job may or may not have received the e-mail: it is marked
    failed, never sent again by itself. ``retry_failed`` puts the failed ones back in the
    queue (the user checked them). Returns how many are queued."""
    require(user, Action.ISSUE, Record.CAMPAIGN)
    if campaign.status not in (Campaign.Status.SENDING, Campaign.Status.SENT):
        raise ValidationError(_("Only a campaign being sent can be resumed."))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        locked.recipients.filter(state=RecipientState.SENDING).update(
            state=RecipientState.FAILED,
            error=_("Interrupted while sending: check whether it left before retrying."),
        )
        if retry_failed:
            locked.recipients.filter(state=RecipientState.FAILED).update(
                state=RecipientState.QUEUED, error=""
            )
        queued = locked.recipients.filter(state=RecipientState.QUEUED).count()
        if queued:
            locked.status = Campaign.Status.SENDING
            locked.finished_at = None
            stamp(locked, user, "resume")
            locked.save(update_fields=["status", "finished_at"])
            transaction.on_commit(lambda: _enqueue(locked.pk))
    campaign.refresh_from_db()
    return queued


# Per-recipient state changes of the sending job (mailing.py), each in its own transaction.


def claim(recipient_id: int) -> bool:
    """queued -> sending; False when another job took it or it is no longer queued."""
    with transaction.atomic():
        return bool(
            Recipient.objects.filter(pk=recipient_id, state=RecipientState.QUEUED).update(
                state=RecipientState.SENDING
            )
        )


def mark(recipient_id: int, state: str, error: str = "") -> None:
    with transaction.atomic():
        changes: dict[str, object] = {"state": state, "error": error[:300]}
        if state == RecipientState.SENT:
            changes["sent_at"] = timezone.now()
        Recipient.objects.filter(pk=recipient_id, state=RecipientState.SENDING).update(**changes)


def finish(campaign_id: int) -> None:
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.status != Campaign.Status.SENDING:
            return
        if campaign.recipients.filter(
            state__in=[RecipientState.QUEUED, RecipientState.SENDING]
        ).exists():
            return
        campaign.status = Campaign.Status.SENT
        campaign.finished_at = timezone.now()
        stamp(campaign, None, "sent")
        campaign.save(update_fields=["status", "finished_at"])


def close_campaign(*, campaign: Campaign, user: Actor) -> Campaign:
    require(user, Action.CHANGE, Record.CAMPAIGN)
    if campaign.status == Campaign.Status.SENDING:
        raise ValidationError(_("The campaign is still being sent."))
    with transaction.atomic():
        campaign.status = Campaign.Status.CLOSED
        campaign.finished_at = campaign.finished_at or timezone.now()
        stamp(campaign, user, "closed")
        campaign.save(update_fields=["status", "finished_at"])
    return campaign


# ------------------------------------------------------------------ opt-out, bounces, replies


def unsubscribe(*, recipient: Recipient) -> Recipient:
    """The person asked to receive no more (the page of the link, or the mail program's
    one-click, RFC 8058): recorded on the contact through parties, for every campaign.
    The system acts (the person is not a user)."""
    with transaction.atomic():
        contact = recipient.contact
        if contact is not None and not contact.opted_out:
            parties.set_opt_out(contact=contact, opted_out=True, user=None)
            parties.log_activity(
                company=recipient.company,
                contact=contact,
                user=None,
                kind="note",
                subject=_("Unsubscribed from the campaign “%(name)s”.")
                % {"name": recipient.campaign.name},
            )
        if recipient.opted_out_at is None:
            recipient.opted_out_at = timezone.now()
            stamp(recipient, None, "unsubscribed")
            recipient.save(update_fields=["opted_out_at"])
            MailEvent.objects.create(
                campaign=recipient.campaign,
                recipient=recipient,
                address=recipient.address,
                kind=EventKind.UNSUBSCRIBE,
                occurred_on=timezone.localdate(),
            )
    return recipient


def _check_event(values: EventValues) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not core.is_email(values.address):
        errors["address"] = _("“%(value)s” is not an e-mail address.") % {"value": values.address}
    if values.kind not in (EventKind.HARD_BOUNCE, EventKind.SOFT_BOUNCE, EventKind.REPLY):
        errors["kind"] = _("Choose hard bounce, soft bounce or reply.")
    if values.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("The date cannot be in the future.")
    return errors


def _record_event(campaign: Campaign, values: EventValues, user: Actor) -> MailEvent:
    address = core.normalise_email(values.address)
    recipient = (
        campaign.recipients.select_related("company", "contact").filter(address=address).first()
    )
    event = MailEvent(
        campaign=campaign,
        recipient=recipient,
        address=address,
        kind=values.kind,
        occurred_on=values.occurred_on,
        note=values.note.strip()[:500],
    )
    stamp(event, user)
    event.save()
    if values.kind == EventKind.HARD_BOUNCE:
        if not BlockedAddress.objects.filter(address=address).exists():
            blocked = BlockedAddress(
                address=address,
                reason=_("Hard bounce, campaign “%(name)s”.") % {"name": campaign.name},
            )
            stamp(blocked, user)
            blocked.save()
    if recipient is not None:
        if values.kind in (EventKind.HARD_BOUNCE, EventKind.SOFT_BOUNCE):
            # a hard bounce is final; a soft one does not replace it
            if recipient.bounced != "hard":
                recipient.bounced = "hard" if values.kind == EventKind.HARD_BOUNCE else "soft"
        elif values.kind == EventKind.REPLY and recipient.replied_at is None:
            recipient.replied_at = timezone.make_aware(
                dt.datetime.combine(values.occurred_on, dt.time(12))
            )
            parties.log_activity(
                company=recipient.company,
                contact=recipient.contact,
                user=user if isinstance(user, User) else None,
                kind="email",
                subject=_("Reply to the campaign “%(name)s”.") % {"name": campaign.name},
                body=values.note.strip(),
            )
        stamp(recipient, user, values.kind)
        recipient.save(update_fields=["bounced", "replied_at"])
    return event


def record_event(*, campaign: Campaign, values: EventValues, user: Actor) -> MailEvent:
    """A bounce or a reply recorded by hand. A hard bounce blocks the address for every
    campaign; a reply is logged as an exchange with the company."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    errors = _check_event(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _record_event(campaign, values, user)


_KINDS = {
    "hard": EventKind.HARD_BOUNCE,
    "hard_bounce": EventKind.HARD_BOUNCE,
    "hard bounce": EventKind.HARD_BOUNCE,
    "permanent": EventKind.HARD_BOUNCE,
    "soft": EventKind.SOFT_BOUNCE,
    "soft_bounce": EventKind.SOFT_BOUNCE,
    "soft bounce": EventKind.SOFT_BOUNCE,
    "temporary": EventKind.SOFT_BOUNCE,
    "reply": EventKind.REPLY,
    "réponse": EventKind.REPLY,
    "reponse": EventKind.REPLY,
    "replied": EventKind.REPLY,
}


@dataclass
class EventImport:
    rows_read: int = 0
    recorded: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_events(
    *, campaign: Campaign, stream: IO[bytes], filename: str, user: Actor
) -> EventImport:
    """Bounces and replies from a CSV/XLSX file (columns address or e-mail, kind, date,
    note; the export of a mailing service): all rows or none."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    report = EventImport()
    raw = stream.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        report.errors.append(
            RowError(
                0, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES >> 20}
            )
        )
        return report
    import io

    try:
        header, rows = tabular.read_table(io.BytesIO(raw), filename, max_rows=MAX_EVENT_ROWS)
    except tabular.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return report
    address_col = next((h for h in header if h in ("address", "email", "e-mail", "adresse")), "")
    missing = [
        n for n, present in (("address", address_col), ("kind", "kind" in header)) if not present
    ]
    if missing:
        report.errors.append(
            RowError(
                1,
                ", ".join(missing),
                _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)},
            )
        )
        return report
    report.rows_read = len(rows)
    values: list[EventValues] = []
    today = timezone.localdate()
    for number, row in enumerate(rows, start=2):
        if not any(v.strip() for v in row.values()):
            continue
        kind = _KINDS.get(row.get("kind", "").strip().lower())
        raw_date = row.get("date", "").strip()
        try:
            day = dt.date.fromisoformat(raw_date[:10]) if raw_date else today
        except ValueError:
            report.errors.append(
                RowError(
                    number,
                    "date",
                    _("Write the date as 2026-03-31, not “%(value)s”.") % {"value": raw_date},
                )
            )
            continue
        if kind is None:
            report.errors.append(
                RowError(
                    number,
                    "kind",
                    _("Write hard, soft or reply, not “%(value)s”.")
                    % {"value": row.get("kind", "")},
                )
            )
            continue
        item = EventValues(
            address=row.get(address_col, "").strip(),
            kind=kind,
            occurred_on=day,
            note=row.get("note", ""),
        )
        for name, message in _check_event(item).items():
            report.errors.append(
                RowError(number, name if name != "address" else address_col, message)
            )
        values.append(item)
    if report.errors:
        return report
    with transaction.atomic():
        for item in values:
            _record_event(campaign, item, user)
            report.recorded += 1
    return report


# --------------------------------------------------------------------------- calls


def log_call(*, recipient: Recipient, values: CallValues, user: Actor) -> Recipient:
    """One call's outcome: an activity on the company, and a task for the follow-up when
    the person asked to be called back or a meeting was booked."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    campaign = recipient.campaign
    errors: dict[str, str] = {}
    if campaign.channel != Channel.CALL:
        raise ValidationError(_("Outcomes are logged on call campaigns."))
    if recipient.state == RecipientState.EXCLUDED:
        raise ValidationError(
            _("This person is not to be called: %(why)s") % {"why": recipient.error}
        )
    if values.outcome not in CallOutcome.values:
        errors["outcome"] = _("Choose the outcome of the call.")
    follow_up = values.outcome in (CallOutcome.CALL_BACK, CallOutcome.MEETING)
    if follow_up and values.follow_up_on is None:
        errors["follow_up_on"] = (
            _("Say when to call back.")
            if values.outcome == CallOutcome.CALL_BACK
            else _("Give the meeting's date.")
        )
    if (
        values.follow_up_on is not None
        and values.follow_up_on < timezone.localdate() - dt.timedelta(days=1)
    ):
        errors["follow_up_on"] = _("The date cannot be in the past.")
    assignee = values.assigned_to or (user if isinstance(user, User) else None) or campaign.sender
    if follow_up and assignee is None:
        errors["assigned_to"] = _("Say who follows up.")
    if len(values.note) > 500:
        errors["note"] = _("At most %(n)s characters.") % {"n": 500}
    if errors:
        raise ValidationError(errors)
    label = CallOutcome(values.outcome).label
    who = str(recipient.contact or recipient.company)
    with transaction.atomic():
        recipient.outcome = values.outcome
        recipient.outcome_at = timezone.now()
        recipient.follow_up_on = values.follow_up_on if follow_up else None
        recipient.note = values.note.strip()
        recipient.state = RecipientState.CALLED
        stamp(recipient, user, values.outcome)
        recipient.save()
        parties.log_activity(
            company=recipient.company,
            contact=recipient.contact,
            user=user if isinstance(user, User) else None,
            kind="call",
            subject=_("%(campaign)s: %(outcome)s") % {"campaign": campaign.name, "outcome": label},
            body=values.note.strip(),
        )
        if follow_up and assignee is not None and values.follow_up_on is not None:
            title = (
                _("Call back %(who)s (%(campaign)s)")
                if values.outcome == CallOutcome.CALL_BACK
                else _("Meeting with %(who)s (%(campaign)s)")
            ) % {"who": who, "campaign": campaign.name}
            parties.open_task(
                title=title[:200],
                due=values.follow_up_on,
                assigned_to=assignee,
                user=user if isinstance(user, User) else None,
                company=recipient.company,
                contact=recipient.contact,
                notes=values.note.strip(),
            )
    return recipient


# --------------------------------------------------------------------------- results


def link_sale(
    *, campaign: Campaign, offer: Offer | None = None, order: Order | None = None, user: Actor
) -> LinkedSale:
    """Link by hand an offer or an order that came from the campaign (e.g. a company that
    was not in the list, reached through a colleague the campaign contacted)."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    if (offer is None) == (order is None):
        raise ValidationError({"offer": _("Choose an offer or an order.")})
    link = LinkedSale(campaign=campaign, offer=offer, order=order)
    try:
        with transaction.atomic():
            stamp(link, user)
            link.save()
    except IntegrityError:
        raise ValidationError(
            {"offer" if offer else "order": _("Already linked to this campaign.")}
        ) from None
    return link
