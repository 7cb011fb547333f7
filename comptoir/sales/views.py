"""Screens of order to cash: offers, orders, deliveries, invoices, payments."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    Action,
    FieldPermissionDenied,
    Record,
    can_edit,
    can_manage,
    require,
)
from comptoir.audit import save_form
from comptoir.parties.models import Company
from comptoir.web.pdf import pdf_response, render_pdf

from . import billing, collection, documents, mailing, penalties, services
from .forms import (
    ClientReferenceForm,
    IssueForm,
    OfferForm,
    OfferLineFormSet,
    OrderForm,
    OrderLineFormSet,
    PaymentForm,
    ReasonForm,
    SellerProfileForm,
)
from .models import Delivery, Invoice, Offer, Order, SellerProfile


def _require_edit(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _posted_quantities(request: HttpRequest, lines: Any) -> dict[int, Decimal]:
    """The ``qty_<line id>`` fields of a delivery or credit-note form (comma or point)."""
    quantities = {}
    for line in lines:
        raw = request.POST.get(f"qty_{line.pk}", "").strip().replace(",", ".")
        if raw:
            try:
                quantities[line.pk] = Decimal(raw)
            except InvalidOperation:
                raise ValidationError(_("%(v)s is not a quantity.") % {"v": raw}) from None
    return quantities


def _posted_date(request: HttpRequest, name: str) -> dt.date:
    """A posted date (today when left empty); a wrong one is said, not a server error."""
    raw = request.POST.get(name, "").strip()
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(_("%(v)s is not a date.") % {"v": raw}) from None


def _page(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, 25).get_page(request.GET.get("page"))


# --------------------------------------------------------------------------- offers


def offer_list(request: HttpRequest) -> HttpResponse:
    # Offers past their validity are expired by the daily job (comptoir.jobs.daily), not here:
    # no write on GET.
    offers = Offer.objects.select_related("client").exclude(status=Offer.Status.SUPERSEDED)
    q = request.GET.get("q", "").strip()
    if q:
        offers = offers.filter(Q(number__icontains=q) | Q(client__name__icontains=q))
    status = request.GET.get("status", "")
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    return render(
        request,
        "sales/offer_list.html",
        {
            "page": _page(request, offers),
            "params": request.GET,
            "statuses": Offer.Status.choices,
            "conversion": services.conversion_rate(),
        },
    )


def _edit_document(
    request: HttpRequest,
    document: Offer | Order | None,
    blank: Offer | Order,
    form_class: Any,
    formset_class: Any,
    save: Any,
    template: str,
    saved_message: Any,
) -> HttpResponse:
    """Create or edit an offer or an order with its lines: one form, one line formset, one
    service call in a transaction; the client's terms come in when ``?client=`` is given."""
    initial = {"client": request.GET.get("client")} if request.GET.get("client") else None
    form = form_class(request.POST or None, instance=document or blank, initial=initial)
    lines = formset_class(request.POST or None, instance=document or blank, prefix="lines")
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            try:
                document = save(form, lines, request.user)
            except ValidationError as exc:
                _errors(request, exc)
            except FieldPermissionDenied as exc:
                # terms only a manager may set: the form stays as typed, with the reason
                for name in exc.fields:
                    if name in form.fields:
                        form.add_error(name, str(exc))
                messages.error(request, str(exc))
            else:
                messages.success(request, saved_message(document))
                if getattr(form, "term_warning", ""):
                    messages.warning(request, form.term_warning)
                return HttpResponseRedirect(document.get_absolute_url())
        else:
            messages.error(request, _("Not saved: correct the fields marked in red."))
    key = "offer" if isinstance(blank, Offer) else "order"
    return render(request, template, {"form": form, "lines": lines, key: document})


