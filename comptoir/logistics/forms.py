"""Forms of the load plans and of the container and truck types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from comptoir.catalog.models import Product
from comptoir.common.choices import currency_field_choices
from comptoir.common.dates import current_language
from comptoir.parties.models import Company
from comptoir.trade.packing.limits import MAX_BOXES, MAX_DIMENSION, MAX_STOPS, MAX_WEIGHT

from . import selectors
from .inputs import (
    EquipmentValues,
    FreightPrices,
    PlanHeader,
    PlanLineValues,
    PlanOptions,
    cartons_for,
    too_many_cartons,
)
from .models import Equipment, LoadPlan, LoadPlanLine


def price_field_name(code: str) -> str:
    return f"price_{code}"


class LoadPlanForm(forms.ModelForm[LoadPlan]):
    """The plan's header, options and one freight price field per active vehicle type."""

    currency = forms.ChoiceField(
        label=gettext_lazy("Currency of the freight prices"),
        choices=currency_field_choices,
        initial="EUR",
    )

    class Meta:
        model = LoadPlan
        fields = [
            "title",
            "client",
            "destination",
            "pallet",
            "max_pallet_height_cm",
            "pallet_overhang_cm",
            "stackable_pallets",
            "single_product_pallets",
            "currency",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Company.objects.order_by("name")  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["pallet_overhang_cm"].required = False  # empty = no overhang
        language = current_language()
        self.equipment = selectors.active_equipment()
        prices = (self.instance.prices or {}) if self.instance.pk else {}
        for e in self.equipment:
            name = price_field_name(e.code)
            self.fields[name] = forms.DecimalField(
                label=e.name(language),
                required=False,
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
            )
            if self.instance.pk:
                self.initial[name] = prices.get(e.code)
            elif e.freight_price is not None:
                self.initial[name] = e.freight_price

    def price_fields(self) -> list[forms.BoundField]:
        return [self[price_field_name(e.code)] for e in self.equipment]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not any(data.get(price_field_name(e.code)) is not None for e in self.equipment):
            self.add_error(
                None,
                translation.gettext(
                    "Enter a freight price for at least one container or truck type: "
                    "only the priced types are compared."
                ),
            )
        return data

    def header(self) -> PlanHeader:
        data = self.cleaned_data
        return PlanHeader(
            title=data["title"],
            client=data.get("client"),
            destination=data.get("destination") or "",
            notes=data.get("notes") or "",
        )

    def options(self) -> PlanOptions:
        data = self.cleaned_data
        return PlanOptions(
            pallet=data["pallet"],
            max_pallet_height_cm=data["max_pallet_height_cm"],
            stackable_pallets=bool(data.get("stackable_pallets")),
            single_product_pallets=bool(data.get("single_product_pallets")),
            pallet_overhang_cm=data.get("pallet_overhang_cm") or Decimal("0"),
        )

    def freight_prices(self) -> FreightPrices:
        by_code = {}
        for e in self.equipment:
            value = self.cleaned_data.get(price_field_name(e.code))
            if value is not None:
                by_code[e.code] = value
        return FreightPrices(self.cleaned_data["currency"], by_code)


class LoadPlanLineForm(forms.ModelForm[LoadPlanLine]):
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity (units)"),
        min_value=1,
        widget=forms.NumberInput(attrs={"min": 1, "step": 1}),
    )

    stop = forms.IntegerField(
        label=gettext_lazy("Delivery stop"),
        min_value=1,
        max_value=MAX_STOPS,
        required=False,  # blank is stop 1, the single-drop load (no initial value: an empty
        # extra line must stay unchanged so that the formset skips it)
        help_text=gettext_lazy("1 = delivered first; the last stop is loaded first."),
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_STOPS, "step": 1, "placeholder": "1"}),
    )
    stop_place = forms.CharField(
        label=gettext_lazy("Consignee or place"),
        max_length=120,
        required=False,
    )

    class Meta:
        model = LoadPlanLine
        fields = ["product", "quantity", "stop", "stop_place"]

    def clean_stop(self) -> int:
        return self.cleaned_data.get("stop") or 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new line shows its stop blank (stop 1), so an
            self.initial.pop("stop", None)  # empty extra line stays unchanged and skipped
        self.fields["product"].queryset = Product.objects.filter(is_active=True)  # type: ignore[attr-defined]  # a ModelChoiceField
        language = current_language()
        self.fields["product"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.reference} — {p.name(language)}"
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        product, quantity = data.get("product"), data.get("quantity")
        if product is not None and quantity and cartons_for(product, quantity) > MAX_BOXES:
            self.add_error("quantity", too_many_cartons(cartons_for(product, quantity)))
        return data


