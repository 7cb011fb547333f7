"""Documentary credits: the list, the credit with its receipt check, amendments,
presentations (checked before they are recorded), the bank's answers, the opening request.

Pages read through :mod:`.selectors`; writes go through :mod:`.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import form_errors as _form_errors
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Order, SellerProfile

from . import opening, selectors, services
from .forms import (
    AmendmentReceivedForm,
    AmendmentRequestForm,
    AnswerForm,
    CreditForm,
    DecisionForm,
    DocumentFormSet,
    OutcomeForm,
    PaidForm,
    PresentationForm,
    StatusForm,
    document_initial,
)
from .models import Amendment, BankNotice, Credit, Presentation


def _credit(pk: int) -> Credit:
    try:
        return selectors.credit_for_page(pk)
    except Credit.DoesNotExist:
        raise Http404 from None


def _back(credit: Credit, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(credit.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def credit_list(request: HttpRequest) -> HttpResponse:
    credits = selectors.credit_list(request.GET)
    return render(
        request,
        "credits/credit_list.html",
        {
            "page": page_of(request, credits),
            "params": request.GET,
            "statuses": Credit.Status.choices,
            "deadlines": selectors.deadlines_due(today()),
        },
    )


def finding_rows(credit: Credit) -> tuple[list[dict[str, str]], str]:
    found, error = selectors.findings(credit, today())
    return [
        {
            "code": f.code,
            "severity": f.severity,
            "field": f.field,
            "document": f.document,
            "message": translate(f.message),
            "rule": translate(f.rule),
            "amendment": translate(f.amendment) if f.amendment is not None else "",
        }
        for f in found
    ], error


def _request_text(credit: Credit) -> str:
    """The amendments to ask for, in the applicant's language (the client reads them)."""
    found, _error = selectors.findings(credit, today())
    language = credit.partner.language if credit.partner.language in ("fr", "en") else "en"
    with translation.override(language):
        lines = [
            translate(f.amendment, language)
            for f in found
            if f.amendment is not None and f.severity != "info"
        ]
        if not lines:
            return ""
        head = _("Credit %(number)s: please amend as follows:") % {
            "number": credit.number or credit
        }
    return "\n".join([head, *(f"{i}. {text}" for i, text in enumerate(lines, start=1))])


def credit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _credit(pk)
    day = today()
    rows, error = finding_rows(credit)
    result = selectors.deadlines(credit)
    pending = selectors.pending_amendment(credit)
    presentations = list(selectors.presentations(credit))
    return render(
        request,
        "credits/credit_detail.html",
        {
            "credit": credit,
            "documents": credit.documents.all(),
            "findings": rows,
            "findings_error": error,
            "blocking": sum(1 for row in rows if row["severity"] == "blocking"),
            "deadline_rows": selectors.deadline_rows(credit, day),
            "deadline_steps": [translate(s) for s in result.steps] if result else [],
            "amendments": selectors.amendments(credit),
            "pending": pending,
            "request_form": AmendmentRequestForm(initial={"request_text": _request_text(credit)}),
            "received_form": AmendmentReceivedForm(initial={"received_on": day}),
            "decision_form": DecisionForm(initial={"on": day}),
            "presentations": presentations,
            "answer_form": AnswerForm(initial={"on": day}),
            "outcome_form": OutcomeForm(initial={"on": day}),
            "paid_form": PaidForm(initial={"on": day}),
            "drawn": selectors.drawn(credit),
            "status_form": StatusForm(),
            "next_statuses": [
                (value, label)
                for value, label in Credit.Status.choices
                if value in services.NEXT_STATUSES.get(credit.status, frozenset())
            ],
            "may_decide": allowed(request.user, Action.CHANGE, Record.LC_AMENDMENT),
            "may_present": allowed(request.user, Action.ISSUE, Record.DOCUMENTARY_CREDIT),
            "today": day,
        },
    )


def _order_initial(order: Order) -> dict[str, Any]:
    from comptoir.sales import selectors as sales_selectors

    seller = SellerProfile.current()
    return {
        "direction": "export",
        "partner": order.client,
        "order": order,
        "currency": order.currency,
        "amount": sales_selectors.order_amount(order),
        "incoterm": order.incoterm,
        "named_place": order.incoterm_place,
        "applicant_name": order.client.legal_name or order.client.name,
        "beneficiary_name": seller.legal_name if seller else "",
        "advising_bank": seller.bank_name if seller else "",
        "advising_bank_bic": seller.bic if seller else "",
        "confirmed": order.payment_instrument == "confirmed_lc",
        "expiry_country": seller.country if seller else "FR",
    }


