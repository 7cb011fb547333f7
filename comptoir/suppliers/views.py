"""The supplier panel's pages: the list, the supplier file, its performance and the yearly
review. Reads through :mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.choices import country_field_choices
from comptoir.common.dates import current_language, today
from comptoir.common.feedback import form_errors as _form_errors
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.charts import MAX_POINTS, DateSeries, date_chart
from comptoir.documents.pdf import pdf_response
from comptoir.parties.models import Company
from comptoir.trade import supplier_rating
from comptoir.trade.errors import TradeInputError

from . import selectors, services
from .forms import (
    CRITERION_LABELS,
    ActionStatusForm,
    AuditForm,
    CertificationForm,
    CsrForm,
    DeliveryForm,
    FileForm,
    IncidentForm,
    OutcomeForm,
    ReviewForm,
    ReviewStartForm,
    SuppliedForm,
)
from .inputs import FileValues
from .models import (
    Certification,
    CorrectiveAction,
    Decision,
    Incident,
    PanelStatus,
    Review,
    SuppliedProduct,
    SupplierFile,
)


def _supplier(pk: int) -> SupplierFile:
    try:
        return selectors.supplier_for_page(pk)
    except SupplierFile.DoesNotExist:
        raise Http404 from None


def _back(supplier: SupplierFile, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(supplier.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def supplier_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.supplier_list(request.GET)
    return render(
        request,
        "suppliers/supplier_list.html",
        {
            "page": page_of(request, rows),
            "params": request.GET,
            "statuses": PanelStatus.choices,
            "categories": selectors.categories(),
            "countries": country_field_choices(),
            "without_file": selectors.suppliers_without_file()[:50],
        },
    )


@require_POST
def supplier_open(request: HttpRequest, company_pk: int) -> HttpResponse:
    company = get_object_or_404(Company, pk=company_pk)
    existing = selectors.file_of(company)
    if existing is not None:
        return _back(existing)
    try:
        supplier = services.open_file(
            company=company,
            values=FileValues(
                payment_days=company.payment_days or None,
                buyer=company.portfolio_owner,
            ),
            user=acting_user(request),
        )
    except ValidationError as exc:
        _refused(request, exc)
        return HttpResponseRedirect(company.get_absolute_url())
    messages.success(request, _("Supplier file opened: complete it."))
    return HttpResponseRedirect(reverse("suppliers:supplier_edit", args=[supplier.pk]))


def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    day = today()
    checks = {c.criterion: c for c in supplier.csr_checks.all()}
    csr_form = CsrForm(
        initial={
            **{f"met_{code}": c.met for code, c in checks.items()},
            **{f"evidence_{code}": c.evidence for code, c in checks.items()},
        }
    )
    return render(
        request,
        "suppliers/supplier_detail.html",
        {
            "supplier": supplier,
            "company": supplier.company,
            "risk": selectors.country_risk(supplier),
            "certifications": selectors.certification_rows(supplier, day),
            "audits": supplier.audits.all(),
            "csr_table": [
                (met, evidence, checks.get(code))
                for (met, evidence), (code, _label) in zip(
                    csr_form.rows(), selectors.CSR_CHECKLIST, strict=True
                )
            ],
            "csr_score": selectors.csr_score(supplier.company),
            "products": supplier.products.all(),
            "next_audit": selectors.next_audit_due(supplier),
            "overdue_actions": selectors.overdue_actions(supplier, day),
            "reliability": selectors.supplier_reliability(supplier.company, day),
            "certification_form": CertificationForm(),
            "action_statuses": CorrectiveAction.Status.choices,
            "today": day,
        },
    )


def supplier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    supplier = _supplier(pk)
    form = FileForm(request.POST or None, initial=FileForm.initial_of(supplier))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_file(supplier=supplier, values=form.values(), user=acting_user(request))
            messages.success(request, _("Supplier file saved."))
            return _back(supplier)
        except ValidationError as exc:
            errors_on_form(form, exc)
    return render(request, "suppliers/supplier_form.html", {"form": form, "supplier": supplier})


@require_POST
def certification_add(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    form = CertificationForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(supplier, "certifications")
    try:
        cert = services.save_certification(
            supplier=supplier,
            values=form.values(),
            upload=form.cleaned_data.get("file"),
            user=acting_user(request),
        )
        messages.success(request, _("Certification %(name)s recorded.") % {"name": cert.name})
    except ValidationError as exc:
        _refused(request, exc)
    return _back(supplier, "certifications")


def _certification(supplier: SupplierFile, cert_pk: int) -> Certification:
    cert = supplier.certifications.filter(pk=cert_pk).first()
    if cert is None:
        raise Http404
    return cert


def certification_file(request: HttpRequest, pk: int, cert_pk: int) -> FileResponse:
    """The certificate, to signed-in users only, never from a public media URL."""
    cert = _certification(_supplier(pk), cert_pk)
    if not cert.file:
        raise Http404
    try:
        handle = cert.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=cert.file_type or "application/octet-stream",
        as_attachment=cert.file_type == "application/pdf",
        filename=cert.file_name or "certificate",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def certification_remove(request: HttpRequest, pk: int, cert_pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    cert = _certification(supplier, cert_pk)
    services.delete_certification(certification=cert, user=acting_user(request))
    messages.success(request, _("Certification %(name)s removed.") % {"name": cert.name})
    return _back(supplier, "certifications")


def audit_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    supplier = _supplier(pk)
    form = AuditForm(request.POST or None, initial={"date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_audit(
                supplier=supplier, values=form.values(), user=acting_user(request)
            )
            messages.success(request, _("Audit recorded."))
            return _back(supplier, "audits")
        except ValidationError as exc:
            errors_on_form(form, exc)
    return render(request, "suppliers/audit_form.html", {"form": form, "supplier": supplier})


@require_POST
def action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    action = CorrectiveAction.objects.filter(pk=action_pk, audit__supplier=supplier).first()
    if action is None:
        raise Http404
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(supplier, "audits")
    try:
        services.set_action_status(
            action=action,
            status=form.cleaned_data["status"],
            on=form.cleaned_data.get("on"),
            user=acting_user(request),
        )
        messages.success(
            request, _("Corrective action: %(status)s.") % {"status": action.get_status_display()}
        )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(supplier, "audits")


@require_POST
def csr_save(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    form = CsrForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(supplier, "csr")
    try:
        services.set_csr(supplier=supplier, checks=form.values(today()), user=acting_user(request))
        messages.success(request, _("CSR checklist saved."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(supplier, "csr")


def supplied_edit(request: HttpRequest, pk: int, supplied_pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    supplier = _supplier(pk)
    supplied = None
    if supplied_pk is not None:
        supplied = supplier.products.filter(pk=supplied_pk).first()
        if supplied is None:
            raise Http404
    initial: dict[str, Any] = {
        "currency": supplier.company.currency or "EUR",
        "incoterm": supplier.company.default_incoterm or "FCA",
        "incoterm_place": supplier.company.incoterm_place,
        "valid_from": today(),
        "lead_time_days": supplier.lead_time_days,
    }
    if supplied is not None:
        initial = {
            "product": supplied.product,
            "supplier_reference": supplied.supplier_reference,
            "unit_price": supplied.unit_price,
            "currency": supplied.currency,
            "incoterm": supplied.incoterm,
            "incoterm_place": supplied.incoterm_place,
            "moq": supplied.moq,
            "lead_time_days": supplied.lead_time_days,
            "valid_from": supplied.valid_from,
            "valid_to": supplied.valid_to,
        }
    form = SuppliedForm(request.POST or None, initial=initial)
    if supplied is not None:
        form.fields["product"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.save_supplied_product(
                supplier=supplier,
                product=form.cleaned_data["product"],
                values=form.values(),
                user=acting_user(request),
            )
            messages.success(request, _("Supplied product saved."))
            return _back(supplier, "products")
        except ValidationError as exc:
            errors_on_form(form, exc)
    return render(
        request,
        "suppliers/supplied_form.html",
        {"form": form, "supplier": supplier, "supplied": supplied},
    )


@require_POST
def supplied_remove(request: HttpRequest, pk: int, supplied_pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    supplied = get_object_or_404(SuppliedProduct, pk=supplied_pk, supplier=supplier)
    services.remove_supplied_product(supplied=supplied, user=acting_user(request))
    messages.success(
        request,
        _("%(product)s is no longer listed for this supplier.") % {"product": supplied.product},
    )
    return _back(supplier, "products")


# -------------------------------------------------------------------------- performance


def _period(request: HttpRequest) -> tuple[dt.date | None, dt.date | None]:
    dates: list[dt.date | None] = []
    for name in ("since", "until"):
        raw = request.GET.get(name, "")
        try:
            dates.append(dt.date.fromisoformat(raw) if raw else None)
        except ValueError:
            messages.error(request, _("The date is not valid (YYYY-MM-DD)."))
            dates.append(None)
    since, until = dates
    if since and until and since > until:
        messages.error(request, _("The start of the period comes after its end."))
        return None, None
    return since, until


def _charts(figures: selectors.Performance) -> list[dict[str, Any]]:
    """Per product, its price chart (one line per currency and Incoterm, on a date axis)
    and the prices it draws, for the table beside it."""
    by_product: dict[int, list[selectors.ProductTrend]] = {}
    for t in figures.trends:
        by_product.setdefault(t.product.pk, []).append(t)
    language = current_language()
    charts = []
    for trends in by_product.values():
        product = trends[0].product
        series = [
            DateSeries(
                label=f"{t.currency} {t.incoterm}".strip(),
                points=tuple((p.day, p.price) for p in t.trend.points)[-MAX_POINTS:],
            )
            for t in trends
        ]
        prices = sorted(
            ((day, s.label, price) for s in series for day, price in s.points),
            key=lambda row: (row[0], row[1]),
        )
        title = _("Price of %(product)s") % {"product": product}
        charts.append(
            {
                "product": product,
                "trends": trends,
                "svg": date_chart(
                    title=title,
                    series=series,
                    language=language,
                    empty=_("No price recorded."),
                    kind="price",
                    desc=_("One line per currency and Incoterm; a marker per recorded price."),
                ),
                "prices": [
                    {"day": d, "label": label, "price": price} for d, label, price in prices
                ],
            }
        )
    return charts


def performance(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    since, until = _period(request)
    figures = selectors.performance(supplier, since, until)
    return render(
        request,
        "suppliers/performance.html",
        {
            "supplier": supplier,
            "figures": figures,
            "otif_steps": [translate(s) for s in figures.otif.steps],
            "charts": _charts(figures),
            "delivery_form": DeliveryForm(),
            "incident_form": IncidentForm(initial={"date": today()}),
            "outcome_choices": Incident._meta.get_field("outcome").choices,
            "reviews": selectors.reviews_of(supplier),
            "this_year": today().year,
        },
    )


def performance_json(request: HttpRequest, pk: int) -> HttpResponse:
    from django.http import JsonResponse

    from .serialize import performance_data

    supplier = _supplier(pk)
    since, until = _period(request)
    return JsonResponse(performance_data(selectors.performance(supplier, since, until)))


@require_POST
def delivery_add(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    form = DeliveryForm(request.POST)
    back = HttpResponseRedirect(reverse("suppliers:performance", args=[supplier.pk]))
    if not form.is_valid():
        _form_errors(request, form)
        return back
    try:
        services.record_delivery(supplier, user=acting_user(request), **form.cleaned_data)
        messages.success(request, _("Delivery recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return back


@require_POST
def incident_add(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    form = IncidentForm(request.POST)
    back = HttpResponseRedirect(reverse("suppliers:performance", args=[supplier.pk]) + "#incidents")
    if not form.is_valid():
        _form_errors(request, form)
        return back
    try:
        services.record_incident(supplier, user=acting_user(request), **form.cleaned_data)
        messages.success(request, _("Incident recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return back


@require_POST
def incident_outcome(request: HttpRequest, pk: int, incident_pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    incident = get_object_or_404(Incident, pk=incident_pk, supplier=supplier)
    form = OutcomeForm(request.POST)
    back = HttpResponseRedirect(reverse("suppliers:performance", args=[supplier.pk]) + "#incidents")
    if not form.is_valid():
        _form_errors(request, form)
        return back
    try:
        services.set_incident_outcome(
            incident=incident,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data.get("note") or "",
            user=acting_user(request),
        )
        messages.success(request, _("Outcome saved."))
    except ValidationError as exc:
        _refused(request, exc)
    return back


# ------------------------------------------------------------------------------- review


@require_POST
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    form = ReviewStartForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return HttpResponseRedirect(reverse("suppliers:performance", args=[supplier.pk]))
    try:
        review = services.start_review(
            supplier=supplier, year=form.cleaned_data["year"], user=acting_user(request)
        )
    except ValidationError as exc:
        _refused(request, exc)
        return HttpResponseRedirect(reverse("suppliers:performance", args=[supplier.pk]))
    return HttpResponseRedirect(review.get_absolute_url())


def _review(supplier: SupplierFile, review_pk: int) -> Review:
    review = supplier.reviews.select_related("reviewer").filter(pk=review_pk).first()
    if review is None:
        raise Http404
    return review


def _review_rows(review: Review) -> list[dict[str, Any]]:
    proposed = selectors.grades_from_figures(review.figures)
    rows = []
    for row in review.grid:
        name = row["criterion"]
        why = proposed.get(name)
        weight = row.get("weight")
        grade = row.get("grade")
        rows.append(
            {
                "criterion": name,
                "label": CRITERION_LABELS.get(name, name),
                "weight": weight,
                "proposed": row.get("proposed"),
                "why": translate(why.why) if why is not None else "",
                "grade": grade,
            }
        )
    return rows


def _review_steps(review: Review) -> list[str]:
    from decimal import Decimal, InvalidOperation

    try:
        weights = {r["criterion"]: Decimal(r["weight"]) for r in review.grid}
        grades = {r["criterion"]: Decimal(r["grade"]) for r in review.grid if r.get("grade")}
        if len(grades) != len(supplier_rating.CRITERIA):
            return []
        return [translate(s) for s in supplier_rating.review(weights, grades).steps]
    except (InvalidOperation, TypeError, KeyError, TradeInputError):
        return []


def review_detail(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    supplier = _supplier(pk)
    review = _review(supplier, review_pk)
    rows = _review_rows(review)
    initial: dict[str, Any] = {"decision": review.decision, "comments": review.comments}
    for row in rows:
        initial[f"weight_{row['criterion']}"] = row["weight"]
        initial[f"grade_{row['criterion']}"] = row["grade"]
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_edit(request.user)
        if form.is_valid():
            try:
                services.save_review(review=review, grades=form.values(), user=acting_user(request))
                messages.success(request, _("Review saved."))
                return HttpResponseRedirect(review.get_absolute_url())
            except ValidationError as exc:
                errors_on_form(form, exc)
    hint = supplier_rating.decision_hint(review.score) if review.score is not None else ""
    return render(
        request,
        "suppliers/review_detail.html",
        {
            "supplier": supplier,
            "review": review,
            "grid": [
                {**row, "weight_field": weight, "grade_field": grade}
                for row, (_name, _label, weight, grade) in zip(rows, form.rows(), strict=False)
            ],
            "form": form,
            "steps": _review_steps(review),
            "hint": Decision(hint).label if hint else "",
        },
    )


def review_pdf(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    """The review, printable (in the reader's language: it is an internal document)."""
    supplier = _supplier(pk)
    review = _review(supplier, review_pk)
    from comptoir.documents.supplier_review import ReviewDocument, render

    rows = _review_rows(review)
    document = ReviewDocument(
        supplier=str(supplier.company),
        country=supplier.company.country,
        year=review.year,
        rows=[
            {
                "label": str(r["label"]),
                "weight": r["weight"],
                "proposed": r["proposed"] if r["proposed"] is not None else "—",
                "why": r["why"],
                "grade": r["grade"] if r["grade"] is not None else "—",
            }
            for r in rows
        ],
        figures=dict(review.figures),
        score=str(review.score) if review.score is not None else "—",
        decision=str(review.get_decision_display()) if review.decision else "—",
        comments=review.comments,
        reviewer=(review.reviewer.get_full_name() or review.reviewer.username)
        if review.reviewer
        else "—",
        decided_on=review.decided_on,
        steps=_review_steps(review),
    )
    return pdf_response(render(document), f"review-{supplier.pk}-{review.year}.pdf")
