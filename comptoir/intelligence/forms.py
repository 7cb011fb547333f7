"""Forms of the market intelligence area: they validate what was typed and give the services
typed values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.common.dates import current_language
from comptoir.parties.models import Company

from .inputs import AlertValues, DocumentValues, LinkValues, SourceValues
from .models import Alert, CustomsTopic, Item, Reliability, Source, SourceKind, Theme
from .services import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _country_field(label: Any, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=required, choices=[])


def _countries() -> list[tuple[str, str]]:
    return [("", "—"), *countries.country_choices(current_language())]


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=SourceKind.choices)
    url = forms.CharField(
        label=_("Address"),
        max_length=1000,
        required=False,
        help_text=_("The feed's or the page's address (http:// or https://); none for documents."),
    )
    country = _country_field(_("Country"))
    sector = forms.CharField(
        label=_("Sector"),
        max_length=100,
        required=False,
        help_text=_("e.g. cookware, hotel and restaurant trade, retail."),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", "—"), ("fr", "Français"), ("en", "English"), ("de", "Deutsch"),
                 ("es", "Español"), ("it", "Italiano"), ("ja", "日本語"), ("ar", "العربية")],
    )  # fmt: skip
    reliability = forms.TypedChoiceField(
        label=_("Reliability"),
        choices=Reliability.choices,
        coerce=int,
        initial=Reliability.UNKNOWN,
        help_text=_(
            "1: official or confirmed (customs, ministries, the EU Official Journal); "
            "5: not yet rated."
        ),
    )
    poll_every_hours = forms.IntegerField(
        label=_("Read every (hours)"),
        min_value=1,
        max_value=720,
        initial=24,
        help_text=_("1 to 720 hours (30 days)."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _countries()  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(source: Source) -> dict[str, Any]:
        return {
            name: getattr(source, name)
            for name in ("name", "kind", "url", "country", "sector", "theme", "language",
                         "reliability", "poll_every_hours", "active")
        }  # fmt: skip

    def values(self) -> SourceValues:
        data = self.cleaned_data
        return SourceValues(
            name=data["name"],
            kind=data["kind"],
            url=data.get("url") or "",
            country=data.get("country") or "",
            sector=data.get("sector") or "",
            theme=data["theme"],
            language=data.get("language") or "",
            reliability=data["reliability"],
            poll_every_hours=data["poll_every_hours"],
            active=data["active"],
        )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, text or HTML, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DATE)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is too big: at most 10 MB."))
        return upload

    def values(self) -> DocumentValues:
        data = self.cleaned_data
        upload = data["file"]
        return DocumentValues(
            filename=upload.name,
            content=b"".join(upload.chunks()),
            title=data.get("title") or "",
            published_on=data.get("published_on"),
        )


class AlertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    shared = forms.BooleanField(
        label=_("Shared with the team"),
        required=False,
        help_text=_("Unticked: the alert is yours (your home page and your digest)."),
    )
    terms = forms.CharField(
        label=_("Keywords and phrases"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line, in French or English. Plurals and accents do not matter. "
            'Words on one line must all appear; "words in quotes" must appear in this order.'
        ),
    )
    excluded = forms.CharField(
        label=_("Excluded words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("An item with one of these is not matched."),
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("Any theme")), *Theme.choices]
    )
    country = _country_field(_("Country"))
    products = forms.ModelMultipleChoiceField(
        label=_("Products"),
        queryset=Product.objects.filter(is_active=True).order_by("reference"),
        required=False,
        help_text=_("The item must name one of these products too."),
    )
    competitor = forms.ModelChoiceField(
        label=_("Competitor"),
        queryset=Company.objects.order_by("name"),
        required=False,
        help_text=_("The item must name this company too."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["country"].choices = _countries()  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(alert: Alert) -> dict[str, Any]:
        return {
            "name": alert.name,
            "shared": alert.owner_id is None,
            "terms": alert.terms,
            "excluded": alert.excluded,
            "theme": alert.theme,
            "country": alert.country,
            "products": list(alert.products.all()),
            "competitor": alert.competitor,
            "active": alert.active,
        }

    def values(self, owner: User | None = None) -> AlertValues:
        data = self.cleaned_data
        return AlertValues(
            name=data["name"],
            owner=None if data["shared"] else (owner or self.user),
            terms=data.get("terms") or "",
            excluded=data.get("excluded") or "",
            theme=data.get("theme") or "",
            country=data.get("country") or "",
            products=tuple(data.get("products") or ()),
            competitor=data.get("competitor"),
            active=data["active"],
        )


class LinkForm(forms.Form):
    products = forms.ModelMultipleChoiceField(
        label=_("Products concerned"),
        queryset=Product.objects.filter(is_active=True).order_by("reference"),
        required=False,
    )
    countries = forms.CharField(
        label=_("Countries concerned"),
        max_length=400,
        required=False,
        help_text=_("ISO codes separated by commas, e.g. CN, VN."),
    )
    cn_code = forms.CharField(
        label=_("CN code"),
        max_length=14,
        required=False,
        help_text=_(
            "The code or its first digits (7323: all table and kitchen articles of steel)."
        ),
    )
    customs_topic = forms.ChoiceField(
        label=_("Customs topic"), required=False, choices=[("", "—"), *CustomsTopic.choices]
    )
    link_note = forms.CharField(label=_("Why it matters"), max_length=500, required=False)

    @staticmethod
    def initial_from(item: Item) -> dict[str, Any]:
        return {
            "products": list(item.products.all()),
            "countries": ", ".join(item.countries.values_list("country", flat=True)),
            "cn_code": item.cn_code,
            "customs_topic": item.customs_topic,
            "link_note": item.link_note,
        }

    def values(self) -> LinkValues:
        data = self.cleaned_data
        return LinkValues(
            products=tuple(data.get("products") or ()),
            countries=tuple(c for c in (data.get("countries") or "").replace(";", ",").split(",")),
            cn_code=data.get("cn_code") or "",
            customs_topic=data.get("customs_topic") or "",
            link_note=data.get("link_note") or "",
        )
