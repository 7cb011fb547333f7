"""Writes of the events area: the event file, its checklist, its budget and receipts, the
invitations and their answers, the visitors met on the stand and the deals linked by hand.

Every service checks the role matrix first (``EVENT``, ``EVENT_BUDGET``, ``EVENT_VISITOR``,
``EVENT_TEMPLATE``), writes in one transaction and names the author for the history.
Companies, contacts, activities and tasks are written through ``parties.services`` only.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, delete_instance, save_instance, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact, LawfulBasis
from comptoir.parties.values import CompanyValues, ContactValues
from comptoir.sales.models import Offer, Order
from comptoir.trade import events as rules
from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

from .attachments import check_upload
from .inputs import BudgetLineValues, ChecklistItemValues, EventValues, VisitorValues
from .models import (
    ANSWERS,
    BudgetLine,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Deal,
    Event,
    Invitation,
    Receipt,
    Visitor,
)

#: Largest business-card photo kept (bytes, after the device resized it).
MAX_CARD_BYTES = 3 * 512 * 1024  # 1.5 MB: the request stays under Django's 2.5 MB
#: Largest picture (pixels) decoded; the card is stored at most this wide or high.
MAX_CARD_PIXELS = 40_000_000
CARD_SIZE = 1600
#: Most contacts invited in one go.
MAX_INVITATIONS = 2000

#: Countries whose companies get documents in French by default.
FRENCH_SPEAKING = frozenset({"FR", "BE", "CH", "LU", "MC", "CA", "SN", "CI", "MA", "TN", "DZ"})


def _core(exc: TradeInputError, fields: dict[str, str] | None = None) -> ValidationError:
    """A refusal of the trade core as a ValidationError naming the field, in the user's
    language."""
    field = (fields or {}).get(exc.field or "", exc.field or "__all__")
    message = translate(exc.message) if isinstance(exc.message, Text) else str(exc.message)
    return ValidationError({field: message})


# --------------------------------------------------------------------------- the event


def _check_event(values: EventValues) -> None:
    errors: dict[str, str] = {}
    if values.ends_on < values.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    if (values.ends_on - values.starts_on).days > 60:
        errors["ends_on"] = _("An event lasts 60 days at most.")
    if values.stand_type == "shared" and not values.shared_with.strip():
        errors["shared_with"] = _("Say with whom the stand is shared.")
    if errors:
        raise ValidationError(errors)


def save_event(*, event: Event | None, values: EventValues, user: Actor) -> Event:
    """Create (``event`` None) or change an event; moving its dates moves the checklist's
    due dates with them (an item keeps its D-days)."""
    creating = event is None
    require(user, Action.CREATE if creating else Action.CHANGE, Record.EVENT)
    _check_event(values)
    event = event or Event(created_by=author(user))
    moved = not creating and (
        event.starts_on != values.starts_on or event.ends_on != values.ends_on
    )
    for name in (
        "name",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "city",
        "country",
        "venue",
        "organiser",
        "website",
        "stand_type",
        "hall",
        "stand_number",
        "stand_area_m2",
        "shared_with",
        "lead_target",
        "meeting_target",
        "meetings_held",
        "objectives",
        "sales_window_days",
        "notes",
    ):
        setattr(event, name, getattr(values, name))
    with transaction.atomic():
        stamp(event, user)
        event.save()
        event.team.set(values.team)
        if moved:
            for item in event.checklist.all():
                item.due_on = rules.due_date(
                    event.starts_on, event.ends_on, item.anchor, item.offset_days
                )
                stamp(item, user, "event dates moved")
                item.save(update_fields=["due_on"])
    return event


def delete_event(*, event: Event, user: Actor) -> None:
    """A manager's: the event with its checklist, budget, invitations and visitor forms (the
    companies, contacts and tasks made in the CRM stay)."""
    require(user, Action.DELETE, Record.EVENT)
    delete_instance(event, user, "event deleted")


# --------------------------------------------------------------------------- checklist


def save_template_item(
    *,
    template: ChecklistTemplate,
    item: ChecklistTemplateItem | None,
    values: ChecklistItemValues,
    user: Actor,
) -> ChecklistTemplateItem:
    require(user, Action.ADMINISTER, Record.EVENT_TEMPLATE)
    if abs(values.offset_days) > rules.MAX_OFFSET_DAYS:
        raise ValidationError({"offset_days": _("At most 730 days from the fair.")})
    item = item or ChecklistTemplateItem(template=template)
    item.title = values.title
    item.anchor = values.anchor
    item.offset_days = values.offset_days
    with transaction.atomic():
        stamp(item, user)
        item.save()
    return item


def remove_template_item(*, item: ChecklistTemplateItem, user: Actor) -> None:
    require(user, Action.ADMINISTER, Record.EVENT_TEMPLATE)
    with transaction.atomic():
        stamp(item, user, "removed")
        item.delete()


def create_template(*, name: str, user: Actor) -> ChecklistTemplate:
    require(user, Action.ADMINISTER, Record.EVENT_TEMPLATE)
    if ChecklistTemplate.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("A template of this name exists.")})
    template = ChecklistTemplate(name=name.strip())
    with transaction.atomic():
        stamp(template, user)
        template.save()
    return template


def apply_template(
    *, event: Event, template: ChecklistTemplate, owner: User | None, user: Actor
) -> int:
    """Add the template's items to the event's checklist with their due dates (an item of
    the same title already there is skipped); how many were added."""
    require(user, Action.CHANGE, Record.EVENT)
    have = {t.casefold() for t in event.checklist.values_list("title", flat=True)}
    added = 0
    with transaction.atomic():
        for model in template.items.all():
            if model.title.casefold() in have:
                continue
            item = ChecklistItem(
                event=event,
                title=model.title,
                anchor=model.anchor,
                offset_days=model.offset_days,
                due_on=rules.due_date(
                    event.starts_on, event.ends_on, model.anchor, model.offset_days
                ),
                owner=owner,
            )
            stamp(item, user, f"from template {template.name}")
            item.save()
            added += 1
    return added


def save_checklist_item(
    *, event: Event, item: ChecklistItem | None, values: ChecklistItemValues, user: Actor
) -> ChecklistItem:
    require(user, Action.CHANGE, Record.EVENT)
    try:
        due = rules.due_date(event.starts_on, event.ends_on, values.anchor, values.offset_days)
    except TradeInputError as exc:
        raise _core(exc) from None
    item = item or ChecklistItem(event=event)
    item.title = values.title
    item.anchor = values.anchor
    item.offset_days = values.offset_days
    item.due_on = due
    item.owner = values.owner
    item.notes = values.notes
    with transaction.atomic():
        stamp(item, user)
        item.save()
    return item


def set_item_done(
    *, item: ChecklistItem, done: bool, user: Actor, on: dt.date | None = None
) -> ChecklistItem:
    require(user, Action.CHANGE, Record.EVENT)
    day = on or local_today()
    if done and day > local_today():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    item.done_on = day if done else None
    with transaction.atomic():
        stamp(item, user, "done" if done else "reopened")
        item.save(update_fields=["done_on"])
    return item


# --------------------------------------------------------------------------- budget


def save_budget_line(
    *, event: Event, line: BudgetLine | None, values: BudgetLineValues, user: Actor
) -> BudgetLine:
    require(user, Action.CREATE if line is None else Action.CHANGE, Record.EVENT_BUDGET)
    if values.planned < 0:
        raise ValidationError({"planned": _("An amount cannot be negative.")})
    if values.actual is not None and values.actual < 0:
        raise ValidationError({"actual": _("An amount cannot be negative.")})
    line = line or BudgetLine(event=event)
    line.category = values.category
    line.label = values.label
    line.planned = values.planned
    line.actual = values.actual
    line.supplier = values.supplier
    with transaction.atomic():
        stamp(line, user)
        line.save()
    return line


def add_receipt(*, line: BudgetLine, upload: UploadedFile, user: Actor) -> Receipt:
    """Keep an invoice or a receipt of the line (PDF or photo, 10 MB at most, checked from
    its bytes)."""
    require(user, Action.CHANGE, Record.EVENT_BUDGET)
    content_type = check_upload(upload)
    receipt = Receipt(
        line=line,
        name=(upload.name or "receipt")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=author(user),
    )
    with transaction.atomic():
        receipt.file.save(upload.name or "receipt", upload, save=False)
        stamp(receipt, user)
        receipt.save()
    return receipt


def remove_receipt(*, receipt: Receipt, user: Actor) -> None:
    require(user, Action.CHANGE, Record.EVENT_BUDGET)
    with transaction.atomic():
        stamp(receipt, user, "removed")
        receipt.delete()
    receipt.file.delete(save=False)


# --------------------------------------------------------------------------- invitations


def invite(*, event: Event, contacts: Iterable[Contact], user: Actor) -> tuple[int, int]:
    """Put contacts on the invitation list; people who opted out, were erased or have no
    e-mail are left out, and so is anyone already invited. (added, left out)."""
    require(user, Action.CHANGE, Record.EVENT)
    chosen = list(contacts)
    if len(chosen) > MAX_INVITATIONS:
        raise ValidationError(
            {"contacts": _("At most %(n)d contacts at a time.") % {"n": MAX_INVITATIONS}}
        )
    mailable = set(
        Contact.objects.mailable()
        .filter(pk__in=[c.pk for c in chosen])
        .values_list("pk", flat=True)
    )
    already = set(event.invitations.values_list("contact_id", flat=True))
    added = skipped = 0
    with transaction.atomic():
        for contact in chosen:
            if contact.pk not in mailable:
                skipped += 1
                continue
            if contact.pk in already:
                continue
            invitation = Invitation(event=event, contact=contact)
            stamp(invitation, user)
            invitation.save()
            already.add(contact.pk)
            added += 1
    return added, skipped


def send_invitations(*, event: Event, base_url: str, user: Actor) -> int:
    """Queue the e-mail of every invitation not sent yet (each in its contact's language,
    with the stand, the dates and the answer link); how many were queued. A contact who
    opted out or was erased since being listed is not written to."""
    require(user, Action.CHANGE, Record.EVENT)
    from .tasks import email_invitation  # the task module imports the mailing

    pending = event.invitations.filter(status=Invitation.Status.TO_SEND)
    mailable = set(
        Contact.objects.mailable()
        .values_list("pk", flat=True)
        .filter(pk__in=pending.values("contact_id"))
    )
    sender = user.pk if isinstance(user, User) else None
    count = 0
    for invitation in pending:
        if invitation.contact_id not in mailable:
            continue
        email_invitation.enqueue(invitation.pk, base_url, sender)
        count += 1
    return count


def mark_sent(invitation_id: int, deliver: Callable[[], object]) -> Invitation | None:
    """Send (``deliver``) and record it in one transaction, by the worker (system write: no
    user): a second run finds it sent and does nothing; a mail server that fails leaves it
    to send."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
        if invitation is None or invitation.status != Invitation.Status.TO_SEND:
            return None
        deliver()
        invitation.status = Invitation.Status.SENT
        invitation.sent_at = timezone.now()
        stamp(invitation, None, "e-mailed")
        invitation.save(update_fields=["status", "sent_at"])
    return invitation


