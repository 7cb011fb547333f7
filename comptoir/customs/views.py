"""Customs pages: the tariff table, import declarations and the broker check, export
declarations and proofs of exit, ATA carnets and special procedures.

The pages read through :mod:`.selectors`; writes go through :mod:`.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.exports import bounded, export_response
from comptoir.documents.pdf import pdf_response, render_pdf
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment
from comptoir.trade.errors import TradeInputError

from . import selectors, services
from .forms import (
    BrokerForm,
    CarnetForm,
    CarnetItemForm,
    CheckForm,
    EntryForm,
    ExitForm,
    ExportForm,
    LineForm,
    ProcedureForm,
    ProcedureReturnForm,
    ReturnForm,
    TariffForm,
    TariffImportForm,
    VisitForm,
)
from .models import (
    Carnet,
    CarnetVisit,
    ExportDeclaration,
    ImportEntry,
    ImportLine,
    ProcedureKind,
    RateKind,
    SpecialProcedure,
    TariffRate,
)

FIGURE_LABELS = {
    "customs_value": gettext_lazy("customs value"),
    "duty": gettext_lazy("duty"),
    "anti_dumping": gettext_lazy("anti-dumping duty"),
    "vat": gettext_lazy("import VAT"),
}


def _form_page(
    request: HttpRequest, form: Any, title: str, cancel: str, **extra: Any
) -> HttpResponse:
    if request.method == "POST":
        messages.error(request, _("Nothing was saved: correct the fields marked in red."))
    return render(
        request,
        "customs/form.html",
        {"form": form, "title": title, "cancel": cancel, **extra},
    )


def _shipment(pk: int) -> Shipment:
    try:
        return shipping_selectors.shipment_for_page(pk)
    except Shipment.DoesNotExist:
        raise Http404 from None


def home(request: HttpRequest) -> HttpResponse:
    day = today()
    return render(
        request,
        "customs/home.html",
        {
            "late_exports": selectors.exports_without_proof(day).count(),
            "to_check": ImportEntry.objects.filter(status=ImportEntry.Status.DRAFT).count(),
            "disputed": ImportEntry.objects.filter(status=ImportEntry.Status.DISPUTED).count(),
            "carnets_abroad": selectors.carnets_with_goods_abroad().count(),
            "procedures_overdue": selectors.procedures_overdue(day).count(),
            "rates": TariffRate.objects.count(),
            "proof_days": selectors.PROOF_OF_EXIT_DAYS,
        },
    )


# ------------------------------------------------------------------------- tariff


def tariff_list(request: HttpRequest) -> HttpResponse:
    rates = selectors.tariff_list(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        rows = [
            [
                r.code,
                r.kind,
                r.origin,
                r.agreement,
                r.producer,
                r.ad_valorem_pct,
                r.specific_amount,
                r.specific_unit,
                r.valid_from,
                r.valid_to,
                r.source,
            ]
            for r in bounded(rates)
        ]
        return export_response(request, fmt, "tariff", services.TARIFF_COLUMNS, rows)
    return render(
        request,
        "customs/tariff_list.html",
        {
            "page": page_of(request, rates),
            "params": request.GET,
            "kinds": RateKind.choices,
            "import_form": TariffImportForm(),
            "columns": services.TARIFF_COLUMNS,
            "query": request.GET.urlencode(),
        },
    )


def tariff_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    rate = get_object_or_404(TariffRate, pk=pk) if pk else None
    form = TariffForm(request.POST or None, instance=rate or TariffRate())
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rate(values=form.values(), rate=rate, user=acting_user(request))
            messages.success(request, _("Tariff rate saved."))
            return HttpResponseRedirect(reverse("customs:tariff_list"))
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(
        request,
        form,
        _("Tariff rate") if rate else _("New tariff rate"),
        reverse("customs:tariff_list"),
        delete_url=reverse("customs:tariff_delete", args=[rate.pk]) if rate else "",
    )


@require_POST
def tariff_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rate = get_object_or_404(TariffRate, pk=pk)
    services.delete_rate(rate=rate, user=acting_user(request))
    messages.success(request, _("Tariff rate deleted."))
    return HttpResponseRedirect(reverse("customs:tariff_list"))


def tariff_import(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = TariffImportForm(request.POST or None, request.FILES or None)
    problems: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.import_tariff(
                stream=upload, filename=upload.name or "", user=acting_user(request)
            )
            messages.success(request, _("%(count)d tariff rates imported.") % {"count": count})
            return HttpResponseRedirect(reverse("customs:tariff_list"))
        except services.TariffImportError as exc:
            messages.error(request, exc.messages[0])
            problems = exc.rows
    return render(
        request,
        "customs/tariff_import.html",
        {"form": form, "problems": problems, "columns": services.TARIFF_COLUMNS},
    )


# ------------------------------------------------------------ import declarations


def _entry(pk: int) -> ImportEntry:
    try:
        return selectors.entry_for_page(pk)
    except ImportEntry.DoesNotExist:
        raise Http404 from None


def import_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "customs/import_list.html",
        {
            "page": page_of(request, selectors.entry_list(request.GET)),
            "params": request.GET,
            "statuses": ImportEntry.Status.choices,
        },
    )


def import_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    entry = _entry(pk) if pk else None
    shipment: Shipment | None = None
    initial: dict[str, Any] = {}
    if entry is None and request.GET.get("shipment", "").isdigit():
        shipment = _shipment(int(request.GET["shipment"]))
        initial = {
            "shipment": shipment,
            "supplier": shipment.partner,
            "broker": shipment.customs_broker,
            "incoterm": shipment.incoterm,
            "currency": shipment.currency,
        }
    if entry is None:
        initial.setdefault("declared_on", today())
    form = EntryForm(request.POST or None, instance=entry or ImportEntry(), initial=initial)
    if request.method == "POST" and form.is_valid():
        user = acting_user(request)
        try:
            values = form.values()
            if entry is not None:
                entry = services.update_entry(entry=entry, values=values, user=user)
            elif values.shipment is not None:
                entry = services.entry_from_shipment(
                    shipment=values.shipment, values=values, user=user
                )
            else:
                entry = services.create_entry(values=values, user=user)
            messages.success(request, _("Import declaration %(n)s saved.") % {"n": entry.number})
            return HttpResponseRedirect(entry.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(
        request,
        form,
        entry.number if entry else _("New import declaration"),
        entry.get_absolute_url() if entry else reverse("customs:import_list"),
        intro=_(
            "From an inbound shipment, the lines are copied from it (CN code, origin, "
            "quantities, values): check them, then enter the broker's figures."
        )
        if entry is None
        else "",
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_page(request, _entry(pk))


def _import_page(
    request: HttpRequest, entry: ImportEntry, broker_form: BrokerForm | None = None
) -> HttpResponse:
    """The declaration's page; after a refused broker's form, that form with what was typed
    and its errors under the fields (status 400)."""
    lines = list(selectors.lines(entry))
    steps: list[tuple[ImportLine, list[str]]] = []
    try:
        result = services.compute(entry, list(selectors.lines(entry)))  # fresh copies
        steps = [
            (line, [translate(s) for s in figures.steps])
            for line, figures in zip(lines, result.lines, strict=True)
        ]
        notes = [translate(n) for n in result.notes]
    except (TradeInputError, ValidationError):  # the page still shows the stored figures
        notes = []
    differences = selectors.differences(entry) if entry.has_broker_figures else []
    broker_initial: dict[str, Any] = {
        "mrn": entry.mrn,
        "declared_on": entry.broker_declared_on,
        "customs_value": entry.broker_customs_value,
        "duty": entry.broker_duty,
        "anti_dumping": entry.broker_anti_dumping,
        "vat": entry.broker_vat,
        "broker_fees": entry.broker_fees,
    }
    for line in lines:
        for name in BrokerForm.FIGURES:
            broker_initial[f"l{line.position}_{name}"] = getattr(line, f"broker_{name}")
    return render(
        request,
        "customs/import_detail.html",
        {
            "entry": entry,
            "lines": lines,
            "steps": steps,
            "notes": notes,
            "differences": [{"d": d, "label": FIGURE_LABELS[d.figure]} for d in differences],
            "beyond": [d for d in differences if not d.within_tolerance],
            "broker_form": broker_form
            or BrokerForm(initial=broker_initial, positions=[line.position for line in lines]),
            "check_form": CheckForm(initial={"note": entry.status_note}),
            "line_form": LineForm(),
        },
        status=400 if broker_form is not None else 200,
    )


def line_edit(request: HttpRequest, pk: int, line_pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    entry = _entry(pk)
    line = get_object_or_404(ImportLine, pk=line_pk, entry=entry) if line_pk else None
    form = LineForm(request.POST or None, instance=line or ImportLine(entry=entry))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_line(
                entry=entry, values=form.values(), line=line, user=acting_user(request)
            )
            messages.success(request, _("Line saved; the declaration is computed again."))
            return HttpResponseRedirect(entry.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(
        request,
        form,
        _("Line %(n)s of %(entry)s") % {"n": line.position, "entry": entry}
        if line
        else _("New line of %(entry)s") % {"entry": entry},
        entry.get_absolute_url(),
        intro=_(
            "With “rates from the tariff table” ticked, the duty and anti-dumping rates are "
            "looked up for the CN code, origin and date; untick it to type the rates yourself "
            "(a binding tariff information, a suspension)."
        ),
        delete_url=reverse("customs:line_delete", args=[entry.pk, line.pk]) if line else "",
    )


@require_POST
def line_delete(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    entry = _entry(pk)
    line = get_object_or_404(ImportLine, pk=line_pk, entry=entry)
    try:
        services.delete_line(line=line, user=acting_user(request))
        messages.success(request, _("Line removed."))
    except ValidationError as exc:
        _refused(request, exc)
    return HttpResponseRedirect(entry.get_absolute_url())


@require_POST
def import_broker(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(pk)
    positions = list(entry.lines.order_by("position").values_list("position", flat=True))
    form = BrokerForm(request.POST, positions=positions)
    if form.is_valid():
        try:
            services.record_broker(entry=entry, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("The broker's figures are recorded."))
            return HttpResponseRedirect(entry.get_absolute_url() + "#broker")
    # Refused: the page again with what was typed, each error under its field.
    messages.error(request, _("Nothing was saved: correct the fields marked in red."))
    return _import_page(request, entry, broker_form=form)


@require_POST
def import_check(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(pk)
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose checked or disputed."))
        return HttpResponseRedirect(entry.get_absolute_url())
    try:
        services.set_check(
            entry=entry,
            status=form.cleaned_data["status"],
            note=form.cleaned_data.get("note") or "",
            user=acting_user(request),
        )
        messages.success(request, _("Status: %(s)s.") % {"s": entry.get_status_display()})
    except ValidationError as exc:
        _refused(request, exc)
    return HttpResponseRedirect(entry.get_absolute_url())


# ------------------------------------------------------------ export declarations


def _declaration(pk: int) -> ExportDeclaration:
    return get_object_or_404(ExportDeclaration.objects.select_related("shipment"), pk=pk)


def export_list(request: HttpRequest) -> HttpResponse:
    day = today()
    return render(
        request,
        "customs/export_list.html",
        {
            "page": page_of(request, selectors.export_list(request.GET, day)),
            "params": request.GET,
            "today": day,
            "proof_days": selectors.PROOF_OF_EXIT_DAYS,
            "late": request.GET.get("proof") == "late",
        },
    )


def export_late(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(reverse("customs:export_list") + "?proof=late")


def export_new(request: HttpRequest, shipment_pk: int) -> HttpResponse:
    require_edit(request.user)
    shipment = _shipment(shipment_pk)
    form = ExportForm(
        request.POST or None, instance=ExportDeclaration(), initial={"declared_on": today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.create_export(
                shipment=shipment, values=form.values(), user=acting_user(request)
            )
            messages.success(
                request, _("Export declaration %(mrn)s recorded.") % {"mrn": declaration.mrn}
            )
            return HttpResponseRedirect(declaration.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(
        request,
        form,
        _("Export declaration of shipment %(s)s") % {"s": shipment},
        shipment.get_absolute_url(),
        intro=_(
            "The MRN is on the export accompanying document (EAD) the forwarder sends; its "
            "last character is a check character, so a mistyped number is refused. Offices "
            "are customs office reference numbers, e.g. FR000690."
        ),
    )


def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(pk)
    day = today()
    return render(
        request,
        "customs/export_detail.html",
        {
            "d": declaration,
            "exit_form": ExitForm(
                initial={
                    "exit_confirmed_on": declaration.exit_confirmed_on or day,
                    "exit_evidence": declaration.exit_evidence or "exit_notice",
                    "office_of_exit": declaration.office_of_exit,
                }
            ),
            "age": (day - declaration.declared_on).days,
            "proof_days": selectors.PROOF_OF_EXIT_DAYS,
        },
    )


@require_POST
def export_exit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(pk)
    form = ExitForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}")
        return HttpResponseRedirect(declaration.get_absolute_url())
    try:
        services.record_exit(
            declaration=declaration,
            values=form.values(),
            upload=form.cleaned_data.get("file"),
            user=acting_user(request),
        )
        messages.success(request, _("Proof of exit recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return HttpResponseRedirect(declaration.get_absolute_url())


def export_proof(request: HttpRequest, pk: int) -> FileResponse:
    """The proof document, to signed-in users only, never from a public media URL."""
    declaration = _declaration(pk)
    if not declaration.proof_file:
        raise Http404
    try:
        handle = declaration.proof_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=declaration.proof_content_type or "application/octet-stream",
        as_attachment=declaration.proof_content_type == "application/pdf",
        filename=declaration.proof_name or "proof",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ----------------------------------------------------------------------- carnets


def _carnet(pk: int) -> Carnet:
    return get_object_or_404(Carnet, pk=pk)


def carnet_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "customs/carnet_list.html",
        {
            "page": page_of(request, selectors.carnet_list(request.GET)),
            "params": request.GET,
            "statuses": Carnet.Status.choices,
        },
    )


def carnet_new(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = CarnetForm(
        request.POST or None,
        instance=Carnet(),
        initial={"issued_on": today(), "handled_by": request.user},
    )
    if request.method == "POST" and form.is_valid():
        try:
            carnet = services.create_carnet(values=form.values(), user=acting_user(request))
            messages.success(
                request, _("Carnet %(n)s recorded: add its goods.") % {"n": carnet.number}
            )
            return HttpResponseRedirect(carnet.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(request, form, _("New ATA carnet"), reverse("customs:carnet_list"))


def carnet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    carnet = _carnet(pk)
    items = list(carnet.items.all())
    return render(
        request,
        "customs/carnet_detail.html",
        {
            "carnet": carnet,
            "items": items,
            "visits": carnet.visits.all(),
            "item_form": CarnetItemForm(),
            "visit_form": VisitForm(),
            "return_form": ReturnForm(items=items, initial={"on": today()}),
            "total_value": sum((i.value for i in items), start=0),
            "vouchers_used": sum(v.vouchers_used for v in carnet.visits.all()),
            "missing": [i for i in items if i.missing],
            "today": today(),
        },
    )


def _post_form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


@require_POST
def carnet_item(request: HttpRequest, pk: int) -> HttpResponse:
    carnet = _carnet(pk)
    form = CarnetItemForm(request.POST)
    if not form.is_valid():
        _post_form_errors(request, form)
    else:
        try:
            services.add_carnet_item(carnet=carnet, values=form.values(), user=acting_user(request))
            messages.success(request, _("Item added to the general list."))
        except ValidationError as exc:
            _refused(request, exc)
    return HttpResponseRedirect(carnet.get_absolute_url())


@require_POST
def carnet_visit(request: HttpRequest, pk: int) -> HttpResponse:
    carnet = _carnet(pk)
    form = VisitForm(request.POST, instance=CarnetVisit(carnet=carnet))
    if not form.is_valid():
        _post_form_errors(request, form)
    else:
        try:
            services.record_visit(carnet=carnet, values=form.values(), user=acting_user(request))
            messages.success(request, _("Visit recorded."))
        except ValidationError as exc:
            _refused(request, exc)
    return HttpResponseRedirect(carnet.get_absolute_url())


@require_POST
def carnet_return(request: HttpRequest, pk: int) -> HttpResponse:
    carnet = _carnet(pk)
    form = ReturnForm(request.POST, items=list(carnet.items.all()))
    if not form.is_valid():
        _post_form_errors(request, form)
    else:
        try:
            services.record_return(
                carnet=carnet,
                returned=form.returned(),
                on=form.cleaned_data["on"],
                user=acting_user(request),
            )
            messages.success(request, _("Re-entry recorded."))
        except ValidationError as exc:
            _refused(request, exc)
    return HttpResponseRedirect(carnet.get_absolute_url())


def carnet_pdf(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The general list of the carnet, printable, in French or English."""
    if language not in ("fr", "en"):
        raise Http404
    carnet = _carnet(pk)
    items = list(carnet.items.all())
    with translation.override(language):
        pdf = render_pdf(
            "customs/pdf/carnet_list.html",
            {
                "carnet": carnet,
                "items": items,
                "total_value": sum((i.value for i in items), start=0),
                "total_weight": sum((i.weight_kg for i in items), start=0),
                "language": language,
            },
        )
    return pdf_response(pdf, f"carnet-{carnet.number}-{language}.pdf")


