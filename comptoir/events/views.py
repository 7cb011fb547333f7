"""Trade fairs and events: the list, the event file (checklist, budget, invitations,
visitors, results), the stand's visitor form, the invitation answer without login, the
checklist templates and the event report.

Pages read through :mod:`.selectors`; writes go through :mod:`.services`.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.common.dates import current_language, today
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.parties.models import Contact, PartyRole
from comptoir.sales.models import Offer, Order

from . import mailing, report, selectors, services
from .forms import (
    AnswerForm,
    ApplyTemplateForm,
    BudgetLineForm,
    ChecklistItemForm,
    DealForm,
    EventForm,
    InviteForm,
    ReceiptForm,
    TemplateItemForm,
    VisitorForm,
)
from .models import (
    ANSWERS,
    BudgetLine,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Deal,
    Event,
    EventKind,
    Receipt,
    Temperature,
    Visitor,
)

#: Candidates shown at once on the invitation page.
MAX_CANDIDATES = 300
#: Largest visitor form accepted (bytes of JSON: the photo is inside).
MAX_VISITOR_BODY = 2_400_000


def _event(pk: int) -> Event:
    try:
        return selectors.event_for_page(pk)
    except Event.DoesNotExist:
        raise Http404 from None


def _back(event: Event, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(event.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def _form_refused(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list(request.GET)
    return render(
        request,
        "events/event_list.html",
        {
            "page": page_of(request, events),
            "params": request.GET,
            "statuses": Event.Status.choices,
            "kinds": EventKind.choices,
            "today": today(),
        },
    )


def _edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    require_edit(request.user)
    form = EventForm(request.POST or None, instance=event or Event())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_event(
                event=event, values=form.values(), user=acting_user(request)
            )
            messages.success(request, _("Event %(name)s saved.") % {"name": saved.name})
            return HttpResponseRedirect(saved.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    if request.method == "POST":
        messages.error(request, _("The event was not saved: correct the fields marked in red."))
    return render(request, "events/event_form.html", {"form": form, "event": event})


def event_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _event(pk))


@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    try:
        services.delete_event(event=event, user=acting_user(request))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return _back(event)
    messages.success(request, _("Event %(name)s deleted.") % {"name": event.name})
    return HttpResponseRedirect(reverse("events:event_list"))


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    day = today()
    language = current_language()
    figures = selectors.report(event, day, language)
    people = list(selectors.visitors(event))
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "today": day,
            "country_name": countries.country_name(event.country, language)
            if event.country
            else "",
            "checklist": selectors.checklist(event, day),
            "item_form": ChecklistItemForm(initial={"anchor": "start", "offset_days": -30}),
            "apply_form": ApplyTemplateForm(),
            "budget": figures["budget"],
            "budget_form": BudgetLineForm(),
            "receipt_form": ReceiptForm(),
            "invitations": selectors.invitations(event),
            "answers": [(a.value, a.label) for a in ANSWERS],
            "visitors": [(v, selectors.follow_up(v, day)) for v in people],
            "r": figures,
            "deal_form": DealForm(),
            "may_delete": allowed(request.user, Action.DELETE, Record.EVENT),
        },
    )


# --------------------------------------------------------------------------- checklist


@require_POST
def checklist_apply(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = ApplyTemplateForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return _back(event, "checklist")
    added = services.apply_template(
        event=event,
        template=form.cleaned_data["template"],
        owner=form.cleaned_data.get("owner"),
        user=acting_user(request),
    )
    messages.success(request, _("%(n)d items added to the checklist.") % {"n": added})
    return _back(event, "checklist")


@require_POST
def checklist_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = ChecklistItemForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return _back(event, "checklist")
    try:
        services.save_checklist_item(
            event=event, item=None, values=form.values(), user=acting_user(request)
        )
        messages.success(request, _("Item added."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(event, "checklist")


@require_POST
def checklist_done(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event = _event(pk)
    item = event.checklist.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    services.set_item_done(
        item=item, done=request.POST.get("done") == "1", user=acting_user(request)
    )
    return _back(event, "checklist")


def templates_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/templates.html",
        {
            "templates": selectors.templates(),
            "item_form": TemplateItemForm(initial={"anchor": "start"}),
        },
    )


@require_POST
def template_create(request: HttpRequest) -> HttpResponse:
    name = (request.POST.get("name") or "").strip()[:120]
    if not name:
        messages.error(request, _("Give the template a name."))
    else:
        try:
            services.create_template(name=name, user=acting_user(request))
            messages.success(request, _("Template %(name)s created.") % {"name": name})
        except ValidationError as exc:
            _refused(request, exc)
    return HttpResponseRedirect(reverse("events:templates"))


@require_POST
def template_item_add(request: HttpRequest, template_pk: int) -> HttpResponse:
    template = ChecklistTemplate.objects.filter(pk=template_pk).first()
    if template is None:
        raise Http404
    form = TemplateItemForm(request.POST)
    if form.is_valid():
        try:
            services.save_template_item(
                template=template, item=None, values=form.values(), user=acting_user(request)
            )
            messages.success(request, _("Item added."))
        except ValidationError as exc:
            _refused(request, exc)
    else:
        _form_refused(request, form)
    return HttpResponseRedirect(reverse("events:templates") + f"#template-{template.pk}")


@require_POST
def template_item_remove(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = ChecklistTemplateItem.objects.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    services.remove_template_item(item=item, user=acting_user(request))
    messages.success(request, _("Item removed."))
    return HttpResponseRedirect(reverse("events:templates") + f"#template-{item.template_id}")


# --------------------------------------------------------------------------- budget


@require_POST
def budget_save(request: HttpRequest, pk: int, line_pk: int | None = None) -> HttpResponse:
    event = _event(pk)
    line = None
    if line_pk is not None:
        line = event.budget_lines.filter(pk=line_pk).first()
        if line is None:
            raise Http404
    form = BudgetLineForm(request.POST, instance=line or BudgetLine(event=event))
    if not form.is_valid():
        _form_refused(request, form)
        return _back(event, "budget")
    try:
        services.save_budget_line(
            event=event, line=line, values=form.values(), user=acting_user(request)
        )
        messages.success(request, _("Budget saved."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(event, "budget")


def _line(event: Event, line_pk: int) -> BudgetLine:
    line = event.budget_lines.filter(pk=line_pk).first()
    if line is None:
        raise Http404
    return line


@require_POST
def receipt_add(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    event = _event(pk)
    line = _line(event, line_pk)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return _back(event, "budget")
    try:
        receipt = services.add_receipt(
            line=line, upload=form.cleaned_data["file"], user=acting_user(request)
        )
        messages.success(request, _("%(name)s attached.") % {"name": receipt.name})
    except ValidationError as exc:
        _refused(request, exc)
    return _back(event, "budget")


def _receipt(event: Event, receipt_pk: int) -> Receipt:
    receipt = Receipt.objects.filter(pk=receipt_pk, line__event=event).first()
    if receipt is None:
        raise Http404
    return receipt


def receipt_file(request: HttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    receipt = _receipt(_event(pk), receipt_pk)
    try:
        handle = receipt.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=receipt.content_type,
        as_attachment=receipt.content_type == "application/pdf",
        filename=receipt.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def receipt_remove(request: HttpRequest, pk: int, receipt_pk: int) -> HttpResponse:
    event = _event(pk)
    receipt = _receipt(event, receipt_pk)
    services.remove_receipt(receipt=receipt, user=acting_user(request))
    messages.success(request, _("%(name)s removed.") % {"name": receipt.name})
    return _back(event, "budget")


# --------------------------------------------------------------------------- invitations


def invite_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose whom to invite: people we may write to, filtered by country, role, name."""
    event = _event(pk)
    candidates = (
        Contact.objects.mailable().select_related("company").order_by("company__name", "last_name")
    )
    country = (request.GET.get("country") or "").upper()[:2]
    if country:
        candidates = candidates.filter(company__country=country)
    role = request.GET.get("role") or ""
    if role in PartyRole.values:
        candidates = candidates.filter(company__roles__contains=f",{role},")
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        candidates = candidates.filter(company__name__icontains=q) | candidates.filter(
            last_name__icontains=q
        )
    invited = set(event.invitations.values_list("contact_id", flat=True))
    return render(
        request,
        "events/invite.html",
        {
            "event": event,
            "candidates": list(candidates.exclude(pk__in=invited)[:MAX_CANDIDATES]),
            "params": request.GET,
            "roles": [
                (v, lbl)
                for v, lbl in PartyRole.choices
                if v in ("client", "prospect", "agent", "distributor")
            ],
            "country_choices": countries.country_choices(current_language()),
            "max": MAX_CANDIDATES,
        },
    )


