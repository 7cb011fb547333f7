"""Shipment forms: they validate what the user sent and give the services their values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.common.values import values_from_form
from comptoir.trade.incoterms import all_rules

from .inputs import (
    ContainerValues,
    EventValues,
    MilestonePlan,
    ShipmentDetails,
    ShipmentLineValues,
)
from .models import Milestone, Mode, Shipment, ShipmentLine, Step

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


# ----------------------------------------------------------------------------- tracking

#: Container and trailer types offered on the containers form (ISO 6346 size-type codes
#: as forwarders write them); another code may be typed.
EQUIPMENT_CODES = ["20GP", "40GP", "40HC", "45HC", "20RF", "40RF", "40HR", "20OT", "40OT",
                   "20FR", "40FR", "20TK", "TRAILER"]  # fmt: skip


class EventForm(forms.Form):
    """An event entered by hand: when (in the user's time zone), the step it reaches if any,
    where, which container, what happened."""

    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In your time zone."),
    )
    step = forms.ChoiceField(
        label=_("Step reached"),
        choices=[("", _("— none (information) —")), *Step.choices],
        required=False,
    )
    description = forms.CharField(label=_("What happened"), max_length=300)
    location = forms.CharField(label=_("Place"), max_length=120, required=False)
    locode = forms.CharField(label=_("UN/LOCODE"), max_length=6, required=False)
    container_number = forms.ChoiceField(label=_("Container"), required=False)

    def __init__(self, *args: Any, containers: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if containers:
            field = self.fields["container_number"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), *((n, n) for n in containers)]
        else:
            del self.fields["container_number"]

    def clean_locode(self) -> str:
        return _locode(self.cleaned_data.get("locode") or "")

    def values(self) -> EventValues:
        data = self.cleaned_data
        return EventValues(
            occurred_at=data["occurred_at"],
            description=data["description"],
            step=data.get("step") or "",
            location=data.get("location") or "",
            locode=data.get("locode") or "",
            container_number=data.get("container_number") or "",
        )


class MilestonePlanForm(forms.Form):
    """The planned date and place of every step (the steps not on the route can be added)."""

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = {m.step: m for m in milestones}
        self.rows: list[tuple[str, Any, Milestone | None]] = []
        for step, label in Step.choices:
            milestone = existing.get(step)
            self.fields[f"{step}_date"] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=milestone.planned_on if milestone else None,
            )
            self.fields[f"{step}_place"] = forms.CharField(
                label=_("Place"),
                max_length=120,
                required=False,
                initial=milestone.location if milestone else "",
            )
            self.rows.append((step, label, milestone))
        self.existing = existing

    def step_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "step": step,
                "label": label,
                "milestone": milestone,
                "date": self[f"{step}_date"],
                "place": self[f"{step}_place"],
            }
            for step, label, milestone in self.rows
        ]

    def plans(self) -> list[MilestonePlan]:
        """A plan for each step on the route, and for a step added with a date or place."""
        plans = []
        for step, _label, _milestone in self.rows:
            date = self.cleaned_data.get(f"{step}_date")
            place = self.cleaned_data.get(f"{step}_place") or ""
            if step in self.existing or date or place:
                plans.append(MilestonePlan(step=step, planned_on=date, location=place))
        return plans


class ContainerForm(forms.Form):
    number = forms.CharField(
        label=_("Container number"), max_length=20, help_text=_("ISO 6346, e.g. MSCU1234566.")
    )
    equipment_code = forms.CharField(label=_("Type"), max_length=20, required=False)
    seal_number = forms.CharField(label=_("Seal number"), max_length=40, required=False)
    packages = forms.IntegerField(label=_("Packages"), min_value=0, required=False)
    gross_weight_kg = forms.DecimalField(
        label=_("Gross weight of the goods (kg)"),
        max_digits=12,
        decimal_places=3,
        min_value=0,
        required=False,
    )
    verified_gross_mass_kg = forms.DecimalField(
        label=_("VGM (kg)"),
        max_digits=12,
        decimal_places=1,
        min_value=0,
        required=False,
        help_text=_("SOLAS VI/2: container, goods and packing, declared before loading."),
    )

    def clean_number(self) -> str:
        from .services import container_number

        try:
            return container_number(self.cleaned_data["number"], "number")
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["number"]) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        goods, vgm = data.get("gross_weight_kg"), data.get("verified_gross_mass_kg")
        if goods is not None and vgm is not None and vgm <= goods:
            self.add_error(
                "verified_gross_mass_kg",
                _(
                    "The VGM is the container's tare plus the goods and their packing: it "
                    "cannot be at or below the goods' weight."
                ),
            )
        return data

    def values(self) -> ContainerValues:
        data = self.cleaned_data
        return ContainerValues(
            number=data["number"],
            seal_number=data.get("seal_number") or "",
            equipment_code=(data.get("equipment_code") or "").upper(),
            packages=data.get("packages"),
            gross_weight_kg=data.get("gross_weight_kg"),
            verified_gross_mass_kg=data.get("verified_gross_mass_kg"),
        )


class _ContainerFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            number = form.cleaned_data.get("number")
            if not number or form.cleaned_data.get("DELETE"):
                continue
            if number in seen:
                form.add_error("number", _("The same container is entered twice."))
            seen.add(number)


def container_values(formset: Any) -> list[ContainerValues]:
    """The containers kept (those shown unchanged included), the deleted ones left out."""
    return [
        form.values()
        for form in formset.forms
        if form.cleaned_data.get("number") and not form.cleaned_data.get("DELETE")
    ]


ContainerFormSet = forms.formset_factory(
    ContainerForm,
    formset=_ContainerFormSet,
    extra=2,
    can_delete=True,
    max_num=200,
    validate_max=True,
)


class StatusReportForm(forms.Form):
    file = forms.FileField(
        label=_("Status report (CSV or XLSX)"),
        help_text=_("One row per event; up to 10,000 rows and 5 MB."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the dates written without one"),
        help_text=_(
            "The zone of the forwarder's office, e.g. Asia/Shanghai for a report from Shanghai."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["time_zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = time_zone_choices()

    def clean_file(self) -> Any:
        from .status_report import MAX_FILE_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB: split it into several files.")
                % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


def time_zone_choices() -> list[tuple[str, str]]:
    import zoneinfo

    return [("UTC", "UTC")] + [
        (zone, zone) for zone in sorted(zoneinfo.available_timezones()) if "/" in zone
    ]