def offer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_edit(request)
    offer = get_object_or_404(Offer, pk=pk) if pk else None
    if offer is not None and offer.status != Offer.Status.DRAFT:
        messages.error(request, _("Only a draft offer can be changed: make a revision."))
        return HttpResponseRedirect(offer.get_absolute_url())
    return _edit_document(
        request,
        offer,
        Offer(),
        OfferForm,
        OfferLineFormSet,
        services.save_offer,
        "sales/offer_form.html",
        lambda o: _("Offer %(ref)s saved.") % {"ref": o.reference},
    )


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("client", "contact"), pk=pk)
    revisions = Offer.objects.filter(number=offer.number).order_by("revision")
    return render(
        request,
        "sales/offer_detail.html",
        {
            "offer": offer,
            "lines": offer.lines.select_related("product"),
            "totals": services.offer_totals(offer),
            "revisions": revisions,
            "order": Order.objects.filter(offer=offer).first(),
            "reference_form": ClientReferenceForm(),
            "reason_form": ReasonForm(),
        },
    )


def offer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_edit(request)
    if request.method != "POST":
        raise Http404
    offer = get_object_or_404(Offer, pk=pk)
    try:
        if action == "send":
            offer = services.send_offer(offer, request.user)
            sent = mailing.queue_offer_email(offer, request.user)
            messages.success(
                request,
                _("Offer sent to %(to)s.") % {"to": sent}
                if sent
                else _(
                    "Offer marked as sent (no e-mail address for the contact: send the PDF yourself)."
                ),
            )
        elif action == "revise":
            offer = services.revise_offer(offer, request.user)
            messages.success(request, _("Revision %(n)d created.") % {"n": offer.revision})
            return HttpResponseRedirect(reverse("sales:offer_edit", args=[offer.pk]))
        elif action == "decline":
            form = ReasonForm(request.POST)
            reason = form.data.get("reason", "")
            services.decide_offer(offer, request.user, accepted=False, reason=reason)
            messages.success(request, _("Offer declined."))
        elif action == "accept":
            form = ClientReferenceForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the client's order reference to create the order."))
                return HttpResponseRedirect(offer.get_absolute_url())
            order = services.order_from_offer(
                offer, request.user, form.cleaned_data["client_reference"]
            )
            messages.success(
                request, _("Order %(n)s created from the offer.") % {"n": order.number}
            )
            return HttpResponseRedirect(order.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(offer.get_absolute_url())


def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    return pdf_response(mailing.offer_pdf(offer), f"{offer.reference}.pdf")


# --------------------------------------------------------------------------- orders


def order_list(request: HttpRequest) -> HttpResponse:
    orders = Order.objects.select_related("client")
    q = request.GET.get("q", "").strip()
    if q:
        orders = orders.filter(
            Q(number__icontains=q) | Q(client__name__icontains=q) | Q(client_reference__icontains=q)
        )
    status = request.GET.get("status", "")
    if status in Order.Status.values:
        orders = orders.filter(status=status)
    return render(
        request,
        "sales/order_list.html",
        {"page": _page(request, orders), "params": request.GET, "statuses": Order.Status.choices},
    )


def order_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_edit(request)
    order = get_object_or_404(Order, pk=pk) if pk else None
    if order is not None and order.status not in (Order.Status.DRAFT, Order.Status.ON_HOLD):
        messages.error(request, _("A confirmed order cannot be changed."))
        return HttpResponseRedirect(order.get_absolute_url())
    return _edit_document(
        request,
        order,
        Order(),
        OrderForm,
        OrderLineFormSet,
        services.save_order,
        "sales/order_form.html",
        lambda o: _("Order %(n)s saved.") % {"n": o.number},
    )


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order.objects.select_related("client", "offer", "released_by"), pk=pk)
    exposure = None
    exposure_error = ""
    if order.status in (Order.Status.DRAFT, Order.Status.ON_HOLD):
        try:
            exposure = services.credit_exposure(order)
        except ValidationError as exc:
            exposure_error = " ".join(exc.messages)
    remaining = services.remaining_quantities(order)
    lines = [
        {"line": line, "remaining": remaining.get(line.pk, Decimal("0"))}
        for line in order.lines.select_related("product")
    ]
    return render(
        request,
        "sales/order_detail.html",
        {
            "order": order,
            "lines": lines,
            "amount": services.order_amount(order),
            "exposure": exposure,
            "exposure_error": exposure_error,
            "deliveries": order.deliveries.all(),
            "invoices": order.invoices.all(),
            "can_release": can_manage(request.user),
            "in_dunning": collection.in_dunning(order.client),
            "today": timezone.localdate(),
        },
    )


