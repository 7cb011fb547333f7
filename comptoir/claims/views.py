"""Transport claims: the list, the claim file, its letters and files, the statistics.

The pages read through :mod:`.selectors`; writes go through :mod:`.services`; letters come
from :mod:`.letters` (rendered by ``comptoir.documents.claim_letters``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment

from . import letters, rules, selectors, services
from .forms import AmountsForm, AttachmentForm, ClaimForm, LetterSentForm, StatusForm
from .inputs import LETTERS
from .models import Claim, ClaimAttachment, Convention, Kind


def _claim(pk: int) -> Claim:
    try:
        return selectors.claim_for_page(pk)
    except Claim.DoesNotExist:
        raise Http404 from None


def _shipment_url(shipment: Shipment) -> str:
    """The shipment's page (empty while the shipping pages are not installed)."""
    try:
        return shipment.get_absolute_url()
    except NoReverseMatch:
        return ""


def claim_list(request: HttpRequest) -> HttpResponse:
    claims = selectors.claim_list(request.GET)
    return render(
        request,
        "claims/claim_list.html",
        {
            "page": page_of(request, claims),
            "params": request.GET,
            "statuses": Claim.Status.choices,
            "kinds": Kind.choices,
            "conventions": Convention.choices,
            "due": selectors.claims_due(today()),
            "today": today(),
        },
    )


def claim_statistics(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "carrier")
    if by not in selectors.GROUPINGS:
        by = "carrier"
    since_raw = request.GET.get("since", "")
    try:
        since = dt.date.fromisoformat(since_raw) if since_raw else None
    except ValueError:
        since = None
        messages.error(request, _("The date “since” is not a date (YYYY-MM-DD)."))
    return render(
        request,
        "claims/statistics.html",
        {
            "rows": selectors.statistics(by, since),
            "by": by,
            "since": since,
            "groupings": [
                ("carrier", _("Carrier")),
                ("kind", _("Cause")),
                ("route", _("Route")),
            ],
        },
    )


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    day = today()
    result = selectors.assessment(claim)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "assessment": {
                "notice": translate(result.notice),
                "steps": [translate(step) for step in result.steps],
                "rule": translate(result.rule),
            }
            if result is not None
            else None,
            "warnings": selectors.warnings(claim, day),
            "deadlines": claim.deadlines.select_related("task"),
            "attachments": claim.attachments.all(),
            "status_form": StatusForm(
                initial={"status": next(iter(sorted(services.NEXT_STATUSES[claim.status])), "")}
            ),
            "next_statuses": [
                (value, label)
                for value, label in Claim.Status.choices
                if value in services.NEXT_STATUSES[claim.status]
            ],
            "amounts_form": AmountsForm(
                initial={
                    "amount_claimed": claim.amount_claimed,
                    "recovered_carrier": claim.recovered_carrier,
                    "recovered_insurer": claim.recovered_insurer,
                    "outcome": claim.outcome,
                }
            ),
            "attachment_form": AttachmentForm(),
            "letter_form": LetterSentForm(),
            "letters": [
                ("reserves", _("Confirmation of reserves to the carrier"), claim.reserves_sent_on),
                ("claim", _("Claim letter to the carrier"), claim.claim_sent_on),
                ("insurer", _("Claim to the cargo insurer"), claim.insurer_claimed_on),
            ],
            "today": day,
            "shipment_url": _shipment_url(claim.shipment),
        },
    )


