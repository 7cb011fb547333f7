"""Intra-EU screens: the month's declarations (EMEBI, état récapitulatif), a declaration with
its lines, errors and files, the proof of transport of an invoice, the invoices lacking proof,
the declarant settings.

Reads through :mod:`.selectors`, writes through :mod:`.services`; views stay thin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import refused as _refused
from comptoir.common.values import errors_on_form
from comptoir.documents.exports import XLSX_TYPE
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice
from comptoir.trade import intra_eu as rules

from . import files, selectors, services
from .forms import (
    DeclarantForm,
    EvidenceForm,
    FileForm,
    PrepareForm,
    RemoveForm,
    TransporterForm,
)
from .models import DeclarantSettings, Declaration, Evidence, InvoiceProof


def _labels() -> dict[str, dict[str, str]]:
    return {
        "nature": {code: _(label) for code, label in rules.NATURE_OF_TRANSACTION.items()},
        "mode": {code: _(label) for code, label in rules.MODE_OF_TRANSPORT.items()},
    }


# --------------------------------------------------------------------------- month


def month_page(request: HttpRequest) -> HttpResponse:
    month = selectors.month_of(request.GET.get("month", "")) or selectors.previous_month()
    latest = selectors.declarations_of(month)
    declarant = DeclarantSettings.current()
    expected = {
        Declaration.Kind.EMEBI_DISPATCH: declarant.emebi_dispatches,
        Declaration.Kind.EMEBI_ARRIVAL: declarant.emebi_arrivals,
        Declaration.Kind.RECAP: not declarant.emebi_dispatches,
    }
    rows = [
        {
            "kind": kind,
            "label": label,
            "declaration": latest[kind],
            "expected": expected[Declaration.Kind(kind)],
            "url": reverse("intra_eu:declaration_month", args=[kind, f"{month:%Y-%m}"]),
        }
        for kind, label in Declaration.Kind.choices
    ]
    return render(
        request,
        "intra_eu/month.html",
        {
            "month": month,
            "period": f"{month:%Y-%m}",
            "rows": rows,
            "setup_problems": files.setup_problems(),
            "missing_proofs": len(selectors.proof_rows({})),
            "recent": selectors.declaration_list()[:24],
        },
    )


def _declaration_context(
    request: HttpRequest, kind: str, month: Any, declaration: Declaration | None
) -> dict[str, Any]:
    if declaration is not None and declaration.is_filed:
        lines = declaration.lines
        problems: list[dict[str, str]] = []
    else:
        computed = selectors.compute(kind, month)
        lines = computed.lines
        problems = [
            {"document": p.document, "field": p.field, "message": translate(p.message)}
            for p in computed.problems
        ]
    return {
        "kind": kind,
        "kind_label": Declaration.Kind(kind).label,
        "month": month,
        "period": f"{month:%Y-%m}",
        "declaration": declaration,
        "versions": selectors.versions(declaration) if declaration else [],
        "lines": lines,
        "total": sum(int(line["signed_amount"]) for line in lines),
        "problems": problems,
        "setup_problems": files.setup_problems(),
        "labels": _labels(),
        "is_recap": kind == Declaration.Kind.RECAP,
        "may_prepare": allowed(request.user, Action.CREATE, Record.INTRA_EU_DECLARATION),
        "may_file": allowed(request.user, Action.ISSUE, Record.INTRA_EU_DECLARATION),
        "file_form": FileForm(),
        "prepare_form": PrepareForm(initial={"kind": kind, "month": f"{month:%Y-%m}"}),
    }


def declaration_month(request: HttpRequest, kind: str, period: str) -> HttpResponse:
    month = selectors.month_of(period)
    if month is None or kind not in Declaration.Kind.values:
        raise Http404
    declaration = selectors.declarations_of(month)[kind]
    return render(
        request,
        "intra_eu/declaration.html",
        _declaration_context(request, kind, month, declaration),
    )


def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(Declaration.objects.defer("xml", "xlsx"), pk=pk)
    return render(
        request,
        "intra_eu/declaration.html",
        _declaration_context(request, declaration.kind, declaration.month, declaration),
    )


@require_POST
def declaration_prepare(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = PrepareForm(request.POST)
    month = selectors.month_of(request.POST.get("month", ""))
    kind = request.POST.get("kind", "")
    if not form.is_valid() or month is None or kind not in Declaration.Kind.values:
        messages.error(request, _("Choose a declaration and a month (YYYY-MM)."))
        return HttpResponseRedirect(reverse("intra_eu:month"))
    try:
        declaration = services.prepare(
            kind=kind,
            month=month,
            user=acting_user(request),
            reason=form.cleaned_data.get("reason") or "",
        )
    except ValidationError as exc:
        _refused(request, exc)
        return HttpResponseRedirect(
            reverse("intra_eu:declaration_month", args=[kind, f"{month:%Y-%m}"])
        )
    messages.success(request, _("Draft ready: check the lines, then file it."))
    return HttpResponseRedirect(declaration.get_absolute_url())


@require_POST
def declaration_file(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    declaration = get_object_or_404(Declaration, pk=pk)
    form = FileForm(request.POST)
    reference = form.cleaned_data.get("portal_reference", "") if form.is_valid() else ""
    try:
        services.file_declaration(
            declaration=declaration, user=acting_user(request), portal_reference=reference
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Filed: the lines and the files are kept as they are now."))
    return HttpResponseRedirect(declaration.get_absolute_url())


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def declaration_xml(request: HttpRequest, pk: int) -> HttpResponse:
    """The filed file as kept, or the draft's file computed now (marked draft)."""
    declaration = get_object_or_404(Declaration, pk=pk)
    base = f"{declaration.kind}-{declaration.period}-v{declaration.version}"
    if declaration.is_filed and declaration.xml is not None:
        return _download(bytes(declaration.xml), "application/xml", f"{base}.xml")
    computed = selectors.compute(declaration.kind, declaration.month)
    if computed.problems or not computed.lines:
        # the portal would refuse it: the page lists what to fix
        messages.error(request, _("Fix the lines listed before downloading the XML file."))
        return HttpResponseRedirect(declaration.get_absolute_url())
    content = files.xml_file(declaration.kind, declaration.month, computed.lines)
    return _download(content, "application/xml", f"{base}-draft.xml")