def order_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_edit(request)
    if request.method != "POST":
        raise Http404
    order = get_object_or_404(Order, pk=pk)
    try:
        if action == "confirm":
            order = services.confirm_order(order, request.user)
            if order.status == Order.Status.ON_HOLD:
                messages.warning(request, _("Order on credit hold: a manager must release it."))
            else:
                messages.success(request, _("Order confirmed."))
        elif action == "release":
            services.release_order(order, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Order released and confirmed."))
        elif action == "deliver":
            delivery = services.create_delivery(
                order,
                request.user,
                _posted_date(request, "planned_date"),
                _posted_quantities(request, order.lines.all()),
                carrier=request.POST.get("carrier", "")[:120],
            )
            messages.success(request, _("Delivery %(n)s created.") % {"n": delivery.number})
            return HttpResponseRedirect(delivery.get_absolute_url())
        elif action == "invoice":
            invoice = billing.draft_from_order(order, request.user)
            messages.success(request, _("Draft invoice created: check it, then issue it."))
            return HttpResponseRedirect(invoice.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(order.get_absolute_url())


def order_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    order = get_object_or_404(Order, pk=pk)
    with translation.override(order.language):
        if kind == "confirmation":
            title = _("ORDER CONFIRMATION %(n)s") % {"n": order.number}
        elif kind == "proforma":
            title = _("PRO-FORMA INVOICE %(n)s") % {"n": order.number}
        else:
            raise Http404
        context = documents.commercial_context(order, title) | {"kind": kind}
        pdf = render_pdf("sales/pdf/commercial.html", context)
    return pdf_response(pdf, f"{order.number}-{kind}.pdf")


# --------------------------------------------------------------------------- deliveries


def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        Delivery.objects.select_related("order__client", "load_plan"), pk=pk
    )
    return render(
        request,
        "sales/delivery_detail.html",
        {
            "delivery": delivery,
            "packages": services.delivery_packages(delivery),
            "invoice": delivery.invoices.filter(kind=Invoice.Kind.INVOICE).first(),
            "today": timezone.localdate(),
        },
    )


def delivery_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_edit(request)
    if request.method != "POST":
        raise Http404
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        if action == "ship":
            services.ship_delivery(delivery, request.user, _posted_date(request, "shipped_on"))
            messages.success(request, _("Delivery shipped."))
        elif action == "invoice":
            invoice = billing.draft_from_delivery(delivery, request.user)
            messages.success(request, _("Draft invoice created: check it, then issue it."))
            return HttpResponseRedirect(invoice.get_absolute_url())
        elif action == "load-plan":
            plan = services.plan_load_for_delivery(delivery, request.user)
            messages.success(request, _("Load plan created: check the prices, then compute."))
            return HttpResponseRedirect(reverse("logistics:plan_edit", args=[plan.pk]))
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(delivery.get_absolute_url())


def delivery_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(Delivery.objects.select_related("order__client"), pk=pk)
    order = delivery.order
    with translation.override(order.language):
        context = {
            "delivery": delivery,
            "packages": services.delivery_packages(delivery),
            "seller": documents.seller_context(),
            "client": documents.client_block(order.client, order.language),
            "language": order.language,
        }
        pdf = render_pdf("sales/pdf/delivery_note.html", context)
    return pdf_response(pdf, f"{delivery.number}.pdf")


# --------------------------------------------------------------------------- invoices


def invoice_list(request: HttpRequest) -> HttpResponse:
    invoices = Invoice.objects.select_related("client")
    q = request.GET.get("q", "").strip()
    if q:
        invoices = invoices.filter(_invoice_search(q))
    state = request.GET.get("state", "")
    today = timezone.localdate()
    if state == "draft":
        invoices = invoices.filter(status=Invoice.Status.DRAFT)
    elif state == "open":
        invoices = invoices.filter(balance_due__gt=0)
    elif state == "overdue":
        invoices = invoices.filter(balance_due__gt=0, due_date__lt=today)
    return render(
        request,
        "sales/invoice_list.html",
        {"page": _page(request, invoices), "params": request.GET, "today": today},
    )


def _invoice_search(q: str) -> Q:
    """A document number (FA2026-00042, 00042) or a client's name.

    Looking up the clients first keeps the search on the client index instead of scanning
    every invoice for a substring (100 000 invoices: 20 ms instead of 150).
    """
    compact = q.replace(" ", "")
    if re.fullmatch(r"(?i)(FA|AV)?\d{2,4}-?\d*|\d+", compact):
        return Q(number__icontains=compact)
    clients = Company.objects.filter(name__icontains=q).values("pk")
    return Q(client__in=clients)


def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(
        Invoice.objects.select_related("client", "order", "delivery", "credited_invoice"), pk=pk
    )
    draft_totals, issue_needs = billing.draft_outlook(invoice)
    return render(
        request,
        "sales/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "allocations": invoice.allocations.select_related("payment"),
            "credit_notes": invoice.credit_notes.all(),
            "balance": invoice.balance_due if invoice.is_issued else None,
            "pdf_intact": billing.verify_pdf(invoice) if invoice.is_issued else None,
            "reason_form": ReasonForm(),
            "issue_needs": issue_needs,
            "draft_totals": draft_totals,
            "issue_form": IssueForm(),
        },
    )