# ---------------------------------------------------------------- procedures


def procedure_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "customs/procedure_list.html",
        {
            "page": page_of(request, selectors.procedure_list(request.GET)),
            "params": request.GET,
            "kinds": ProcedureKind.choices,
            "return_form": ProcedureReturnForm(initial={"on": today()}),
            "today": today(),
        },
    )


def procedure_new(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = ProcedureForm(
        request.POST or None,
        instance=SpecialProcedure(),
        initial={"exported_on": today(), "handled_by": request.user},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_procedure(values=form.values(), user=acting_user(request))
            messages.success(request, _("Procedure recorded."))
            return HttpResponseRedirect(reverse("customs:procedure_list"))
        except ValidationError as exc:
            errors_on_form(form, exc)
    return _form_page(
        request,
        form,
        _("New special procedure"),
        reverse("customs:procedure_list"),
        intro=_(
            "Returned goods are relieved of duty when they come back within three years (UCC "
            "art. 203): the date is set for you. Samples without commercial value do not "
            "come back."
        ),
    )


@require_POST
def procedure_return(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_object_or_404(SpecialProcedure, pk=pk)
    form = ProcedureReturnForm(request.POST)
    if not form.is_valid():
        _post_form_errors(request, form)
    else:
        try:
            services.procedure_returned(
                procedure=procedure,
                on=form.cleaned_data["on"],
                document=form.cleaned_data.get("document") or "",
                user=acting_user(request),
            )
            messages.success(request, _("Return recorded."))
        except ValidationError as exc:
            _refused(request, exc)
    return HttpResponseRedirect(reverse("customs:procedure_list"))