def declaration_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(Declaration, pk=pk)
    base = f"{declaration.kind}-{declaration.period}-v{declaration.version}"
    if declaration.is_filed and declaration.xlsx is not None:
        return _download(bytes(declaration.xlsx), XLSX_TYPE, f"{base}.xlsx")
    computed = selectors.compute(declaration.kind, declaration.month)
    content = files.xlsx_file(declaration.kind, declaration.month, computed.lines)
    return _download(content, XLSX_TYPE, f"{base}-draft.xlsx")


# --------------------------------------------------------------------------- proofs


def proof_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.proof_rows(request.GET)
    return render(
        request,
        "intra_eu/proof_list.html",
        {
            "rows": rows,
            "params": request.GET,
            "older_than": request.GET.get("older_than") or DeclarantSettings.current().proof_days,
            "clients": Company.objects.filter(invoices__vat_case="intra_eu_b2b")
            .distinct()
            .order_by("name")[:500],
        },
    )


def _invoice(pk: int) -> Invoice:
    invoice = get_object_or_404(Invoice.objects.select_related("client", "delivery"), pk=pk)
    if not selectors.is_intra_eu(invoice):
        raise Http404
    return invoice


def invoice_proof(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(pk)
    return _proof_page(request, invoice, EvidenceForm(initial={"received_on": today()}))


def _proof_page(request: HttpRequest, invoice: Invoice, form: EvidenceForm) -> HttpResponse:
    proof = selectors.proof_of(invoice)
    result = selectors.proof_result(invoice, proof)
    evidence = list(proof.evidence.defer("file")) if proof else []
    return render(
        request,
        "intra_eu/invoice_proof.html",
        {
            "invoice": invoice,
            "proof": proof,
            "evidence": evidence,
            "result": result,
            "missing": selectors.missing_texts(result),
            "supply_date": selectors.supply_date(invoice),
            "statement_deadline": rules.statement_deadline(selectors.supply_date(invoice)),
            "form": form,
            "transporter_form": TransporterForm(
                initial={
                    "transporter": proof.transporter if proof else "seller",
                    "notes": proof.notes if proof else "",
                }
            ),
            "may_add": allowed(request.user, Action.CREATE, Record.INTRA_EU_PROOF),
            "may_delete": allowed(request.user, Action.DELETE, Record.INTRA_EU_PROOF),
        },
    )


@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    invoice = _invoice(pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                invoice=invoice,
                values=form.values(),
                upload=form.cleaned_data.get("file"),
                user=acting_user(request),
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Item of evidence recorded."))
            return HttpResponseRedirect(reverse("intra_eu:invoice_proof", args=[invoice.pk]))
    return _proof_page(request, invoice, form)


@require_POST
def transporter_set(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    invoice = _invoice(pk)
    form = TransporterForm(request.POST)
    if form.is_valid():
        try:
            services.set_transporter(
                invoice=invoice,
                transporter=form.cleaned_data["transporter"],
                notes=form.cleaned_data.get("notes") or "",
                user=acting_user(request),
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Saved: who transports the goods."))
    else:
        messages.error(request, _("Choose who transports the goods."))
    return HttpResponseRedirect(reverse("intra_eu:invoice_proof", args=[invoice.pk]))


def _evidence_item(pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("proof"), pk=pk)


def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = _evidence_item(pk)
    if item.file is None:
        raise Http404
    return _download(bytes(item.file), item.content_type, item.file_name or f"evidence-{pk}")


@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    item = _evidence_item(pk)
    proof: InvoiceProof = item.proof
    form = RemoveForm(request.POST)
    try:
        services.delete_evidence(
            evidence=item,
            user=acting_user(request),
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Item removed."))
    return HttpResponseRedirect(reverse("intra_eu:invoice_proof", args=[proof.invoice_id]))


# --------------------------------------------------------------------------- settings


def declarant_settings(request: HttpRequest) -> HttpResponse:
    current = DeclarantSettings.current()
    may_change = allowed(request.user, Action.ADMINISTER, Record.INTRA_EU_DECLARATION)
    if request.method == "POST":
        require_edit(request.user)
        form = DeclarantForm(request.POST)
        if form.is_valid():
            try:
                services.save_settings(values=form.values(), user=acting_user(request))
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Declarant settings saved."))
                return HttpResponseRedirect(reverse("intra_eu:settings"))
    else:
        form = DeclarantForm(
            initial={
                "nic": current.nic,
                "approval_number": current.approval_number,
                "department": current.department,
                "emebi_dispatches": current.emebi_dispatches,
                "emebi_arrivals": current.emebi_arrivals,
                "default_nature": current.default_nature,
                "proof_days": current.proof_days,
            }
        )
    return render(
        request,
        "intra_eu/settings.html",
        {"form": form, "may_change": may_change, "department": selectors.department()},
    )