def invoice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_edit(request)
    if request.method != "POST":
        raise Http404
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        if action == "issue":
            form = IssueForm(request.POST)
            data = form.cleaned_data if form.is_valid() else {}
            invoice = billing.issue(
                invoice,
                request.user,
                review_note=data.get("review_note", ""),
                term_basis=data.get("term_basis", ""),
                term_reason=data.get("term_reason", ""),
            )
            messages.success(request, _("%(n)s issued.") % {"n": invoice.number})
        elif action == "delete":
            client = invoice.client
            billing.delete_draft(invoice, request.user)
            messages.success(request, _("Draft deleted."))
            return HttpResponseRedirect(client.get_absolute_url())
        elif action == "credit":
            note = billing.draft_credit_note(
                invoice,
                request.user,
                _posted_quantities(request, invoice.lines.all()),
                request.POST.get("reason", ""),
            )
            messages.success(request, _("Draft credit note created: check it, then issue it."))
            return HttpResponseRedirect(note.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(invoice.get_absolute_url())


def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF exactly as issued (the stored bytes, checked against their SHA-256)."""
    invoice = get_object_or_404(Invoice, pk=pk)
    if not invoice.is_issued or not invoice.pdf:
        raise Http404
    if not billing.verify_pdf(invoice):
        raise ValidationError("stored PDF does not match its SHA-256")
    response = pdf_response(bytes(invoice.pdf), f"{invoice.number}.pdf")
    response["X-Content-SHA256"] = invoice.pdf_sha256
    return response


# --------------------------------------------------------------------------- payments


def payment_create(request: HttpRequest, client_pk: int) -> HttpResponse:
    _require_edit(request)
    client = get_object_or_404(Company, pk=client_pk)
    open_invoices = list(collection.open_invoices(client).order_by("due_date", "number"))
    preselect = request.GET.get("invoice")
    initial: dict[str, Any] = {"received_on": timezone.localdate(), "currency": client.currency}
    for inv in open_invoices:
        if str(inv.pk) == preselect:
            initial[f"alloc_{inv.pk}"] = inv.balance_due
            initial["amount"] = inv.balance_due
            initial["currency"] = inv.currency
    form = PaymentForm(request.POST or None, invoices=open_invoices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            billing.record_payment(
                client=client,
                received_on=form.cleaned_data["received_on"],
                amount=form.cleaned_data["amount"],
                currency=form.cleaned_data["currency"],
                allocations=form.allocations(),
                user=request.user,
                eur_per_unit=form.cleaned_data.get("eur_rate"),
                reference=form.cleaned_data.get("reference", ""),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return HttpResponseRedirect(client.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, _("Not saved: correct the fields marked in red."))
    balances = {inv.pk: inv.balance_due for inv in open_invoices}
    return render(
        request,
        "sales/payment_form.html",
        {"form": form, "client": client, "balances": balances},
    )


# --------------------------------------------------------------------------- our company


def seller_edit(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.ADMINISTER, Record.SELLER_PROFILE)
    form = SellerProfileForm(request.POST or None, instance=SellerProfile.current())
    if request.method == "POST":
        if form.is_valid():
            seller = save_form(form, request.user)
            penalties.record_current_rate(seller, request.user)
            messages.success(request, _("Our company saved."))
            return HttpResponseRedirect(reverse("sales:seller"))
        messages.error(request, _("Not saved: correct the fields marked in red."))
    return render(request, "sales/seller_form.html", {"form": form})


# --------------------------------------------------------------------------- price build-up


def offer_buildup(request: HttpRequest, pk: int) -> HttpResponse:
    """Costs up to the Incoterm point, margin and rate → the unit prices of a draft offer."""
    from comptoir.calculators.templatetags.calc_labels import LABELS as COST_ITEM_LABELS
    from comptoir.trade.pricing import LADDER_COST_ITEMS

    from . import buildup

    offer = get_object_or_404(Offer, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    saved = offer.cost_buildup or {}
    costs: dict[str, Decimal] = {}
    values: dict[str, str] = {}
    problems: list[str] = []
    for item in LADDER_COST_ITEMS:
        raw = source.get(item, (saved.get("costs") or {}).get(item, "")) or ""
        values[item] = raw
        if raw:
            try:
                costs[item] = Decimal(str(raw).replace(",", "."))
            except InvalidOperation:
                problems.append(
                    _("%(item)s: %(v)s is not an amount.")
                    % {"item": COST_ITEM_LABELS[item], "v": raw}
                )
    insurance_raw = source.get("insurance_pct", saved.get("insurance_pct", "0.3")) or "0"
    rate_date_raw = source.get("rate_date") or offer.offer_date.isoformat()
    try:
        insurance_pct = Decimal(str(insurance_raw).replace(",", "."))
        rate_date = timezone.datetime.fromisoformat(rate_date_raw).date()
    except (InvalidOperation, ValueError):
        problems.append(_("Give the insurance rate as a number and the rate date as a date."))
        insurance_pct, rate_date = Decimal("0"), offer.offer_date
    result = None
    if ("compute" in source or request.method == "POST") and not problems:
        try:
            result = buildup.compute(offer, costs, insurance_pct, rate_date)
        except ValidationError as exc:
            problems.extend(exc.messages)
    if request.method == "POST" and result is not None:
        _require_edit(request)
        try:
            buildup.apply(offer, result, request.user)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Prices of the build-up applied to the offer."))
            return HttpResponseRedirect(offer.get_absolute_url())
    return render(
        request,
        "sales/offer_buildup.html",
        {
            "offer": offer,
            "items": [(item, COST_ITEM_LABELS[item], values[item]) for item in LADDER_COST_ITEMS],
            "insurance_pct": insurance_raw,
            "rate_date": rate_date,
            "result": result,
            "problems": problems,
        },
    )


def client_suggest(request: HttpRequest) -> HttpResponse:
    """Clients and prospects matching what is typed (htmx fragment of the client picker)."""
    q = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k.endswith("_search")), ""
    )
    q = q.strip()
    field = request.GET.get("field", "id_client")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", field):
        field = "id_client"
    companies = Company.objects.none()
    if len(q) >= 2:
        companies = (
            Company.objects.filter(is_active=True)
            .filter(Q(roles__contains=",client,") | Q(roles__contains=",prospect,"))
            .filter(Q(name__icontains=q) | Q(city__icontains=q) | Q(country__iexact=q))
            .order_by("name")[:15]
        )
    return render(
        request, "sales/_client_suggestions.html", {"companies": companies, "field": field}
    )
