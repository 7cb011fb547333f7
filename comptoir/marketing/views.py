"""Screens of the communication materials: the overview, the charter, a product's marketing
page (profile, photos, sheet), a material (form, page, PDF, spreadsheet, newsletter preview),
the feed links and the feed itself (no login: its secret is the key). Views parse, forms
validate, services write; a GET never writes."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common.values import errors_on_form
from comptoir.documents import marketing as renderer
from comptoir.documents.pdf import pdf_response
from comptoir.documents.tabular import write_csv
from comptoir.trade.errors import TradeInputError

from . import selectors, services
from .forms import CharterForm, FeedLinkForm, MaterialForm, ProfileForm, VisualForm
from .models import FeedLink, Material, ProductVisual


def _language(request: HttpRequest, default: str) -> str:
    language = request.GET.get("lang", default)
    return language if language in {"fr", "en"} else default


def _refused(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    if form is not None:
        errors_on_form(form, exc)
    else:
        for message in exc.messages:
            messages.error(request, message)


def index(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    mark = selectors.charter()
    return render(
        request,
        "marketing/index.html",
        {
            "charter": mark,
            "checks": [
                {
                    "label": translate(c.label),
                    "ratio": c.ratio,
                    "minimum": c.minimum,
                    "ok": c.passes,
                }
                for c in selectors.contrast_checks(mark)
            ],
            "materials": selectors.material_list(kind)[:200],
            "kinds": Material.Kind.choices,
            "kind": kind,
            "links": selectors.feed_links()[:50],
            "feed_form": FeedLinkForm(),
            "products": selectors.products_for_materials()[:300],
        },
    )


def charter_edit(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    mark = selectors.charter()
    initial = {
        f: getattr(mark, f)
        for f in (
            "primary_colour",
            "secondary_colour",
            "accent_colour",
            "text_on_primary",
            "heading_font",
            "body_font",
            "tagline_fr",
            "tagline_en",
            "footer_fr",
            "footer_en",
            "legal_fr",
            "legal_en",
        )
    }
    form = CharterForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_charter(
                values=form.values(), logo=form.logo_upload(), user=acting_user(request)
            )
        except ValidationError as exc:
            _refused(request, exc, form)
        else:
            messages.success(request, _("Graphic charter saved."))
            return HttpResponseRedirect(reverse("marketing:index"))
    return render(request, "marketing/charter_form.html", {"form": form, "charter": mark})


def charter_logo(request: HttpRequest) -> HttpResponse:
    mark = selectors.charter()
    if not mark.logo:
        raise Http404
    return _picture(bytes(mark.logo), mark.logo_type)


def _picture(data: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # an SVG opened on its own runs nothing, even if something slipped through
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def product_page(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    profile = selectors.profile_of(product)
    form = ProfileForm(request.POST or None, instance=profile, prefix="profile")
    visual_form = VisualForm(prefix="visual")
    if request.method == "POST":
        require_edit(request.user)
        if form.is_valid():
            try:
                services.save_profile(
                    product=product, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                _refused(request, exc, form)
            else:
                messages.success(request, _("Marketing profile saved."))
                return HttpResponseRedirect(request.path)
    return render(
        request,
        "marketing/product.html",
        {
            "product": product,
            "form": form,
            "visual_form": visual_form,
            "visuals": selectors.visuals_of(product),
        },
    )


@require_POST
def visual_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    product = get_object_or_404(Product, pk=pk)
    form = VisualForm(request.POST, request.FILES, prefix="visual")
    if form.is_valid():
        try:
            services.add_visual(product=product, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Photo added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(reverse("marketing:product", args=[pk]))


@require_POST
def visual_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    visual = get_object_or_404(ProductVisual.objects.defer("image"), pk=pk)
    product_id = visual.product_id
    services.delete_visual(visual=visual, user=acting_user(request))
    messages.success(request, _("Photo removed."))
    return HttpResponseRedirect(reverse("marketing:product", args=[product_id]))


def visual(request: HttpRequest, pk: int) -> HttpResponse:
    picture = get_object_or_404(ProductVisual, pk=pk)
    return _picture(bytes(picture.image), picture.content_type)


def product_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    language = _language(request, get_language() or "en")
    pdf = renderer.product_sheet(
        product=selectors.product_block(product, language),
        charter=selectors.charter_style(language),
        language=language,
    )
    return pdf_response(pdf, f"{product.reference}-{language}.pdf")


# --------------------------------------------------------------------------- materials


def material_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    material = get_object_or_404(Material, pk=pk) if pk else None
    initial = {"kind": request.GET.get("kind", "catalogue")} if material is None else None
    form = MaterialForm(request.POST or None, instance=material, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_material(
                values=form.values(), material=material, user=acting_user(request)
            )
        except ValidationError as exc:
            _refused(request, exc, form)
        else:
            messages.success(request, _("Material saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "marketing/material_form.html",
        {"form": form, "material": material, "categories": selectors.categories()},
    )


def _document(request: HttpRequest, material: Material, language: str) -> dict[str, Any] | None:
    try:
        return selectors.material_document(material, language)
    except TradeInputError as exc:
        messages.error(request, selectors.text_of(exc.message))
        return None


def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        material = selectors.material_for_page(pk)
    except Material.DoesNotExist:
        raise Http404 from None
    language = get_language() or "en"
    language = language if language in {"fr", "en"} else "en"
    document = _document(request, material, language)
    return render(
        request,
        "marketing/material_detail.html",
        {"material": material, "doc": document},
    )


def material_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(Material, pk=pk)
    if material.kind == Material.Kind.NEWSLETTER:
        raise Http404
    language = _language(request, material.language)
    document = _document(request, material, language)
    if document is None:
        return HttpResponseRedirect(material.get_absolute_url())
    return pdf_response(renderer.material_pdf(document), f"{material.kind}-{pk}-{language}.pdf")


def material_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(Material, pk=pk, kind=Material.Kind.PRICE_LIST)
    language = _language(request, material.language)
    document = _document(request, material, language)
    if document is None:
        return HttpResponseRedirect(material.get_absolute_url())
    header, rows = selectors.price_list_table(document)
    data = renderer.price_list_xlsx(header, rows, document["title"])
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="price-list-{pk}-{language}.xlsx"'
    return response


def newsletter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The newsletter as the e-mail shows it (HTML), or its text alternative."""
    material = get_object_or_404(Material, pk=pk, kind=Material.Kind.NEWSLETTER)
    language = _language(request, material.language)
    content = services.newsletter_content(material=material)[language]
    if request.GET.get("format") == "text":
        return HttpResponse(content.text, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content.html)
    # the preview is shown in a frame of our page; it runs nothing and loads only data: URLs
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    material = get_object_or_404(Material, pk=pk)
    services.delete_material(material=material, user=acting_user(request))
    messages.success(request, _("Material deleted."))
    return HttpResponseRedirect(reverse("marketing:index"))


