"""Collection screens: aged receivables, the dunning run and procedure, statements, commissions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, acting_user, can_edit, can_manage, require
from comptoir.common.dates import today as _today
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter, bad_parameter_response, id_list_param
from comptoir.documents.exports import export_response
from comptoir.documents.pdf import pdf_response, render_pdf
from comptoir.parties import selectors as parties
from comptoir.trade import receivables

from .. import collection, documents, selectors
from ..forms import AgentContractForm, DunningLevelFormSet, PeriodForm, dunning_level_values
from ..models import DunningLetter, DunningLevel
from .edge import post_errors


def _parse_date(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def aged_receivables(request: HttpRequest) -> HttpResponse:
    as_of = _parse_date(request.GET.get("as_of"), _today())
    group = request.GET.get("group", "client")
    if group not in ("client", "zone", "currency"):
        group = "client"
    aged = selectors.aged_receivables_in_eur(as_of, group)
    report = aged.report
    # The most overdue first: the oldest bucket, then the next one...
    rows = sorted(
        report["rows"],
        key=lambda r: tuple(-r.buckets[b] for b in reversed(receivables.BUCKETS)),
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header = [group, "currency", *receivables.BUCKETS, "total", "total_eur"]
        return export_response(
            request,
            fmt,
            "aged-receivables",
            header,
            [
                [
                    r.label,
                    r.currency,
                    *(r.buckets[b] for b in receivables.BUCKETS),
                    r.total,
                    r.eur_total,
                ]
                for r in rows
            ],
        )
    return render(
        request,
        "sales/aged_receivables.html",
        {
            "report": report,
            "page": page_of(request, rows, 100),
            "params": request.GET,
            "as_of": as_of,
            "group": group,
            "rates": aged.rates,
            "problems": aged.problems,
        },
    )


def dunning_run(request: HttpRequest) -> HttpResponse:
    proposals = selectors.dunning_proposals()
    if request.method == "POST":
        if not can_edit(request.user):
            raise PermissionDenied
        sent = 0
        for index, proposal in enumerate(proposals):
            if request.POST.get(f"send_{index}"):
                try:
                    collection.send_dunning(
                        client=proposal.client,
                        level_number=proposal.level.level,
                        invoice_ids=[inv.pk for inv in proposal.invoices],
                        user=acting_user(request),
                    )
                    sent += 1
                except ValidationError as exc:
                    for message in exc.messages:
                        messages.error(request, f"{proposal.client}: {message}")
        messages.success(
            request, _("%(n)d letter(s) sent and recorded on the clients.") % {"n": sent}
        )
        return HttpResponseRedirect(reverse("sales:dunning_run"))
    return render(
        request,
        "sales/dunning_run.html",
        {
            "proposals": proposals,
            "recent": selectors.recent_dunning_letters(),
            "levels": selectors.dunning_levels(),
        },
    )


#: Invoices one reminder letter may list (a letter of thousands of pages is not a letter).
MAX_LETTER_INVOICES = 500


def dunning_preview(request: HttpRequest, client_pk: int, level: int) -> HttpResponse:
    """The letter the run would send, as a PDF, before sending it."""
    client = get_object_or_404(parties.companies(), pk=client_pk)
    level_obj = get_object_or_404(DunningLevel, level=level)
    try:
        ids = id_list_param(request.GET, "invoices", maximum=MAX_LETTER_INVOICES)
    except BadParameter as error:
        return bad_parameter_response(request, error)
    invoices = selectors.letter_invoices(client, ids)
    if not invoices:
        raise Http404("no open invoice of this client in the request")
    language = "fr" if client.language == "fr" else "en"
    pdf = collection.letter_pdf(client, level_obj, invoices, language, _today())
    return pdf_response(pdf, f"reminder-{client.pk}-{level}.pdf")


def dunning_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(DunningLetter, pk=pk)
    return pdf_response(bytes(letter.pdf or b""), f"reminder-{letter.pk}.pdf")


def statement_pdf(request: HttpRequest, client_pk: int) -> HttpResponse:
    client = get_object_or_404(parties.companies(), pk=client_pk)
    language = "fr" if client.language == "fr" else "en"
    with translation.override(language):
        context = {
            "seller": documents.seller_context(),
            "client": documents.client_block(client, language),
            "statement": selectors.statement(client),
        }
        pdf = render_pdf("sales/pdf/statement.html", context)
    return pdf_response(pdf, f"statement-{client.pk}.pdf")


def commissions(request: HttpRequest) -> HttpResponse:
    first = _today().replace(day=1)
    period = PeriodForm(
        request.GET
        or {
            "start": (first - dt.timedelta(days=1)).replace(day=1),
            "end": first - dt.timedelta(days=1),
        }
    )
    form = AgentContractForm(request.POST or None)
    if request.method == "POST":
        require(request.user, Action.CREATE, Record.AGENT_CONTRACT)  # says who may
        if form.is_valid():
            try:
                collection.save_agent_contract(values=form.values(), user=acting_user(request))
            except ValidationError as exc:
                post_errors(request, exc)
            else:
                messages.success(request, _("Agent contract saved."))
                return HttpResponseRedirect(reverse("sales:commissions"))
    statements = []
    if period.is_valid():
        for contract in selectors.agent_contracts():
            statements.append(
                selectors.commission_statement(
                    contract, period.cleaned_data["start"], period.cleaned_data["end"]
                )
            )
    return render(
        request,
        "sales/commissions.html",
        {
            "period": period,
            "form": form,
            "statements": statements,
            "can_manage": can_manage(request.user),
        },
    )


def dunning_levels(request: HttpRequest) -> HttpResponse:
    """The company's collection procedure: levels, delays and letters (managers)."""
    require(request.user, Action.ADMINISTER, Record.DUNNING_LEVEL)
    formset = DunningLevelFormSet(request.POST or None, queryset=selectors.dunning_levels())
    if request.method == "POST":
        if formset.is_valid():
            try:
                collection.save_dunning_levels(
                    levels=dunning_level_values(formset), user=acting_user(request)
                )
            except ValidationError as exc:
                post_errors(request, exc)
            else:
                messages.success(request, _("Dunning procedure saved."))
                return HttpResponseRedirect(reverse("sales:dunning_run"))
        else:
            messages.error(request, _("Not saved: correct the fields marked in red."))
    return render(request, "sales/dunning_levels.html", {"formset": formset})