@require_POST
def invite_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose the contacts to invite (people who opted out cannot be).")
        )
        return HttpResponseRedirect(reverse("events:invite", args=[event.pk]))
    try:
        added, skipped = services.invite(
            event=event, contacts=form.cleaned_data["contacts"], user=acting_user(request)
        )
    except ValidationError as exc:
        _refused(request, exc)
        return _back(event, "invitations")
    messages.success(request, _("%(n)d contacts added to the invitation list.") % {"n": added})
    if skipped:
        messages.warning(
            request, _("%(n)d left out: opted out, erased or without e-mail.") % {"n": skipped}
        )
    return _back(event, "invitations")


@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    count = services.send_invitations(
        event=event, base_url=request.build_absolute_uri("/"), user=acting_user(request)
    )
    messages.success(request, _("%(n)d invitations queued for sending.") % {"n": count})
    return _back(event, "invitations")


@require_POST
def invitation_answer_by_hand(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    event = _event(pk)
    invitation = event.invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.record_answer(
            invitation=invitation, answer=form.cleaned_data["status"], user=acting_user(request)
        )
        messages.success(request, _("Answer recorded."))
    else:
        _form_refused(request, form)
    return _back(event, "invitations")


@login_not_required
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The page the invitation's link opens, without login: GET shows the event and three
    buttons, POST records the answer (a link preview fetching the page answers nothing)."""
    invitation = mailing.invitation_from_token(token)
    if invitation is None:
        raise Http404
    language = invitation.contact.language or invitation.contact.company.language or "en"
    with translation.override(language):
        done = False
        if request.method == "POST":
            form = AnswerForm(request.POST)
            if form.is_valid():
                services.record_answer(
                    invitation=invitation,
                    answer=form.cleaned_data["status"],
                    user=None,
                    online=True,
                )
                done = True
        event = invitation.event
        return render(
            request,
            "events/invitation_answer.html",
            {
                "invitation": invitation,
                "event": event,
                "place": mailing.where(event, language),
                "stand": mailing.stand_text(event),
                "answers": [(a.value, a.label) for a in ANSWERS],
                "done": done,
                "LANGUAGE_CODE": language,
            },
        )


# --------------------------------------------------------------------------- the stand's form


def stand_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The visitor form for a phone or a tablet; the script keeps every visitor on the
    device until the server has acknowledged it."""
    event = _event(pk)
    return render(
        request,
        "events/stand.html",
        {
            "event": event,
            "countries": countries.country_choices(current_language()),
            "products": Product.objects.filter(is_active=True).order_by("reference")[:500],
            "temperatures": Temperature.choices,
            "today": today(),
            "may_enter": allowed(request.user, Action.CREATE, Record.EVENT_VISITOR),
        },
    )


def _json_errors(errors: dict[str, Any]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


@require_POST
def visitor_submit(request: HttpRequest, pk: int) -> JsonResponse:
    """The idempotent endpoint of the stand's form: 201 the first time, 200 with the same
    visitor when the device sends a form again; 400 names the fields."""
    try:
        event = selectors.event_for_page(pk)
    except Event.DoesNotExist:
        return JsonResponse({"detail": _("No such event.")}, status=404)
    if len(request.body) > MAX_VISITOR_BODY:
        return _json_errors({"card": [_("The form is too large: take the photo again.")]})
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _json_errors({"__all__": [_("The form could not be read.")]})
    if not isinstance(data, dict):
        return _json_errors({"__all__": [_("The form could not be read.")]})
    form = VisitorForm(data)
    if not form.is_valid():
        return _json_errors({k: [str(e) for e in v] for k, v in form.errors.items()})
    try:
        visitor, created = services.record_visitor(
            event=event, values=form.values(), user=acting_user(request)
        )
    except PermissionDenied as exc:
        return JsonResponse({"detail": str(exc)}, status=403)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return _json_errors({k: list(v) for k, v in exc.message_dict.items()})
        return _json_errors({"__all__": exc.messages})
    return JsonResponse(
        {
            "client_id": str(visitor.client_id),
            "id": visitor.pk,
            "created": created,
            "company": visitor.company.name if visitor.company else visitor.company_name,
            "existing_company": visitor.existing_company,
        },
        status=201 if created else 200,
    )


def visitor_card(request: HttpRequest, pk: int, visitor_pk: int) -> FileResponse:
    visitor = Visitor.objects.filter(pk=visitor_pk, event_id=pk).first()
    if visitor is None or not visitor.card:
        raise Http404
    try:
        handle = visitor.card.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --------------------------------------------------------------------------- results


@require_POST
def deal_link(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = DealForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return _back(event, "results")
    number = form.cleaned_data["number"].strip()
    offer = order = None
    if form.cleaned_data["kind"] == "offer":
        offer = Offer.objects.filter(number=number).order_by("-revision").first()
    else:
        order = Order.objects.filter(number=number).first()
    if offer is None and order is None:
        messages.error(request, _("No offer or order numbered %(n)s.") % {"n": number})
        return _back(event, "results")
    services.link_deal(event=event, offer=offer, order=order, user=acting_user(request))
    messages.success(request, _("%(n)s linked to the event.") % {"n": number})
    return _back(event, "results")


@require_POST
def deal_unlink(request: HttpRequest, pk: int, deal_pk: int) -> HttpResponse:
    event = _event(pk)
    deal = Deal.objects.filter(pk=deal_pk, event=event).first()
    if deal is None:
        raise Http404
    services.unlink_deal(deal=deal, user=acting_user(request))
    return _back(event, "results")


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    language = request.GET.get("lang") or current_language()
    if language not in ("fr", "en"):
        language = "en"
    return pdf_response(report.report_pdf(event, language), report.report_filename(event, language))
