"""Origin pages: the agreements table, a product's preferential origins, the suppliers'
declarations, the EUR.1 / EUR-MED data sheet of a shipment.

The pages read through :mod:`.selectors`; writes go through :mod:`.services`.
"""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import (
    Action,
    Record,
    acting_user,
    allowed,
    require,
    require_edit,
)
from comptoir.catalog.models import Product
from comptoir.common.dates import current_language, today
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.origin_certificate import render_certificate
from comptoir.documents.pdf import pdf_response
from comptoir.shipping.models import Shipment

from . import selectors, services
from .forms import AgreementForm, DeclarationForm, OriginForm
from .models import Agreement, ProductOrigin, SupplierDeclaration

# --------------------------------------------------------------------------- agreements


def agreement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "origin/agreement_list.html",
        {
            "agreements": selectors.agreements(),
            "may_edit": allowed(request.user, Action.CREATE, Record.TRADE_AGREEMENT),
            "expiring": selectors.declaration_list({"state": "expiring"}, today())[:20],
        },
    )


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    return render(
        request,
        "origin/agreement_detail.html",
        {
            "agreement": agreement,
            "may_edit": allowed(request.user, Action.CHANGE, Record.TRADE_AGREEMENT),
            "products": agreement.origins.select_related("product").order_by("product__reference")[
                : selectors.MAX_ROWS
            ],
        },
    )


def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk) if pk else None
    # the form itself is for those who may save it (managers)
    require(request.user, Action.CHANGE if agreement else Action.CREATE, Record.TRADE_AGREEMENT)
    if request.method == "POST":
        form = AgreementForm(request.POST)
        if form.is_valid():
            try:
                saved = services.save_agreement(
                    agreement=agreement, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Agreement saved."))
                return HttpResponseRedirect(saved.get_absolute_url())
    else:
        form = AgreementForm(initial=AgreementForm.initial_from(agreement) if agreement else None)
    return render(request, "origin/agreement_form.html", {"form": form, "agreement": agreement})


# --------------------------------------------------------------------------- product origins


@require_POST
def origin_add(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_pk)
    form = OriginForm(request.POST, prefix="origin")
    if form.is_valid():
        try:
            services.save_product_origin(
                product=product, values=form.values(), user=acting_user(request)
            )
            messages.success(request, _("Preferential origin saved."))
        except ValidationError as exc:
            for message in _named(form, exc):
                messages.error(request, message)
    else:
        for message in _form_messages(form):
            messages.error(request, message)
    return HttpResponseRedirect(product.get_absolute_url() + "#product-origin")


def origin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    origin = get_object_or_404(ProductOrigin.objects.select_related("product", "agreement"), pk=pk)
    if request.method == "POST":
        form = OriginForm(request.POST, prefix="origin")
        if form.is_valid():
            try:
                services.save_product_origin(
                    product=origin.product,
                    origin=origin,
                    values=form.values(),
                    user=acting_user(request),
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Preferential origin saved."))
                return HttpResponseRedirect(origin.product.get_absolute_url() + "#product-origin")
    else:
        form = OriginForm(
            prefix="origin",
            initial={
                "agreement": origin.agreement_id,
                "preferential": origin.preferential,
                "origin": origin.origin,
                "basis": origin.basis,
                "rule": origin.rule,
                "valid_from": origin.valid_from,
                "valid_to": origin.valid_to,
                "note": origin.note,
            },
        )
    return render(request, "origin/origin_form.html", {"form": form, "origin": origin})


@require_POST
def origin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    origin = get_object_or_404(ProductOrigin.objects.select_related("product"), pk=pk)
    product = origin.product
    services.delete_product_origin(origin=origin, user=acting_user(request))
    messages.success(request, _("Preferential origin removed."))
    return HttpResponseRedirect(product.get_absolute_url() + "#product-origin")


def _form_messages(form: OriginForm) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else ''}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]


def _named(form: OriginForm, exc: ValidationError) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [
        f"{form.fields[name].label if name in form.fields else ''}: {message}".lstrip(": ")
        for name, errors in exc.message_dict.items()
        for message in errors
    ]


# --------------------------------------------------------------------------- declarations


def declaration_list(request: HttpRequest) -> HttpResponse:
    day = today()
    rows = selectors.declaration_list(request.GET, day)
    return render(
        request,
        "origin/declaration_list.html",
        {
            "page": page_of(request, rows),
            "params": request.GET,
            "today": day,
            "may_create": allowed(request.user, Action.CREATE, Record.SUPPLIER_DECLARATION),
        },
    )


def declaration_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    declaration = get_object_or_404(SupplierDeclaration, pk=pk) if pk else None
    if request.method == "POST":
        form = DeclarationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = services.save_declaration(
                    declaration=declaration,
                    values=form.values(),
                    upload=form.cleaned_data.get("file"),
                    user=acting_user(request),
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Supplier's declaration saved."))
                return HttpResponseRedirect(saved.get_absolute_url())
    elif declaration is not None:
        form = DeclarationForm(initial=DeclarationForm.initial_from(declaration))
    else:
        initial: dict[str, object] = {"received_on": today()}
        product = Product.objects.filter(pk=_int(request.GET.get("product"))).first()
        if product is not None:
            initial["products"] = product.reference
        form = DeclarationForm(initial=initial)
    return render(
        request, "origin/declaration_form.html", {"form": form, "declaration": declaration}
    )


def _int(raw: str | None) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0


def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        SupplierDeclaration.objects.select_related("supplier", "created_by"), pk=pk
    )
    return render(
        request,
        "origin/declaration_detail.html",
        {
            "declaration": declaration,
            "products": declaration.products.all(),
            "agreements": declaration.agreements.all(),
            "today": today(),
            "may_edit": allowed(request.user, Action.CHANGE, Record.SUPPLIER_DECLARATION),
        },
    )


def declaration_file(request: HttpRequest, pk: int) -> FileResponse:
    """The signed declaration, to signed-in users only, never from a public media URL."""
    declaration = get_object_or_404(SupplierDeclaration, pk=pk)
    if not declaration.file:
        raise Http404
    try:
        handle = declaration.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=declaration.file_name or "declaration.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --------------------------------------------------------------------------- certificates


def certificate_pdf(request: HttpRequest, shipment_pk: int) -> HttpResponse:
    """The EUR.1 / EUR-MED data sheet of a shipment, in the client's language (or ?lang=)."""
    shipment = get_object_or_404(Shipment.objects.select_related("partner"), pk=shipment_pk)
    language = request.GET.get("lang") or shipment.partner.language or current_language()
    if language not in ("fr", "en"):
        language = "en"
    data = selectors.certificate_data(shipment, request.GET.get("kind", ""), language)
    if data is None:
        raise Http404
    with translation.override(language):
        pdf = render_certificate(asdict(data), language)
    name = f"{data.kind.upper().replace('_', '-')}-{shipment.number or shipment.pk}.pdf"
    return pdf_response(pdf, name)