def _edit(request: HttpRequest, shipment: Shipment, claim: Claim | None) -> HttpResponse:
    require_edit(request.user)
    user = acting_user(request)
    suggestion = rules.suggest_convention(shipment)
    if claim is None:
        initial: dict[str, Any] = {
            "carrier": shipment.carrier or shipment.forwarder,
            "currency": shipment.currency or "EUR",
            "discovered_on": today(),
            "delivery_date": today(),
            "handled_by": user,
            "consignment_weight_kg": shipment.gross_weight_kg,
            "convention": suggestion.convention,
        }
        form = ClaimForm(request.POST or None, initial=initial, instance=Claim())
    else:
        form = ClaimForm(request.POST or None, instance=claim)
    if request.method == "POST" and form.is_valid():
        try:
            if claim is None:
                claim = services.create_claim(shipment=shipment, facts=form.facts(), user=user)
                messages.success(request, _("Claim %(number)s opened.") % {"number": claim.number})
            else:
                claim = services.update_claim(claim=claim, facts=form.facts(), user=user)
                messages.success(request, _("Claim %(number)s saved.") % {"number": claim.number})
            return HttpResponseRedirect(claim.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    if request.method == "POST":
        messages.error(request, _("The claim was not saved: correct the fields marked in red."))
    return render(
        request,
        "claims/claim_form.html",
        {
            "form": form,
            "shipment": shipment,
            "claim": claim,
            "suggestion": suggestion,
            "shipment_url": _shipment_url(shipment),
        },
    )


def claim_edit(request: HttpRequest, shipment_pk: int) -> HttpResponse:
    try:
        shipment = shipping_selectors.shipment_for_page(shipment_pk)
    except Shipment.DoesNotExist:
        raise Http404 from None
    return _edit(request, shipment, None)


def claim_edit_existing(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    return _edit(request, claim.shipment, claim)


def _back(claim: Claim) -> HttpResponseRedirect:
    return HttpResponseRedirect(claim.get_absolute_url())


@require_POST
def claim_status(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return _back(claim)
    try:
        services.set_status(
            claim=claim,
            status=form.cleaned_data["status"],
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note") or "",
            user=acting_user(request),
        )
        messages.success(request, _("Status: %(status)s.") % {"status": claim.get_status_display()})
    except ValidationError as exc:
        _refused(request, exc)
    return _back(claim)


@require_POST
def claim_amounts(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = AmountsForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''}: {error}"
                )
        return _back(claim)
    try:
        services.save_amounts(claim=claim, values=form.values(), user=acting_user(request))
        messages.success(request, _("Amounts saved."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(claim)


@require_POST
def claim_attach(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return _back(claim)
    try:
        attachment = services.add_attachment(
            claim=claim, upload=form.cleaned_data["file"], user=acting_user(request)
        )
        messages.success(request, _("%(name)s attached.") % {"name": attachment.name})
    except ValidationError as exc:
        _refused(request, exc)
    return _back(claim)


def _attachment(claim: Claim, file_pk: int) -> ClaimAttachment:
    attachment = claim.attachments.filter(pk=file_pk).first()
    if attachment is None:
        raise Http404
    return attachment


def claim_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A file of the claim, to signed-in users only (the login middleware), never from a
    public media URL; pictures inline, PDFs as downloads."""
    claim = _claim(pk)
    attachment = _attachment(claim, file_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def claim_file_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    claim = _claim(pk)
    attachment = _attachment(claim, file_pk)
    services.remove_attachment(attachment=attachment, user=acting_user(request))
    messages.success(request, _("%(name)s removed.") % {"name": attachment.name})
    return _back(claim)


def letter_pdf(request: HttpRequest, pk: int, letter: str) -> HttpResponse:
    claim = _claim(pk)
    if letter not in LETTERS:
        raise Http404
    if letter == "insurer" and claim.insurer is None:
        messages.error(request, _("Choose the cargo insurer of this claim first."))
        return _back(claim)
    return pdf_response(letters.letter_pdf(claim, letter), letters.letter_filename(claim, letter))


@require_POST
def letter_sent(request: HttpRequest, pk: int, letter: str) -> HttpResponse:
    claim = _claim(pk)
    if letter not in LETTERS:
        raise Http404
    form = LetterSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The date is not valid."))
        return _back(claim)
    try:
        services.record_letter(
            claim=claim,
            letter=letter,
            sent_on=form.cleaned_data.get("sent_on"),
            email=form.cleaned_data.get("email") or False,
            user=acting_user(request),
        )
        messages.success(
            request,
            _("%(letter)s recorded as sent.")
            % {"letter": services.letter_title(letter).capitalize()},
        )
    except ValidationError as exc:
        _refused(request, exc)
    return HttpResponseRedirect(reverse("claims:claim_detail", args=[claim.pk]))
