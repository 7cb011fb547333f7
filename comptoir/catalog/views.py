from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, require, require_edit
from comptoir.common import countries, panels
from comptoir.common.dates import current_language
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter, bad_parameter_response, int_param
from comptoir.documents.exports import bounded, export_response
from comptoir.trade.cn_search import CnHit

from . import hs_index, selectors, services
from .forms import PriceListForm, PriceListItemForm, ProductForm
from .models import PriceList, PriceListItem, Product

#: Most hits one HS search may ask for (``?top=``).
MAX_HS_TOP = 50
#: Longest description searched (longer text is cut: the search reads words, not essays).
MAX_HS_QUERY = 200
#: Largest nomenclature file (the HS 2022 CSV is about 1 MB); it is read whole.
MAX_HS_FILE_BYTES = 20 * 1024 * 1024


def product_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    queryset = selectors.product_list(params)
    fmt = params.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(request, fmt, "products", *selectors.product_rows(bounded(queryset)))
    return render(
        request,
        "catalog/product_list.html",
        {
            "page": page_of(request, queryset),
            "params": params,
            "countries": countries.country_choices(current_language()),
        },
    )


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    hs = selectors.hs_entry(product.hs_code)
    path = selectors.hs_heading_path(product.hs_code) if hs else []
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "hs": hs,
            "hs_path": path,
            "origin_name": countries.country_name(product.origin_country, current_language()),
            "prices": selectors.product_prices(product),
            # origin, export control…: the areas above add their sections (common.panels)
            "sections": panels.sections(panels.PRODUCT, product, request),
        },
    )


def product_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    product = get_object_or_404(Product, pk=pk) if pk else None
    form = ProductForm(
        request.POST or None,
        instance=product,
        initial={"origin_country": "FR"} if product is None else None,
    )
    if request.method == "POST":
        if form.is_valid():
            product = services.save_product(
                product=product, values=form.values(), user=request.user
            )
            messages.success(request, _("Product %(ref)s saved.") % {"ref": product.reference})
            return HttpResponseRedirect(product.get_absolute_url())
        messages.error(request, _("The product was not saved: correct the fields marked in red."))
    return render(
        request,
        "catalog/product_form.html",
        {"form": form, "product": product, "hs_loaded": hs_index.is_loaded()},
    )


def hs_suggest(request: HttpRequest) -> HttpResponse:
    """Suggestions for the code field as the user types a description (htmx fragment, or
    JSON with ``?format=json``): CN8 codes in the user's language when the CN is loaded."""
    query = (request.GET.get("q") or request.GET.get("hs_query") or "")[:MAX_HS_QUERY]
    language = current_language()
    hits = (
        hs_index.classify(query, top=8, language=language, as_you_type=True)
        if len(query.strip()) >= 3
        else []
    )
    if request.GET.get("format") == "json":
        return JsonResponse([_hit_json(h) for h in hits], safe=False)
    return render(request, "catalog/_hs_suggestions.html", {"hits": hits, "query": query})


def hs_search(request: HttpRequest) -> HttpResponse:
    """Classification help: CN8 codes (HS subheadings without CN) for a description in French
    or English, answered in the user's language; administrators also load a new HS file."""
    if request.method == "POST":
        return _hs_upload(request)
    query = request.GET.get("q", "")[:MAX_HS_QUERY]
    language = current_language()
    if request.GET.get("format") == "json":
        try:
            top = int_param(request.GET, "top", default=10, minimum=1, maximum=MAX_HS_TOP)
        except BadParameter as error:
            return bad_parameter_response(request, error)
        return JsonResponse(
            [_hit_json(h) for h in hs_index.classify(query, top=top, language=language)],
            safe=False,
        )
    hits = hs_index.classify(query, top=20, language=language) if query.strip() else []
    return render(
        request,
        "catalog/hs_search.html",
        {
            "query": query,
            "hits": hits,
            "loaded": hs_index.is_loaded(),
            "cn_loaded": hs_index.cn_loaded(),
            "count": selectors.hs_code_count(),
        },
    )


def _hit_json(hit: CnHit) -> dict[str, object]:
    result = hit.as_dict()
    result["description"] = hit.label
    return result


def _hs_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.ADMINISTER, Record.HS_NOMENCLATURE)  # before reading the file
    upload = request.FILES.get("file")
    if upload is None or not (upload.name or "").lower().endswith(".csv"):
        messages.error(request, _("Send the nomenclature as a .csv file."))
        return HttpResponseRedirect(request.path)
    if (upload.size or 0) > MAX_HS_FILE_BYTES:
        messages.error(
            request,
            _("The file is larger than %(mb)s MB: a whole nomenclature takes about 1 MB.")
            % {"mb": MAX_HS_FILE_BYTES // (1024 * 1024)},
        )
        return HttpResponseRedirect(request.path)
    try:
        text = upload.read().decode("utf-8-sig")
        result = services.import_hs_nomenclature(stream=io.StringIO(text), user=request.user)
    except UnicodeDecodeError:
        messages.error(request, _("The file is not UTF-8 text."))
    except ValidationError as exc:
        messages.error(
            request, _("Nothing was loaded: %(reason)s") % {"reason": "; ".join(exc.messages)}
        )
    else:
        messages.success(request, _("HS codes loaded: %(n)s.") % {"n": result.rows})
    return HttpResponseRedirect(request.path)


def pricelist_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/pricelist_list.html", {"price_lists": selectors.price_lists()})


def pricelist_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    price_list = get_object_or_404(PriceList, pk=pk) if pk else None
    form = PriceListForm(request.POST or None, instance=price_list)
    if request.method == "POST" and form.is_valid():
        price_list = services.save_price_list(
            price_list=price_list, values=form.values(), user=request.user
        )
        messages.success(request, _("Price list saved."))
        return HttpResponseRedirect(price_list.get_absolute_url())
    return render(request, "catalog/pricelist_form.html", {"form": form, "price_list": price_list})


def pricelist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    price_list = get_object_or_404(PriceList, pk=pk)
    form = PriceListItemForm(request.POST or None, price_list=price_list)
    if request.method == "POST":
        if form.is_valid():
            services.add_price(price_list=price_list, values=form.values(), user=request.user)
            messages.success(request, _("Price saved."))
            return HttpResponseRedirect(price_list.get_absolute_url())
        messages.error(request, _("The price was not saved: correct the fields marked in red."))
    items = selectors.price_list_items(price_list)
    return render(
        request,
        "catalog/pricelist_detail.html",
        {"price_list": price_list, "items": items, "form": form},
    )


@require_POST
def pricelist_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PriceListItem, pk=pk)
    url = item.price_list.get_absolute_url()
    services.remove_price(item=item, user=request.user)
    messages.success(request, _("Price removed."))
    return HttpResponseRedirect(url)