class BaseLineFormSet(forms.BaseInlineFormSet[LoadPlanLine, LoadPlan, LoadPlanLineForm]):
    """The lines of a plan; all of them together stay within the engine's limit."""

    def line_values(self) -> list[PlanLineValues]:
        """The lines kept, as values (a stored line keeps its id; removed ones are left out)."""
        out = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("product") or not data.get("quantity"):
                continue
            out.append(
                PlanLineValues(
                    data["product"],
                    data["quantity"],
                    form.instance.pk,
                    stop=data.get("stop") or 1,
                    stop_place=data.get("stop_place") or "",
                )
            )
        return out

    def clean(self) -> None:
        super().clean()
        total = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("product") or not data.get("quantity"):
                continue
            total += cartons_for(data["product"], data["quantity"])
        if total > MAX_BOXES:
            raise forms.ValidationError(too_many_cartons(total))
        places: dict[int, str] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            place = (data.get("stop_place") or "").strip()
            if data.get("DELETE") or not data.get("product") or not place:
                continue
            stop = data.get("stop") or 1
            if places.setdefault(stop, place) != place:
                form.add_error(
                    "stop_place",
                    translation.gettext(
                        "Stop %(stop)d is named both “%(one)s” and “%(other)s”: one stop is "
                        "one place; give the other place its own stop number."
                    )
                    % {"stop": stop, "one": places[stop], "other": place},
                )


LineFormSet = cast(
    type[BaseLineFormSet],
    forms.inlineformset_factory(
        LoadPlan,
        LoadPlanLine,
        form=LoadPlanLineForm,
        formset=BaseLineFormSet,
        extra=3,
        can_delete=True,
        min_num=1,
        validate_min=True,
    ),
)


class EquipmentForm(forms.ModelForm[Equipment]):
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )

    class Meta:
        model = Equipment
        fields = [
            "code",
            "name_fr",
            "name_en",
            "kind",
            "length_cm",
            "width_cm",
            "height_cm",
            "door_height_cm",
            "door_width_cm",
            "max_payload_kg",
            "freight_price",
            "currency",
            "is_active",
            "axle_layout",
            "front_support_cm",
            "front_tare_kg",
            "front_limit_kg",
            "rear_axles_cm",
            "rear_tare_kg",
            "rear_limit_kg",
        ]

    def values(self) -> EquipmentValues:
        data = self.cleaned_data
        return EquipmentValues(
            code=data["code"],
            name_fr=data["name_fr"],
            name_en=data["name_en"],
            kind=data["kind"],
            length_cm=data["length_cm"],
            width_cm=data["width_cm"],
            height_cm=data["height_cm"],
            max_payload_kg=data["max_payload_kg"],
            door_height_cm=data.get("door_height_cm"),
            door_width_cm=data.get("door_width_cm"),
            freight_price=data.get("freight_price"),
            currency=data["currency"],
            is_active=bool(data.get("is_active")),
            axle_layout=data.get("axle_layout") or "",
            front_support_cm=data.get("front_support_cm"),
            front_tare_kg=data.get("front_tare_kg"),
            front_limit_kg=data.get("front_limit_kg"),
            rear_axles_cm=data.get("rear_axles_cm"),
            rear_tare_kg=data.get("rear_tare_kg"),
            rear_limit_kg=data.get("rear_limit_kg"),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        height, door = data.get("height_cm"), data.get("door_height_cm")
        if height is not None and door is not None and door > height:
            self.add_error(
                "door_height_cm",
                translation.gettext("The door cannot be higher than the inner height."),
            )
        for name in ("length_cm", "width_cm", "height_cm"):
            if data.get(name) is not None and data[name] > MAX_DIMENSION:
                self.add_error(
                    name,
                    translation.gettext("At most %(max)s cm: the load planner's largest size.")
                    % {"max": MAX_DIMENSION},
                )
        payload = data.get("max_payload_kg")
        if payload is not None and payload > MAX_WEIGHT:
            self.add_error(
                "max_payload_kg",
                translation.gettext("At most %(max)s kg: the load planner's largest weight.")
                % {"max": MAX_WEIGHT},
            )
        width, door_w = data.get("width_cm"), data.get("door_width_cm")
        if width is not None and door_w is not None and door_w > width:
            self.add_error(
                "door_width_cm",
                translation.gettext("The door cannot be wider than the inner width."),
            )
        return data
