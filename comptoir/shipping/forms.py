"""Shipment forms: they validate what the user sent and give the services their values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.common.values import values_from_form
from comptoir.trade.incoterms import all_rules

from .inputs import ShipmentDetails, ShipmentLineValues
from .models import Mode, Shipment, ShipmentLine, Step

DETAIL_FIELDS = [
    "direction",
    "mode",
    "reference",
    "partner",
    "shipper",
    "consignee",
    "consignee_address",
    "notify",
    "carrier",
    "forwarder",
    "customs_broker",
    "incoterm",
    "incoterm_place",
    "payment_instrument",
    "origin_country",
    "destination_country",
    "place_of_loading",
    "loading_locode",
    "place_of_discharge",
    "discharge_locode",
    "place_of_delivery",
    "delivery_locode",
    "vessel",
    "voyage",
    "flight",
    "transport_document_number",
    "goods_description",
    "marks_and_numbers",
    "packages",
    "package_kind",
    "gross_weight_kg",
    "net_weight_kg",
    "volume_m3",
    "chargeable_weight_kg",
    "loading_metres",
    "temperature_min_c",
    "temperature_max_c",
    "handling_instructions",
    "value",
    "currency",
    "insured_value",
]

#: Fieldsets of the shipment form, in the order a coordinator fills them.
FIELDSETS: list[tuple[Any, list[str]]] = [
    (_("Shipment"), ["direction", "mode", "reference", "partner", "incoterm", "incoterm_place",
                     "payment_instrument"]),
    (_("Parties"), ["shipper", "consignee", "consignee_address", "notify", "carrier",
                    "forwarder", "customs_broker"]),
    (_("Route"), ["origin_country", "place_of_loading", "loading_locode", "destination_country",
                  "place_of_discharge", "discharge_locode", "place_of_delivery",
                  "delivery_locode", "vessel", "voyage", "flight",
                  "transport_document_number"]),
    (_("Goods"), ["goods_description", "marks_and_numbers", "packages", "package_kind",
                  "gross_weight_kg", "net_weight_kg", "volume_m3", "chargeable_weight_kg",
                  "loading_metres", "temperature_min_c", "temperature_max_c",
                  "handling_instructions", "value", "currency", "insured_value",
                  "notify_steps"]),
]  # fmt: skip


def _locode(value: str) -> str:
    code = value.replace(" ", "").upper()
    if code and (len(code) != 5 or not code[:2].isalpha() or not code[2:].isalnum()):
        raise forms.ValidationError(
            _("A UN/LOCODE is the country code and 3 letters or digits, e.g. FRLEH, MACAS.")
        )
    return code


class ShipmentForm(forms.ModelForm[Shipment]):
    notify_steps = forms.MultipleChoiceField(
        label=_("Inform the client by e-mail at"),
        choices=Step.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Shipment
        fields = DETAIL_FIELDS
        widgets = {
            "goods_description": forms.Textarea(attrs={"rows": 2}),
            "marks_and_numbers": forms.Textarea(attrs={"rows": 2}),
            "handling_instructions": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incoterm"] = forms.ChoiceField(
            label=_("Incoterm"), choices=[(rule.code, rule.code) for rule in all_rules()]
        )
        self.fields["origin_country"] = forms.ChoiceField(
            label=_("country of departure"), choices=country_field_choices()
        )
        self.fields["destination_country"] = forms.ChoiceField(
            label=_("country of destination"), choices=country_field_choices()
        )
        self.fields["currency"] = forms.ChoiceField(
            label=_("currency"), choices=currency_field_choices()
        )
        if self.instance.pk:
            self.initial["notify_steps"] = self.instance.steps_to_notify
        address = self.fields["consignee_address"]
        assert isinstance(address, forms.ModelChoiceField)
        company = self.instance.consignee_id or self.instance.partner_id
        if company and address.queryset is not None:
            address.queryset = address.queryset.filter(company_id=company)

    def clean_loading_locode(self) -> str:
        return _locode(self.cleaned_data.get("loading_locode") or "")

    def clean_discharge_locode(self) -> str:
        return _locode(self.cleaned_data.get("discharge_locode") or "")

    def clean_delivery_locode(self) -> str:
        return _locode(self.cleaned_data.get("delivery_locode") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gross, net = data.get("gross_weight_kg"), data.get("net_weight_kg")
        if gross is not None and net is not None and gross < net:
            self.add_error(
                "gross_weight_kg", _("The gross weight cannot be lower than the net weight.")
            )
        low, high = data.get("temperature_min_c"), data.get("temperature_max_c")
        if low is not None and high is not None and high < low:
            self.add_error("temperature_max_c", _("The maximum temperature is below the minimum."))
        return data

    def details(self) -> ShipmentDetails:
        return values_from_form(
            self, ShipmentDetails, notify_steps=tuple(self.cleaned_data.get("notify_steps") or ())
        )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in FIELDSETS]


class FromDeliveryForm(forms.Form):
    mode = forms.ChoiceField(label=_("mode of transport"), choices=Mode.choices)


class ShipmentLineForm(forms.ModelForm[ShipmentLine]):
    class Meta:
        model = ShipmentLine
        fields = [
            "product",
            "description",
            "hs_code",
            "origin_country",
            "quantity",
            "packages",
            "package_kind",
            "net_weight_kg",
            "gross_weight_kg",
            "value",
            "un_number",
            "dangerous_class",
            "packing_group",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gross, net = data.get("gross_weight_kg"), data.get("net_weight_kg")
        if gross is not None and net is not None and gross < net:
            self.add_error(
                "gross_weight_kg", _("The gross weight cannot be lower than the net weight.")
            )
        return data

    def line_values(self) -> ShipmentLineValues:
        return values_from_form(self, ShipmentLineValues)


LineFormSet = forms.inlineformset_factory(
    Shipment,
    ShipmentLine,
    form=ShipmentLineForm,
    extra=1,
    can_delete=True,
    max_num=500,
    validate_max=True,
)


def line_values(formset: Any) -> list[ShipmentLineValues]:
    return [
        form.line_values()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]
