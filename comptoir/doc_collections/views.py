"""Documentary collections: the list, the collection page with its documents and follow-up,
the instruction to our bank and the bill of exchange as PDF. Reads through
:mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.sales.models import Invoice, Order
from comptoir.trade import collections as rules

from . import letters, selectors, services
from .forms import CollectionForm, DocumentForm, StepForm
from .models import Collection, CollectionDocument, Kind


def _collection(pk: int) -> Collection:
    try:
        return selectors.collection_for_page(pk)
    except Collection.DoesNotExist:
        raise Http404 from None


def collection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "doc_collections/collection_list.html",
        {
            "page": page_of(request, selectors.collection_list(request.GET)),
            "params": request.GET,
            "statuses": Collection.Status.choices,
            "kinds": Kind.choices,
            "due": selectors.collections_due(today(), 30)[:20],
            "today": today(),
        },
    )


def _initial(request: HttpRequest) -> dict[str, Any]:
    """Defaults from the invoice or the order the user came from."""
    initial: dict[str, Any] = {"handled_by": acting_user(request), "kind": Kind.DP}
    invoice = order = None
    if (raw := request.GET.get("invoice", "")).isdigit():
        invoice = Invoice.objects.filter(pk=int(raw)).select_related("order").first()
    if (raw := request.GET.get("order", "")).isdigit():
        order = Order.objects.filter(pk=int(raw)).first()
    if invoice is not None:
        initial.update(client=invoice.client, invoices=[invoice], order=invoice.order)
    elif order is not None:
        open_invoices = order.invoices.filter(
            status=Invoice.Status.ISSUED, kind=Invoice.Kind.INVOICE, balance_due__gt=0
        )
        initial.update(client=order.client, order=order, invoices=list(open_invoices))
    client = initial.get("client")
    if client is not None and client.bic:
        initial.update(collecting_bank_name=client.bank_name, collecting_bank_bic=client.bic)
    return initial


def _edit(request: HttpRequest, collection: Collection | None) -> HttpResponse:
    require_edit(request.user)
    user = acting_user(request)
    if collection is None:
        form = CollectionForm(
            request.POST or None, initial=_initial(request), instance=Collection()
        )
    else:
        form = CollectionForm(
            request.POST or None,
            instance=collection,
            initial={"invoices": list(collection.invoices.all()), "amount": collection.amount},
        )
    if request.method == "POST" and form.is_valid():
        try:
            if collection is None:
                collection = services.create_collection(values=form.values(), user=user)
                messages.success(
                    request,
                    _("Collection %(number)s prepared: list the documents, then send them.")
                    % {"number": collection.number},
                )
            else:
                collection = services.update_collection(
                    collection=collection, values=form.values(), user=user
                )
                messages.success(
                    request, _("Collection %(number)s saved.") % {"number": collection.number}
                )
            return HttpResponseRedirect(collection.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    if request.method == "POST":
        messages.error(
            request, _("The collection was not saved: correct the fields marked in red.")
        )
    return render(
        request, "doc_collections/collection_form.html", {"form": form, "collection": collection}
    )


def collection_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _collection(pk))


def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(pk)
    due = selectors.due_date_result(collection)
    facts = selectors.instruction_facts(collection)
    next_steps = services.NEXT_STEPS.get(collection.status, ())
    if collection.kind == Kind.DP:
        next_steps = tuple(s for s in next_steps if s != "accepted")
    return render(
        request,
        "doc_collections/collection_detail.html",
        {
            "collection": collection,
            "invoices": collection.invoices.all(),
            "documents": collection.documents.all(),
            "due": {
                "date": due.due_date,
                "steps": [translate(s) for s in due.steps],
                "rule": translate(due.rule),
            },
            "checklist": [
                {"ok": item.ok, "text": translate(item.text)} for item in rules.checklist(facts)
            ],
            "warnings": selectors.warnings(collection),
            "document_form": DocumentForm(),
            "next_steps": [(s, services.step_label(s)) for s in next_steps],
            "step_form": StepForm(initial={"on": today()}),
            "languages": letters.LANGUAGES,
            "today": today(),
        },
    )


def _back(collection: Collection) -> HttpResponseRedirect:
    return HttpResponseRedirect(collection.get_absolute_url())


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(collection)
    try:
        services.add_document(
            collection=collection, values=form.values(), user=acting_user(request)
        )
        messages.success(request, _("Document added."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(collection)


@require_POST
def document_remove(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    collection = _collection(pk)
    document = CollectionDocument.objects.filter(collection=collection, pk=doc_pk).first()
    if document is None:
        raise Http404
    try:
        services.remove_document(document=document, user=acting_user(request))
        messages.success(request, _("Document removed."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(collection)


@require_POST
def collection_step(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}")
        return _back(collection)
    try:
        services.record_step(collection=collection, values=form.values(), user=acting_user(request))
        messages.success(
            request, _("Recorded: %(step)s.") % {"step": services.step_label(form.values().step)}
        )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(collection)


def _language(request: HttpRequest, collection: Collection, document: str) -> str:
    language = request.GET.get("lang", "")
    return (
        language
        if language in letters.LANGUAGES
        else letters.default_language(collection, document)
    )


def instruction_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(pk)
    language = _language(request, collection, "instruction")
    return pdf_response(
        letters.instruction_pdf(collection, language),
        f"{collection.number}-instruction-{language}.pdf",
    )


def bill_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(pk)
    if not collection.bill_of_exchange:
        raise Http404
    language = _language(request, collection, "bill")
    return pdf_response(
        letters.bill_pdf(collection, language), f"{collection.number}-bill-{language}.pdf"
    )
