"""Forms of the communication materials: they validate what was typed and build the typed
values the services take; they never save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.catalog.models import PriceList, Product
from comptoir.common.choices import currency_field_choices

from . import images
from .inputs import (
    CharterValues,
    FeedLinkValues,
    LineValues,
    LogoUpload,
    MaterialValues,
    ProfileValues,
    VisualValues,
)
from .models import FONTS, Material, ProductProfile

COLOUR = {"type": "color"}


class CharterForm(forms.Form):
    primary_colour = forms.CharField(
        label=gettext_lazy("primary colour"),
        max_length=7,
        widget=forms.TextInput(COLOUR),
        help_text=gettext_lazy("Title bars and table headers."),
    )
    text_on_primary = forms.CharField(
        label=gettext_lazy("text colour on the primary colour"),
        max_length=7,
        widget=forms.TextInput(COLOUR),
        help_text=gettext_lazy("Contrast of at least 4.5:1 with the primary colour (WCAG 2.1)."),
    )
    secondary_colour = forms.CharField(
        label=gettext_lazy("secondary colour"),
        max_length=7,
        widget=forms.TextInput(COLOUR),
        help_text=gettext_lazy("Headings on the white page: contrast of at least 3:1."),
    )
    accent_colour = forms.CharField(
        label=gettext_lazy("accent colour"),
        max_length=7,
        widget=forms.TextInput(COLOUR),
        help_text=gettext_lazy("Lines, badges, promotional prices."),
    )
    heading_font = forms.ChoiceField(label=gettext_lazy("heading font"), choices=FONTS)
    body_font = forms.ChoiceField(label=gettext_lazy("body font"), choices=FONTS)
    logo = forms.FileField(
        label=gettext_lazy("logo"),
        required=False,
        help_text=gettext_lazy(
            "PNG, JPEG or SVG; 5 MB at most. Scripts and links in an SVG are removed."
        ),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("remove the logo"), required=False)
    tagline_fr = forms.CharField(
        label=gettext_lazy("tagline (French)"), max_length=160, required=False
    )
    tagline_en = forms.CharField(
        label=gettext_lazy("tagline (English)"), max_length=160, required=False
    )
    footer_fr = forms.CharField(
        label=gettext_lazy("footer (French)"), max_length=300, required=False
    )
    footer_en = forms.CharField(
        label=gettext_lazy("footer (English)"), max_length=300, required=False
    )
    legal_fr = forms.CharField(
        label=gettext_lazy("legal mentions (French)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=gettext_lazy(
            "Empty: company name, address, SIREN and VAT number from our company data."
        ),
    )
    legal_en = forms.CharField(
        label=gettext_lazy("legal mentions (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )

    def clean_logo(self) -> Any:
        upload = self.cleaned_data.get("logo")
        if upload and upload.size > images.MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too big: %(limit)s MB at most.") % {"limit": 5})
        return upload

    def values(self) -> CharterValues:
        data = self.cleaned_data
        return CharterValues(**{k: data[k] for k in CharterValues.__dataclass_fields__})

    def logo_upload(self) -> LogoUpload | None:
        upload = self.cleaned_data.get("logo")
        if self.cleaned_data.get("remove_logo"):
            return LogoUpload(remove=True)
        if upload:
            return LogoUpload(content=upload.read(), filename=upload.name or "")
        return None


class ProfileForm(forms.ModelForm[ProductProfile]):
    class Meta:
        model = ProductProfile
        fields = [
            "category_fr",
            "category_en",
            "selling_points_fr",
            "selling_points_en",
            "certifications",
            "availability",
            "lead_time_days",
        ]
        widgets = {
            "selling_points_fr": forms.Textarea({"rows": 3}),
            "selling_points_en": forms.Textarea({"rows": 3}),
            "certifications": forms.Textarea({"rows": 3}),
        }
        help_texts = {
            "selling_points_fr": gettext_lazy("One per line."),
            "selling_points_en": gettext_lazy("One per line."),
        }

    def values(self) -> ProfileValues:
        return ProfileValues(**{k: self.cleaned_data[k] for k in self.Meta.fields})


class VisualForm(forms.Form):
    image = forms.FileField(
        label=gettext_lazy("photo"), help_text=gettext_lazy("PNG or JPEG, 5 MB at most.")
    )
    caption_fr = forms.CharField(
        label=gettext_lazy("caption (French)"), max_length=200, required=False
    )
    caption_en = forms.CharField(
        label=gettext_lazy("caption (English)"), max_length=200, required=False
    )
    order = forms.IntegerField(label=gettext_lazy("order"), min_value=0, max_value=99, initial=0)

    def clean_image(self) -> Any:
        upload = self.cleaned_data["image"]
        if upload.size > images.MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too big: %(limit)s MB at most.") % {"limit": 5})
        return upload

    def values(self) -> VisualValues:
        data = self.cleaned_data
        return VisualValues(
            content=data["image"].read(),
            caption_fr=data["caption_fr"],
            caption_en=data["caption_en"],
            order=data["order"] or 0,
        )


class MaterialForm(forms.ModelForm[Material]):
    """The material; its products are chosen by category or one by one, with promotional
    prices typed as ``REFERENCE=price`` lines."""

    products = forms.ModelMultipleChoiceField(
        label=gettext_lazy("products"),
        queryset=Product.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple({"size": 10}),
    )
    category = forms.CharField(
        label=gettext_lazy("or every product of the category"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("Added to the products chosen."),
    )
    promotional_prices = forms.CharField(
        label=gettext_lazy("promotional prices"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=gettext_lazy("One line per product: reference=price, e.g. CAS-24=49.90."),
    )

    class Meta:
        model = Material
        fields = [
            "kind",
            "title_fr",
            "title_en",
            "language",
            "market",
            "price_list",
            "currency",
            "rate_date",
            "incoterm",
            "place",
            "valid_from",
            "valid_until",
            "payment_terms_fr",
            "payment_terms_en",
            "discount_percent",
            "intro_fr",
            "intro_en",
            "conditions_fr",
            "conditions_en",
            "call_to_action_fr",
            "call_to_action_en",
        ]
        widgets = {
            "rate_date": forms.DateInput({"type": "date"}),
            "valid_from": forms.DateInput({"type": "date"}),
            "valid_until": forms.DateInput({"type": "date"}),
            "intro_fr": forms.Textarea({"rows": 4}),
            "intro_en": forms.Textarea({"rows": 4}),
            "conditions_fr": forms.Textarea({"rows": 2}),
            "conditions_en": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        price_list = self.fields["price_list"]
        assert isinstance(price_list, forms.ModelChoiceField)
        price_list.queryset = PriceList.objects.filter(is_active=True)
        self.fields["currency"].widget = forms.Select(
            choices=[("", "—"), *currency_field_choices()]
        )
        if self.instance.pk:
            lines = list(self.instance.lines.select_related("product").order_by("order"))
            self.initial["products"] = [line.product_id for line in lines]
            self.initial["promotional_prices"] = "\n".join(
                f"{line.product.reference}={line.promotional_price}"
                for line in lines
                if line.promotional_price is not None
            )

    def clean_promotional_prices(self) -> dict[str, Any]:
        from decimal import Decimal, InvalidOperation

        prices: dict[str, Decimal] = {}
        for number, line in enumerate(self.cleaned_data["promotional_prices"].splitlines(), 1):
            if not line.strip():
                continue
            reference, _sep, price = line.partition("=")
            try:
                prices[reference.strip().upper()] = Decimal(price.strip().replace(",", "."))
            except InvalidOperation:
                raise ValidationError(
                    _("Line %(number)s: write reference=price, e.g. CAS-24=49.90.")
                    % {"number": number}
                ) from None
        if len(prices) > 500:
            raise ValidationError(_("500 lines at most."))
        return prices

    def chosen_products(self) -> list[Product]:
        from . import selectors

        chosen = list(self.cleaned_data.get("products") or [])
        category = (self.cleaned_data.get("category") or "").strip()
        if category:
            seen = {p.pk for p in chosen}
            chosen += [p for p in selectors.products_in_category(category) if p.pk not in seen]
        return chosen

    def values(self) -> MaterialValues:
        data = self.cleaned_data
        prices = data["promotional_prices"]
        products = self.chosen_products()
        unknown = set(prices) - {p.reference.upper() for p in products}
        if unknown:
            raise ValidationError(
                {
                    "promotional_prices": _("Not among the products chosen: %(refs)s.")
                    % {"refs": ", ".join(sorted(unknown))}
                }
            )
        lines = tuple(
            LineValues(product=p, promotional_price=prices.get(p.reference.upper()))
            for p in products
        )
        fields: dict[str, Any] = {
            k: data[k] if data[k] is not None else MaterialValues.__dataclass_fields__[k].default
            for k in self.Meta.fields
        }
        return MaterialValues(lines=lines, **fields)


class FeedLinkForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=120,
        help_text=gettext_lazy("Who reads it, e.g. website."),
    )
    price_list = forms.ModelChoiceField(
        label=gettext_lazy("price list"), queryset=PriceList.objects.filter(is_active=True)
    )

    def values(self) -> FeedLinkValues:
        return FeedLinkValues(
            name=self.cleaned_data["name"], price_list=self.cleaned_data["price_list"]
        )