def _purchase_initial(order: PurchaseOrder) -> dict[str, Any]:
    """An import credit for a purchase order: its supplier is the beneficiary, for the
    order's total in its currency, its Incoterm and ready date."""
    supplier = order.supplier
    lines = purchasing_selectors.order_lines(order)
    return {
        "partner": supplier,
        "purchase_order": order,
        "purchase_reference": order.number or "",
        "currency": order.currency,
        "amount": purchasing_selectors.order_total(order),
        "incoterm": order.incoterm,
        "named_place": order.named_place,
        "beneficiary_name": supplier.legal_name or supplier.name,
        "latest_shipment_date": order.confirmed_date or order.requested_date,
        "goods_description": "; ".join(
            f"{line.quantity.normalize():f} {line.unit} "
            f"{line.description or line.product.reference}"
            for line in lines[:10]
        )[:1000],
    }


def _edit(request: HttpRequest, credit: Credit | None) -> HttpResponse:
    require_edit(request.user)
    user = acting_user(request)
    if credit is None:
        initial: dict[str, Any] = {"handled_by": user, "issue_date": today()}
        order_pk = request.GET.get("order", "")
        if order_pk.isdigit():
            order = Order.objects.select_related("client").filter(pk=int(order_pk)).first()
            if order is not None:
                initial.update(_order_initial(order))
        if request.GET.get("direction") == "import":
            seller = SellerProfile.current()
            initial.update(
                direction="import",
                applicant_name=seller.legal_name if seller else "",
                issuing_bank=seller.bank_name if seller else "",
                issuing_bank_bic=seller.bic if seller else "",
            )
            purchase_pk = request.GET.get("purchase_order", "")
            if purchase_pk.isdigit():
                purchase = purchasing_selectors.order_by_id(int(purchase_pk))
                if purchase is not None:
                    initial.update(_purchase_initial(purchase))
        form = CreditForm(request.POST or None, initial=initial, instance=Credit())
        formset = DocumentFormSet(
            request.POST or None,
            prefix="doc",
            initial=[
                {"type": "commercial_invoice", "originals": 3},
                {
                    "type": "bill_of_lading",
                    "originals": 3,
                    "issuer": "carrier",
                    "clean_on_board": True,
                },
                {"type": "packing_list", "originals": 1},
            ]
            if not request.POST
            else None,
        )
    else:
        form = CreditForm(request.POST or None, instance=credit)
        formset = DocumentFormSet(
            request.POST or None,
            prefix="doc",
            initial=document_initial(list(credit.documents.all())) if not request.POST else None,
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        documents = tuple(v for f in formset.forms if (v := f.value()) is not None)
        try:
            if credit is None:
                credit = services.create_credit(values=form.values(documents), user=user)
                messages.success(request, _("Credit %(ref)s recorded.") % {"ref": credit})
            else:
                credit = services.update_credit(
                    credit=credit, values=form.values(documents), user=user
                )
                messages.success(request, _("Credit %(ref)s saved.") % {"ref": credit})
            return HttpResponseRedirect(credit.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    if request.method == "POST":
        messages.error(request, _("The credit was not saved: correct the fields marked in red."))
    return render(
        request,
        "credits/credit_form.html",
        {"form": form, "formset": formset, "credit": credit},
    )


def credit_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def credit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _credit(pk))


@require_POST
def credit_status(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _credit(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return _back(credit)
    try:
        services.set_status(
            credit=credit,
            status=form.cleaned_data["status"],
            note=form.cleaned_data.get("note") or "",
            user=acting_user(request),
        )
        messages.success(
            request, _("Status: %(status)s.") % {"status": credit.get_status_display()}
        )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit)


@require_POST
def amendment_request(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _credit(pk)
    form = AmendmentRequestForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "amendments")
    try:
        services.request_amendment(
            credit=credit, text=form.cleaned_data["request_text"], user=acting_user(request)
        )
        messages.success(request, _("Amendment request recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "amendments")


@require_POST
def amendment_receive(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _credit(pk)
    form = AmendmentReceivedForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "amendments")
    try:
        services.receive_amendment(
            credit=credit,
            values=form.values(),
            amendment=selectors.pending_amendment(credit),
            user=acting_user(request),
        )
        messages.success(request, _("Amendment recorded: accept or refuse it as a whole."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "amendments")


@require_POST
def amendment_decide(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    credit = _credit(pk)
    amendment = credit.amendments.filter(pk=amendment_pk).first()
    if amendment is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "amendments")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_amendment(
            amendment=amendment,
            accept=accept,
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note") or "",
            user=acting_user(request),
        )
        messages.success(
            request,
            _("Amendment accepted: the credit now reads as amended.")
            if accept
            else _("Amendment refused: the credit stays as it was."),
        )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "amendments")


def _discrepancy_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return list(result.get("discrepancies", []))


def presentation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the documents against the credit (the checker, nothing stored), then present."""
    credit = _credit(pk)
    require_edit(request.user)
    replaces = None
    replaces_pk = request.GET.get("replaces", "") or request.POST.get("replaces", "")
    if replaces_pk.isdigit():
        replaces = credit.presentations.filter(pk=int(replaces_pk)).first()
    if request.method == "POST":
        form = PresentationForm(request.POST, credit=credit)
    else:
        form = PresentationForm(
            initial=selectors.presentation_initial(credit, today()), credit=credit
        )
    result: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        fields = form.values()
        try:
            if "present" in request.POST:
                presentation = services.present(
                    credit=credit,
                    fields=fields,
                    present_anyway=form.cleaned_data.get("present_anyway") or False,
                    waiver_reason=form.cleaned_data.get("waiver_reason") or "",
                    replaces=replaces,
                    user=acting_user(request),
                )
                messages.success(
                    request,
                    _("Presentation %(n)d recorded.") % {"n": presentation.sequence},
                )
                return _back(credit, "presentations")
            result = services.check(credit=credit, fields=fields, language=get_language())
        except ValidationError as exc:
            errors_on_form(form, exc)
            result = None
            try:
                result = services.check(credit=credit, fields=fields, language=get_language())
            except ValidationError:
                pass
    return render(
        request,
        "credits/presentation_form.html",
        {
            "credit": credit,
            "form": form,
            "result": result,
            "discrepancies": _discrepancy_rows(result) if result else [],
            "replaces": replaces,
            "may_release": allowed(request.user, Action.RELEASE, Record.DOCUMENTARY_CREDIT),
        },
    )


def _presentation(credit: Credit, presentation_pk: int) -> Presentation:
    presentation = credit.presentations.filter(pk=presentation_pk).first()
    if presentation is None:
        raise Http404
    return presentation


def presentation_detail(request: HttpRequest, pk: int, presentation_pk: int) -> HttpResponse:
    credit = _credit(pk)
    presentation = _presentation(credit, presentation_pk)
    return render(
        request,
        "credits/presentation_detail.html",
        {
            "credit": credit,
            "presentation": presentation,
            "result": presentation.check_result,
            "discrepancies": _discrepancy_rows(presentation.check_result),
            "notice": BankNotice.objects.filter(presentation=presentation).first(),
        },
    )


@require_POST
def presentation_answer(request: HttpRequest, pk: int, presentation_pk: int) -> HttpResponse:
    credit = _credit(pk)
    presentation = _presentation(credit, presentation_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "presentations")
    try:
        services.record_answer(
            presentation=presentation, answer=form.values(), user=acting_user(request)
        )
        messages.success(request, _("The bank's answer is recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "presentations")


@require_POST
def presentation_paid(request: HttpRequest, pk: int, presentation_pk: int) -> HttpResponse:
    credit = _credit(pk)
    presentation = _presentation(credit, presentation_pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "presentations")
    try:
        services.record_payment(
            presentation=presentation,
            on=form.cleaned_data["on"],
            amount=form.cleaned_data.get("amount"),
            user=acting_user(request),
        )
        messages.success(request, _("Payment recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "presentations")


@require_POST
def notice_outcome(request: HttpRequest, pk: int, presentation_pk: int) -> HttpResponse:
    credit = _credit(pk)
    presentation = _presentation(credit, presentation_pk)
    notice = BankNotice.objects.filter(presentation=presentation).first()
    if notice is None:
        raise Http404
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(credit, "presentations")
    try:
        services.record_outcome(
            notice=notice,
            outcome=form.cleaned_data["outcome"],
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note") or "",
            amount=form.cleaned_data.get("amount"),
            user=acting_user(request),
        )
        messages.success(request, _("Outcome recorded."))
        if form.cleaned_data["outcome"] == "corrected":
            return HttpResponseRedirect(
                f"{credit.get_absolute_url()}present/?replaces={presentation.pk}"
            )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(credit, "presentations")


def opening_request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The import credit's opening request to our bank, in French or English."""
    credit = _credit(pk)
    language = request.GET.get("lang", "")
    if language not in ("fr", "en"):
        language = (get_language() or "en")[:2]
        language = language if language in ("fr", "en") else "en"
    pdf = opening.opening_request_pdf(credit, language)
    return pdf_response(pdf, opening.filename(credit, language))


__all__ = ["Amendment"]
