"""Offer screens: list, edit, detail, actions (send, revise, accept, refuse), PDF, price build-up,
and the client suggestions of the offer and order forms."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    acting_user,
    require_edit,
)
from comptoir.common.pages import page_of
from comptoir.documents.pdf import pdf_response
from comptoir.parties import selectors as parties

from .. import buildup, mailing, selectors, services
from ..forms import (
    ClientReferenceForm,
    OfferForm,
    OfferLineFormSet,
    ReasonForm,
    line_values,
)
from ..models import Offer
from .edge import edit_document, post_errors

# --------------------------------------------------------------------------- offers


def offer_list(request: HttpRequest) -> HttpResponse:
    # Offers past their validity are expired by the daily job (comptoir.jobs.daily), not here:
    # no write on GET.
    offers = selectors.offer_list(request.GET)
    return render(
        request,
        "sales/offer_list.html",
        {
            "page": page_of(request, offers),
            "params": request.GET,
            "statuses": Offer.Status.choices,
            "conversion": selectors.conversion_rate(),
        },
    )


def offer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    offer = get_object_or_404(Offer, pk=pk) if pk else None
    if offer is not None and offer.status != Offer.Status.DRAFT:
        messages.error(request, _("Only a draft offer can be changed: make a revision."))
        return HttpResponseRedirect(offer.get_absolute_url())
    return edit_document(
        request,
        offer,
        Offer(),
        OfferForm,
        OfferLineFormSet,
        _save_offer,
        "sales/offer_form.html",
        lambda o: _("Offer %(ref)s saved.") % {"ref": o.reference},
    )


def _save_offer(offer: Offer | None, form: OfferForm, lines: Any, user: User) -> Offer:
    return services.save_offer(
        offer=offer,
        client=form.cleaned_data["client"],
        details=form.details(),
        terms=form.terms(),
        lines=line_values(lines),
        user=user,
    )


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("client", "contact"), pk=pk)
    revisions = selectors.offer_revisions(offer)
    return render(
        request,
        "sales/offer_detail.html",
        {
            "offer": offer,
            "lines": offer.lines.select_related("product"),
            "totals": selectors.offer_totals(offer),
            "revisions": revisions,
            "order": selectors.order_of_offer(offer),
            "reference_form": ClientReferenceForm(),
            "reason_form": ReasonForm(),
        },
    )


def offer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    offer = get_object_or_404(Offer, pk=pk)
    user = acting_user(request)
    try:
        if action == "send":
            offer = services.send_offer(offer=offer, user=user)
            sent = mailing.queue_offer_email(offer, user)
            messages.success(
                request,
                _("Offer sent to %(to)s.") % {"to": sent}
                if sent
                else _(
                    "Offer marked as sent (no e-mail address for the contact: send the PDF yourself)."
                ),
            )
        elif action == "revise":
            offer = services.revise_offer(offer=offer, user=user)
            messages.success(request, _("Revision %(n)d created.") % {"n": offer.revision})
            return HttpResponseRedirect(reverse("sales:offer_edit", args=[offer.pk]))
        elif action == "decline":
            reason = ReasonForm(request.POST).data.get("reason", "")
            services.decide_offer(offer=offer, user=user, accepted=False, reason=reason)
            messages.success(request, _("Offer declined."))
        elif action == "accept":
            reference = ClientReferenceForm(request.POST)
            if not reference.is_valid():
                messages.error(request, _("Give the client's order reference to create the order."))
                return HttpResponseRedirect(offer.get_absolute_url())
            order = services.order_from_offer(
                offer=offer, user=user, client_reference=reference.cleaned_data["client_reference"]
            )
            messages.success(
                request, _("Order %(n)s created from the offer.") % {"n": order.number}
            )
            return HttpResponseRedirect(order.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        post_errors(request, exc)
    return HttpResponseRedirect(offer.get_absolute_url())


def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    return pdf_response(mailing.offer_pdf(offer), f"{offer.reference}.pdf")


# --------------------------------------------------------------------------- price build-up


def offer_buildup(request: HttpRequest, pk: int) -> HttpResponse:
    """Costs up to the Incoterm point, margin and rate → the unit prices of a draft offer."""
    from comptoir.calculators.templatetags.calc_labels import LABELS as COST_ITEM_LABELS
    from comptoir.trade.pricing import LADDER_COST_ITEMS

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
        rate_date = dt.datetime.fromisoformat(rate_date_raw).date()
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
        require_edit(request.user)
        try:
            buildup.apply(offer=offer, result=result, user=acting_user(request))
        except ValidationError as exc:
            post_errors(request, exc)
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
        (request.GET.get(k, "") for k in request.GET if k.endswith("_search")), ""
    )
    q = q.strip()
    field = request.GET.get("field", "id_client")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", field):
        field = "id_client"
    companies = parties.client_suggestions(q) if len(q) >= 2 else []
    return render(
        request, "sales/_client_suggestions.html", {"companies": companies, "field": field}
    )
