"""The page ``/calculators/lc-check/``: check documents under a documentary credit.

The user pastes or uploads a CHECK.json (issue 14's contract, as for ``comptoir lc check``
and ``POST /api/lc/check``), or starts from one of the bundled examples
(``docs/examples/lc/*.json``). The page shows the verdict, the last day for presentation,
the discrepancies (code, document, field, rule, message) and the reasoning, in the user's
language. Nothing is stored, so read-only users may check too (the form posts, as a
document set is too long for a URL).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Final

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from comptoir.trade import lc_check
from comptoir.trade.errors import TradeInputError

from .texts import translate

#: Largest CHECK.json accepted, pasted or uploaded (as the CLI's 1 MB).
MAX_INPUT_BYTES: Final = 1_000_000
#: The bundled examples (a checkout of the repository; none when installed elsewhere).
EXAMPLES_DIR: Final = Path(__file__).resolve().parents[2] / "docs" / "examples" / "lc"

DOCUMENT_LABELS: Final = {
    "commercial_invoice": gettext_lazy("Commercial invoice"),
    "bill_of_lading": gettext_lazy("Bill of lading"),
    "insurance": gettext_lazy("Insurance document"),
    "packing_list": gettext_lazy("Packing list"),
    "certificate_of_origin": gettext_lazy("Certificate of origin"),
    "presentation": gettext_lazy("Presentation"),
}


def examples() -> dict[str, Path]:
    """The bundled examples by name (file name without ``.json``), sorted."""
    if not EXAMPLES_DIR.is_dir():
        return {}
    return {path.stem: path for path in sorted(EXAMPLES_DIR.glob("*.json"))}


class CheckForm(forms.Form):
    payload = forms.CharField(
        label=gettext_lazy("CHECK.json: the credit and the presented documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "class": "mono"}),
        help_text=gettext_lazy(
            'Paste {"credit": {...}, "presentation": {...}} (see the documentation) or upload '
            "the file below."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("or a CHECK.json file (1 MB at most)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_INPUT_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %(size)s bytes.") % {"size": MAX_INPUT_BYTES}
                )
            raw = upload.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        else:
            text = data.get("payload") or ""
        if not text.strip():
            raise forms.ValidationError(_("Paste the CHECK.json or upload it."))
        if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            raise forms.ValidationError(
                _("The input is larger than %(size)s bytes.") % {"size": MAX_INPUT_BYTES}
            )
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("The input is not valid JSON: %(error)s (line %(line)s, column %(column)s).")
                % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
            ) from None
        if not isinstance(parsed, dict):
            raise forms.ValidationError(_("The input must be a JSON object {...}."))
        data["parsed"] = parsed
        data["text"] = text
        return data


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def page(request: HttpRequest) -> HttpResponse:
    """Check a CHECK.json (POST) or show the form, filled from an example (GET ?example=)."""
    available = examples()
    result: dict[str, Any] | None = None
    error: dict[str, str | None] | None = None
    chosen = request.GET.get("example", "")
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = lc_check.check_presentation(
                    form.cleaned_data["parsed"], language=_language(), translate=translate
                )
            except TradeInputError as exc:
                error = {"message": exc.message, "field": exc.field}
            if form.cleaned_data.get("file") is not None:
                # Show what was checked, so that it can be corrected and checked again.
                form = CheckForm(initial={"payload": form.cleaned_data["text"]})
    else:
        path = available.get(chosen) or next(iter(available.values()), None)
        initial = path.read_text(encoding="utf-8") if path is not None else ""
        form = CheckForm(initial={"payload": initial})
    rows = []
    if result is not None:
        rows = [
            {**d, "document_label": DOCUMENT_LABELS.get(d["document"], d["document"])}
            for d in result["discrepancies"]
        ]
    return render(
        request,
        "calculators/lc_check.html",
        {
            "form": form,
            "result": result,
            "rows": rows,
            "last_date": date.fromisoformat(result["last_presentation_date"]) if result else None,
            "error": error,
            "examples": list(available),
            "chosen": chosen,
        },
    )
