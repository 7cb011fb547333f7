from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.common.values import values_from_form
from comptoir.trade.nomenclature import format_cn

from . import hs_index, selectors
from .models import PriceList, PriceListItem, Product
from .values import PriceListValues, PriceValues, ProductValues


def _digits(value: object) -> str:
    """A code as typed ("7323 92 00", "7323.92.00") without its spaces, dots and dashes."""
    return "".join(str(value or "").replace(".", "").replace("-", "").split())


class ProductForm(forms.ModelForm[Product]):
    origin_country = forms.ChoiceField(
        label=gettext_lazy("Country of origin"), choices=country_field_choices
    )
    cost_currency = forms.ChoiceField(
        label=gettext_lazy("Cost currency"), choices=currency_field_choices, initial="EUR"
    )
    # Wider than the stored codes so that "7323.92" or "7323 92 00" can be typed; cleaned to digits.
    cn_code = forms.CharField(
        label=gettext_lazy("CN code"),
        max_length=14,
        required=False,
        help_text=gettext_lazy(
            "8-digit Combined Nomenclature code (customs, EMEBI); the HS code is its first six "
            "digits."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "placeholder": "7323 92 00",
                # the code's path (chapter > heading > subheading > code) shown as it is typed
                "hx-get": reverse_lazy("catalog:cn_lookup"),
                "hx-trigger": "load, input changed delay:300ms, change",
                "hx-target": "#cn-path",
                "hx-sync": "this:replace",
                "aria-describedby": "cn-path",
            }
        ),
    )
    taric_code = forms.CharField(
        label=gettext_lazy("TARIC code"),
        max_length=16,
        required=False,
        help_text=gettext_lazy("Optional: 10 digits, the CN code and 2 TARIC digits."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=12,
        required=False,
        help_text=gettext_lazy(
            "6-digit Harmonized System subheading: filled from the CN code; type it only for a "
            "product without a CN code."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    class Meta:
        model = Product
        fields = [
            "reference",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "cn_code",
            "taric_code",
            "hs_code",
            "origin_country",
            "net_weight_kg",
            "gross_weight_kg",
            "length_cm",
            "width_cm",
            "height_cm",
            "units_per_carton",
            "carton_length_cm",
            "carton_width_cm",
            "carton_height_cm",
            "carton_gross_weight_kg",
            "cartons_per_pallet",
            "carton_this_side_up",
            "carton_max_load_kg",
            "un_number",
            "dangerous_class",
            "packing_group",
            "cost_price",
            "cost_currency",
            "is_active",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_hs_code(self) -> str:
        code = _digits(self.cleaned_data.get("hs_code"))
        if len(code) == 6 and code.isdigit() and hs_index.is_loaded() and not hs_index.exists(code):
            raise forms.ValidationError(
                _("%(code)s is not a subheading of the loaded HS nomenclature.") % {"code": code}
            )
        return code

    def clean_cn_code(self) -> str:
        typed = self.cleaned_data.get("cn_code") or ""
        code = _digits(typed)
        if not code:
            if selectors.cn_loaded() and not (self.instance.pk and not self.instance.cn_code):
                # Required once a CN is loaded; a product saved before without one keeps working.
                raise forms.ValidationError(
                    _("Give the product's 8-digit CN code (e.g. 7323 92 00).")
                )
            return ""
        if not code.isdigit() or len(code) != 8:
            raise forms.ValidationError(
                _("A CN code has 8 digits (the HS subheading and 2 EU digits), not %(code)s.")
                % {"code": typed}
            )
        if selectors.cn_loaded() and not selectors.cn_exists(code):
            raise forms.ValidationError(
                _("%(code)s is not a code of the loaded Combined Nomenclature.")
                % {"code": format_cn(code)}
            )
        return code

    def clean_taric_code(self) -> str:
        typed = self.cleaned_data.get("taric_code") or ""
        code = _digits(typed)
        if code and (not code.isdigit() or len(code) != 10):
            raise forms.ValidationError(
                _("A TARIC code has 10 digits (the CN code and 2 digits), not %(code)s.")
                % {"code": typed}
            )
        return code

    def clean_un_number(self) -> str:
        value = (self.cleaned_data.get("un_number") or "").replace(" ", "").upper()
        if value.isdigit():
            value = "UN" + value
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("dangerous_class") or data.get("packing_group")) and not data.get("un_number"):
            self.add_error(
                "un_number", _("A hazard class or packing group needs the product's UN number.")
            )
        cn, taric, hs = data.get("cn_code"), data.get("taric_code"), data.get("hs_code")
        if cn:
            if hs and hs != cn[:6] and "hs_code" in self.changed_data:
                self.add_error(
                    "hs_code",
                    _("The HS code is the first six digits of the CN code: %(hs)s.")
                    % {"hs": cn[:6]},
                )
            data["hs_code"] = cn[:6]
        elif "hs_code" in data and not hs:
            self.add_error("hs_code", _("Give the CN code, or at least the 6-digit HS code."))
        elif hs and (len(hs) != 6 or not hs.isdigit()):
            self.add_error("hs_code", _("An HS code has exactly 6 digits."))
        if taric and not cn and "cn_code" in data:
            self.add_error("taric_code", _("Give the CN code first: TARIC extends it."))
        elif taric and cn and not taric.startswith(cn):
            self.add_error(
                "taric_code",
                _("The TARIC code must start with the CN code %(cn)s.") % {"cn": cn},
            )
        net, gross = data.get("net_weight_kg"), data.get("gross_weight_kg")
        if net is not None and gross is not None and gross < net:
            self.add_error(
                "gross_weight_kg", _("The gross weight cannot be lower than the net weight.")
            )
        carton_fields = [
            "units_per_carton",
            "carton_length_cm",
            "carton_width_cm",
            "carton_height_cm",
            "carton_gross_weight_kg",
        ]
        given = [f for f in carton_fields if data.get(f) not in (None, "")]
        if given and len(given) != len(carton_fields):
            for f in carton_fields:
                if f not in given:
                    self.add_error(f, _("Give the whole carton: units, dimensions and weight."))
        units, carton_weight = data.get("units_per_carton"), data.get("carton_gross_weight_kg")
        if units and carton_weight is not None and net is not None and carton_weight < net * units:
            self.add_error(
                "carton_gross_weight_kg",
                _("A carton weighs at least its units' net weight (%(w)s kg).")
                % {"w": net * units},
            )
        return data

    def values(self) -> ProductValues:
        return values_from_form(self, ProductValues)


class PriceListForm(forms.ModelForm[PriceList]):
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )

    class Meta:
        model = PriceList
        fields = [
            "name",
            "currency",
            "market",
            "incoterm",
            "valid_from",
            "valid_until",
            "is_active",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date is before the start date."))
        return data

    def values(self) -> PriceListValues:
        return values_from_form(self, PriceListValues)


class PriceListItemForm(forms.ModelForm[PriceListItem]):
    class Meta:
        model = PriceListItem
        fields = ["product", "min_quantity", "unit_price"]

    def __init__(self, *args: Any, price_list: PriceList | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.price_list = price_list
        product = self.fields["product"]
        assert isinstance(product, forms.ModelChoiceField)
        product.queryset = Product.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.price_list and data.get("product") and data.get("min_quantity"):
            clash = PriceListItem.objects.filter(
                price_list=self.price_list,
                product=data["product"],
                min_quantity=data["min_quantity"],
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "min_quantity", _("This product already has a price from this quantity.")
                )
        return data

    def values(self) -> PriceValues:
        return values_from_form(self, PriceValues)
