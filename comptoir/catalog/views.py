from __future__ import annotations

import io
import zlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, require, require_edit
from comptoir.common import countries, panels
from comptoir.common.dates import current_language
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter, bad_parameter_response, int_param
from comptoir.documents import tabular
from comptoir.documents.exports import bounded, export_response
from comptoir.trade import nomenclature
from comptoir.trade.cn_search import CnHit
from comptoir.trade.nomenclature import CnEntry

from . import hs_index, imports, selectors, services
from .forms import PriceListForm, PriceListItemForm, ProductForm
from .models import PriceList, PriceListItem, Product

#: Most hits one HS search may ask for (``?top=``).
MAX_HS_TOP = 50
#: Longest description searched (longer text is cut: the search reads words, not essays).
MAX_HS_QUERY = 200
#: Largest nomenclature file (the HS 2022 CSV is about 1 MB); it is read whole.
MAX_HS_FILE_BYTES = 20 * 1024 * 1024
#: Most products listed on the CN page as having a code the loaded CN does not have.
MAX_UNKNOWN_LISTED = 200


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


#: Largest product file sent on the import page (10,000 rows take about 2 MB as CSV).
MAX_PRODUCT_FILE_BYTES = 5 * 1024 * 1024


def product_import(request: HttpRequest) -> HttpResponse:
    """Create or update products from a CSV/XLSX file (the export's columns), all or nothing."""
    report = None
    if request.method == "POST":
        require_edit(request.user)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a CSV or XLSX file."))
        elif (upload.size or 0) > MAX_PRODUCT_FILE_BYTES:
            messages.error(
                request,
                _("The file is larger than %(mb)s MB: split it.")
                % {"mb": MAX_PRODUCT_FILE_BYTES // (1024 * 1024)},
            )
        else:
            report = imports.import_products(
                stream=upload, filename=upload.name or "", user=request.user
            )
            if report.ok:
                messages.success(
                    request,
                    _("Products imported: %(created)s created, %(updated)s updated.")
                    % {"created": report.created, "updated": report.updated},
                )
                return HttpResponseRedirect(reverse("catalog:product_list"))
            messages.error(request, _("Nothing was imported: correct the rows listed below."))
    return render(
        request,
        "catalog/product_import.html",
        {"report": report, "columns": imports.columns(), "max_rows": tabular.MAX_ROWS},
    )


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    hs = selectors.hs_entry(product.hs_code)
    path = selectors.hs_heading_path(product.hs_code) if hs else []
    language = current_language()
    cn_chain = selectors.cn_chain(product.cn_code) if product.cn_code else []
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "hs": hs,
            "hs_path": path,
            "cn": _cn_rows(cn_chain, language),
            "cn_unit": nomenclature.unit_notation(cn_chain[-1].supplementary_unit)
            if cn_chain and cn_chain[-1].supplementary_unit
            else "",
            "cn_loaded": selectors.cn_loaded(),
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
        {
            "form": form,
            "product": product,
            "hs_loaded": hs_index.is_loaded(),
            "cn_loaded": selectors.cn_loaded(),
        },
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


# ------------------------------------------------------------------ Combined Nomenclature


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("language", "")
    return asked if asked in ("fr", "en") else current_language()


def _cn_rows(chain: list[CnEntry], language: str) -> list[dict[str, str]]:
    other = "en" if language.startswith("fr") else "fr"
    return [
        {
            "code": entry.code,
            "display_code": entry.display_code,
            "level": entry.level,
            "label": entry.description(language),
            "other_label": entry.description(other),
            "unit": nomenclature.unit_notation(entry.supplementary_unit)
            if entry.supplementary_unit
            else "",
        }
        for entry in chain
    ]


def _cn_digits(code: str) -> str:
    return "".join(code.replace(".", "").replace("-", "").split())


def cn_code(request: HttpRequest, code: str) -> HttpResponse:
    """A CN code (chapter, heading, subheading or 8 digits) with its path, as JSON, in the
    user's language or ``?language=fr|en``: what the product form shows once a code is typed."""
    digits = _cn_digits(code)
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in (2, 4, 6, 8, 10):
        return JsonResponse(
            {
                "error": _("A CN code has 2, 4, 6 or 8 digits (10 for TARIC), not %(code)s.")
                % {"code": code},
                "field": "code",
            },
            status=400,
        )
    found = selectors.cn_facts(digits[:8], _language(request))
    if found is None:
        return JsonResponse(
            {
                "error": _("%(code)s is not in the loaded Combined Nomenclature.")
                % {"code": nomenclature.format_cn(digits)},
                "field": "code",
            },
            status=404,
        )
    return JsonResponse(found)


def cn_lookup(request: HttpRequest) -> HttpResponse:
    """The path of the CN code typed in the product form (htmx fragment, same facts as
    :func:`cn_code`)."""
    typed = request.GET.get("cn_code", "")[:20]
    digits = _cn_digits(typed)
    found = None
    if digits.isascii() and digits.isdigit() and len(digits) == 8:
        found = selectors.cn_facts(digits, current_language())
    return render(
        request,
        "catalog/_cn_path.html",
        {"typed": typed, "digits": digits, "found": found, "loaded": selectors.cn_loaded()},
    )


def cn_browse(request: HttpRequest) -> HttpResponse:
    """The Combined Nomenclature: sections and chapters, then a chapter's headings, then a
    heading's subheadings and codes with their supplementary units, in French and English.
    Administrators load a new CN here (all or nothing)."""
    if request.method == "POST":
        return _cn_upload(request)
    language = current_language()
    goto = _cn_digits(request.GET.get("code", ""))[:8]
    if goto and goto.isascii() and goto.isdigit():
        target = next(
            (t for t in (goto[:4], goto[:6], goto[:2]) if selectors.cn_entry(t) is not None),
            goto[:2],
        )
        return HttpResponseRedirect(f"{request.path}?open={target}#cn-{goto}")
    opened = _cn_digits(request.GET.get("open", ""))[:6]
    chain = selectors.cn_chain(opened) if opened.isascii() and opened.isdigit() else []
    rows: list[dict[str, str]] = []
    sections: list[dict[str, object]] = []
    if chain and chain[-1].level == "chapter":
        rows = _cn_rows(selectors.cn_children(chain[-1].code), language)
    elif chain:
        rows = _cn_rows(selectors.cn_codes_under(chain[-1].code), language)
    else:
        for section, chapters in selectors.cn_sections():
            sections.append(
                {
                    "entry": _cn_rows([section], language)[0],
                    "chapters": _cn_rows(chapters, language),
                }
            )
    loaded = selectors.cn_loaded()
    # after a new year's CN: the products whose code it no longer has (none before any load)
    unknown = selectors.products_with_unknown_cn() if loaded else Product.objects.none()
    return render(
        request,
        "catalog/cn_browse.html",
        {
            "loaded": loaded,
            "count": selectors.cn_code_count(),
            "chain": _cn_rows(chain, language),
            "rows": rows,
            "sections": sections,
            "unknown": unknown[:MAX_UNKNOWN_LISTED],
            "unknown_count": unknown.count(),
            "max_mb": services.MAX_CN_FILE_BYTES // (1024 * 1024),
        },
    )


def _cn_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.ADMINISTER, Record.HS_NOMENCLATURE)  # before reading the file
    upload = request.FILES.get("file")
    if upload is None or not (upload.name or "").lower().endswith((".csv", ".csv.gz")):
        messages.error(request, _("Send the Combined Nomenclature as a .csv or .csv.gz file."))
        return HttpResponseRedirect(request.path)
    if (upload.size or 0) > services.MAX_CN_FILE_BYTES:
        messages.error(
            request,
            _("The file is larger than %(mb)s MB: the whole CN takes about 3 MB.")
            % {"mb": services.MAX_CN_FILE_BYTES // (1024 * 1024)},
        )
        return HttpResponseRedirect(request.path)
    try:
        raw = upload.read()
        if (upload.name or "").lower().endswith(".gz"):
            raw = _gunzip_bounded(raw, services.MAX_CN_FILE_BYTES)
        text = raw.decode("utf-8-sig")
        result = services.import_cn_nomenclature(stream=io.StringIO(text), user=request.user)
    except UnicodeDecodeError:
        messages.error(request, _("The file is not UTF-8 text."))
    except (OSError, EOFError, zlib.error):
        messages.error(request, _("The file is not a gzip-compressed CSV."))
    except ValidationError as exc:
        shown = exc.messages[:MAX_ERRORS_SHOWN]
        more = len(exc.messages) - len(shown)
        text = _("Nothing was loaded: %(reason)s") % {"reason": " · ".join(shown)}
        if more:
            text += " " + _("(and %(n)s more rows)") % {"n": more}
        messages.error(request, text)
    else:
        messages.success(
            request,
            _("Combined Nomenclature loaded: %(n)s eight-digit codes (%(rows)s lines).")
            % {"n": result.codes, "rows": result.rows},
        )
    return HttpResponseRedirect(request.path)


#: Bad rows named in the page's message after a refused CN file (the command lists them all).
MAX_ERRORS_SHOWN = 50


def _gunzip_bounded(raw: bytes, limit: int) -> bytes:
    """The unzipped bytes, refusing more than ``limit`` (a zip bomb stops there)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = decompressor.decompress(raw, limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The unzipped file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        )
    return data