# --------------------------------------------------------------------------- feed


@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = FeedLinkForm(request.POST)
    if form.is_valid():
        try:
            link, secret = services.create_feed_link(
                values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            json_url = request.build_absolute_uri(reverse("marketing:feed_json", args=[secret]))
            csv_url = request.build_absolute_uri(reverse("marketing:feed_csv", args=[secret]))
            messages.success(
                request,
                _(
                    "Feed link %(name)s made. Copy these addresses now, they are shown only "
                    "once: %(json)s (JSON) and %(csv)s (CSV)."
                )
                % {"name": link.name, "json": json_url, "csv": csv_url},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(reverse("marketing:index") + "#feeds")


@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    link = get_object_or_404(FeedLink, pk=pk)
    services.revoke_feed_link(link=link, user=acting_user(request))
    messages.success(request, _("Feed link revoked: it no longer answers."))
    return HttpResponseRedirect(reverse("marketing:index") + "#feeds")


def _feed(request: HttpRequest, secret: str) -> list[dict[str, Any]]:
    link = selectors.feed_link_for(secret)
    if link is None:
        raise Http404
    base = request.build_absolute_uri(reverse("marketing:feed_image", args=[secret, 0]))
    return selectors.feed_items(link.price_list, base.removesuffix("0/"))


@login_not_required
def feed_json(request: HttpRequest, secret: str) -> HttpResponse:
    items = _feed(request, secret)
    body = json.dumps({"count": len(items), "products": items}, default=str, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
def feed_csv(request: HttpRequest, secret: str) -> HttpResponse:
    items = _feed(request, secret)
    data = write_csv(selectors.FEED_FIELDS, ([i[f] for f in selectors.FEED_FIELDS] for i in items))
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="products.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
def feed_image(request: HttpRequest, secret: str, pk: int) -> HttpResponse:
    """A photo of a product of the feed's price list (the secret opens only those)."""
    link = selectors.feed_link_for(secret)
    if link is None:
        raise Http404
    picture = get_object_or_404(
        ProductVisual.objects.filter(
            product__prices__price_list=link.price_list, product__is_active=True
        ).distinct(),
        pk=pk,
    )
    response = _picture(bytes(picture.image), picture.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_POST
def newsletter_campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the newsletter to prospecting as a draft campaign, then open it there."""
    material = get_object_or_404(Material, pk=pk)
    try:
        campaign = services.campaign_from_newsletter(material=material, user=acting_user(request))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return HttpResponseRedirect(material.get_absolute_url())
    messages.success(
        request, _("Draft campaign created: choose its target list, check it and send it.")
    )
    return HttpResponseRedirect(campaign.get_absolute_url())