def record_answer(
    *, invitation: Invitation, answer: str, user: Actor, online: bool = False
) -> Invitation:
    """The contact's answer: by the signed link (``online``, no user) or entered by hand."""
    if not online:
        require(user, Action.CHANGE, Record.EVENT)
    if answer not in ANSWERS:
        raise ValidationError({"status": _("Answer: will come, maybe or will not come.")})
    invitation.status = answer
    invitation.answered_at = timezone.now()
    invitation.answered_online = online
    with transaction.atomic():
        stamp(invitation, None if online else user, "answer")
        invitation.save(update_fields=["status", "answered_at", "answered_online"])
        if online:
            parties.log_activity(
                company=invitation.contact.company,
                contact=invitation.contact,
                user=None,
                kind="email",
                subject=_("Answer to the invitation to %(event)s: %(answer)s")
                % {"event": invitation.event.name, "answer": invitation.get_status_display()},
            )
    return invitation


# --------------------------------------------------------------------------- visitors


def _card_jpeg(data: bytes) -> bytes:
    """The card photo checked from its bytes and stored as a JPEG without its metadata (the
    phone's GPS position is not the company's business), at most 1600 px."""
    if len(data) > MAX_CARD_BYTES:
        raise ValidationError(
            {"card": _("The photo is larger than %(mb).1f MB.") % {"mb": MAX_CARD_BYTES / 2**20}}
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise ValidationError(
                    {"card": _("The card photo must be a JPEG, PNG or WebP picture.")}
                )
            if image.width * image.height > MAX_CARD_PIXELS:
                raise ValidationError({"card": _("The picture is too large.")})
            image.load()
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError({"card": _("The card photo could not be read.")}) from None
    picture.thumbnail((CARD_SIZE, CARD_SIZE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _check_visitor(values: VisitorValues) -> None:
    errors: dict[str, str] = {}
    if not values.company_name.strip():
        errors["company_name"] = _("Enter the visitor's company.")
    if not values.last_name.strip():
        errors["last_name"] = _("Enter the visitor's name.")
    if values.temperature not in rules.FOLLOW_UP_BUSINESS_DAYS:
        errors["temperature"] = _("Choose hot, warm or cold.")
    if values.consent and values.consent_date is None:
        errors["consent_date"] = _("Give the date the visitor agreed to be contacted.")
    if errors:
        raise ValidationError(errors)


def _match(values: VisitorValues) -> tuple[Company | None, Contact | None]:
    """The company already in the CRM: a contact with this e-mail first, then a company
    with this e-mail, then a company of this name in this country."""
    email = values.email.strip().lower()
    if email:
        contact = (
            Contact.objects.active()
            .annotate(low=Lower("email"))
            .filter(low=email)
            .select_related("company")
            .first()
        )
        if contact is not None:
            return contact.company, contact
        company = Company.objects.annotate(low=Lower("email")).filter(low=email).first()
        if company is not None:
            return company, None
    name = " ".join(values.company_name.split()).lower()
    company = (
        Company.objects.annotate(low=Lower("name")).filter(low=name, country=values.country).first()
    )
    return company, None


def _follow_up_owner(event: Event, user: Actor) -> User | None:
    if isinstance(user, User) and user.is_authenticated:
        return user
    return event.team.order_by("pk").first()


def _activity_body(values: VisitorValues) -> str:
    lines = [
        _("Lead: %(temperature)s") % {"temperature": values.temperature},
    ]
    if values.position:
        lines.append(_("Position: %(position)s") % {"position": values.position})
    if values.interest:
        lines.append(_("Interest: %(interest)s") % {"interest": values.interest})
    if values.products:
        lines.append(
            _("Products: %(products)s")
            % {"products": ", ".join(p.reference for p in values.products)}
        )
    if values.notes:
        lines.append(values.notes)
    return "\n".join(lines)


def record_visitor(*, event: Event, values: VisitorValues, user: Actor) -> tuple[Visitor, bool]:
    """Record a visitor form sent by the stand's device; ``(visitor, created)``.

    Idempotent on ``client_id``: the device sends again until it hears back, so a form the
    server already has is answered with the visitor recorded the first time, and nothing is
    written twice. A new visitor becomes a prospect (company and contact) or, when the CRM
    knows the company, an activity on it (and a contact if the person is new); either way
    the team member gets a follow-up task due after the fair by lead temperature."""
    require(user, Action.CREATE, Record.EVENT_VISITOR)
    known = Visitor.objects.filter(client_id=values.client_id).first()
    if known is not None:
        if known.event_id != event.pk:
            raise ValidationError({"client_id": _("This form belongs to another event.")})
        return known, False
    _check_visitor(values)
    card = _card_jpeg(values.card) if values.card else None
    try:
        with transaction.atomic():
            return _create_visitor(event, values, card, user), True
    except IntegrityError:
        known = Visitor.objects.filter(client_id=values.client_id).first()
        if known is None:
            raise
        return known, False


def _create_visitor(
    event: Event, values: VisitorValues, card: bytes | None, user: Actor
) -> Visitor:
    company, contact = _match(values)
    existing = company is not None
    basis = LawfulBasis.CONSENT if values.consent else LawfulBasis.LEGITIMATE_INTEREST
    if company is None:
        company = parties.save_company(
            company=None,
            values=CompanyValues(
                name=" ".join(values.company_name.split())[:200],
                roles=("prospect",),
                country=values.country,
                language="fr" if values.country in FRENCH_SPEAKING else "en",
                notes=_("Met at %(event)s.") % {"event": event.name},
            ),
            user=user,
            reason=f"visitor at {event.name}",
        )
    if contact is None:
        email = values.email.strip().lower()
        contact = (
            company.contacts.active()
            .annotate(low_last=Lower("last_name"), low_first=Lower("first_name"))
            .filter(
                low_last=values.last_name.strip().lower(),
                low_first=values.first_name.strip().lower(),
            )
            .first()
        )
        if contact is None:
            contact = parties.save_contact(
                contact=None,
                values=ContactValues(
                    company=company,
                    first_name=values.first_name.strip(),
                    last_name=values.last_name.strip(),
                    position=values.position,
                    email=email,
                    phone=values.phone[:20],
                    language=company.language,
                    lawful_basis=basis,
                    consent_date=values.consent_date if values.consent else None,
                ),
                user=user,
                reason=f"visitor at {event.name}",
            )
    actor = user if isinstance(user, User) else None
    parties.log_activity(
        company=company,
        contact=contact,
        user=actor,
        kind="meeting",
        subject=_("Met on our stand at %(event)s") % {"event": event.name},
        body=_activity_body(values),
        occurred_at=values.met_at,
    )
    owner = _follow_up_owner(event, user)
    task = None
    if owner is not None:
        try:
            due = rules.follow_up_due(event.ends_on, values.temperature, values.met_at.date())
        except TradeInputError as exc:
            raise _core(exc) from None
        task = parties.open_task(
            title=_("Follow up %(person)s (%(company)s) met at %(event)s")
            % {
                "person": f"{values.first_name} {values.last_name}".strip(),
                "company": company.name,
                "event": event.name,
            },
            due=due,
            assigned_to=owner,
            user=actor,
            company=company,
            contact=contact,
            notes=_activity_body(values),
        )
    visitor = Visitor(
        event=event,
        client_id=values.client_id,
        company_name=values.company_name.strip()[:200],
        first_name=values.first_name.strip(),
        last_name=values.last_name.strip(),
        position=values.position,
        country=values.country,
        email=values.email.strip().lower(),
        phone=values.phone,
        interest=values.interest,
        temperature=values.temperature,
        consent=values.consent,
        consent_date=values.consent_date if values.consent else None,
        notes=values.notes,
        met_at=values.met_at,
        entered_by=author(user),
        company=company,
        contact=contact,
        existing_company=existing,
        task=task,
    )
    if card is not None:
        visitor.card.save(f"{uuid.uuid4().hex}.jpg", ContentFile(card), save=False)
    stamp(visitor, user)
    visitor.save()
    if values.products:
        visitor.products.set(values.products)
    return visitor


# --------------------------------------------------------------------------- results


def link_deal(
    *, event: Event, offer: Offer | None = None, order: Order | None = None, user: Actor
) -> Deal:
    require(user, Action.CHANGE, Record.EVENT)
    if offer is None and order is None:
        raise ValidationError({"offer": _("Choose an offer or an order.")})
    deal = Deal(event=event, offer=offer, order=order)
    return save_instance(deal, user, "linked by hand")


def unlink_deal(*, deal: Deal, user: Actor) -> None:
    require(user, Action.CHANGE, Record.EVENT)
    with transaction.atomic():
        stamp(deal, user, "unlinked")
        deal.delete()
