"""The filter form of a dashboard: only the filters its spec names, read from the query
string (screen, XLSX and API alike) into :class:`ReportFilters`.

The period is a preset (this month, last month, this quarter, year to date, last year) or
custom dates; a custom period is bounded (``MAX_PERIOD_DAYS``) so that no request asks for
unbounded work. A bad value is an error of the form naming the field, never a 500.

The sales objectives' form validates what was typed and builds the typed values the
services take."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.catalog import selectors as catalog
from comptoir.common.choices import country_field_choices
from comptoir.common.dates import current_language
from comptoir.parties import selectors as parties
from comptoir.parties.models import Company, Zone
from comptoir.sales.models import TransportMode

from .filters import Period, ReportFilters
from .inputs import SalesObjectiveValues
from .models import SalesObjective
from .registry import DashboardSpec

#: The longest custom period (about five years): its cost stays bounded.
MAX_PERIOD_DAYS = 5 * 366
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)

PRESETS = (
    ("this_month", _("This month")),
    ("last_month", _("Last month")),
    ("this_quarter", _("This quarter")),
    ("year_to_date", _("Year to date")),
    ("last_year", _("Last year")),
    ("custom", _("Custom dates")),
)
DEFAULT_PRESET = "year_to_date"

#: ReportFilters field -> query parameter (the spec may name either).
PARAMETERS = {
    "period": "period",
    "compare": "compare",
    "country": "country",
    "zone_id": "zone",
    "client_id": "client",
    "supplier_id": "supplier",
    "product_id": "product",
    "agent_id": "agent",
    "transport_mode": "transport_mode",
}
PICKER_ROLES = {"client": "client", "supplier": "supplier", "agent": "agent"}


def offered(spec: DashboardSpec) -> set[str]:
    """The query parameters the dashboard's filter form shows."""
    names = {PARAMETERS.get(name, name) for name in spec.filters}
    return {name for name in names if name in PARAMETERS.values()}


def preset_period(preset: str, today: dt.date) -> Period:
    """The days of a preset period, around ``today``."""
    if preset == "this_month":
        return Period(today.replace(day=1), today)
    if preset == "last_month":
        end = today.replace(day=1) - dt.timedelta(days=1)
        return Period(end.replace(day=1), end)
    if preset == "this_quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        return Period(dt.date(today.year, first_month, 1), today)
    if preset == "last_year":
        return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    return Period(dt.date(today.year, 1, 1), today)  # year to date


def previous_month(today: dt.date) -> Period:
    return preset_period("last_month", today)


class PickerWidget(forms.HiddenInput):
    """A company or product chosen by typing (suggestions from the server), not a list of
    every record: the filter form stays light with 10 000 clients."""

    template_name = "reporting/widgets/picker.html"
    input_type = "picker"  # not "hidden": the form shows it with its label

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        label = ""
        pk = str(value or "").strip()
        if pk.isdigit() and len(pk) < 19:
            if self.kind == "product":
                product = catalog.product_or_none(int(pk))
                label = (
                    f"{product.reference} — {product.name(current_language())}" if product else ""
                )
            else:
                company = parties.company_or_none(pk)
                label = company.name if company else ""
        context["widget"]["label"] = label
        context["widget"]["kind"] = self.kind
        return context


class FilterForm(forms.Form):
    """Every filter; :meth:`for_spec` keeps those the dashboard offers."""

    period = forms.ChoiceField(label=_("Period"), choices=PRESETS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    compare = forms.ChoiceField(
        label=_("Compare with the year before"),
        choices=(("1", _("Yes")), ("0", _("No"))),
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=parties.zones(), required=False, empty_label="—"
    )
    client = forms.IntegerField(label=_("Client"), required=False, min_value=1)
    supplier = forms.IntegerField(label=_("Supplier"), required=False, min_value=1)
    agent = forms.IntegerField(label=_("Agent"), required=False, min_value=1)
    product = forms.IntegerField(label=_("Product"), required=False, min_value=1)
    transport_mode = forms.ChoiceField(
        label=_("Transport mode"),
        choices=[("", "—"), *TransportMode.choices],
        required=False,
    )

    def __init__(self, data: Any, *, spec: DashboardSpec, today: dt.date) -> None:
        super().__init__(data)
        self.today = today
        keep = offered(spec)
        if "period" in keep:
            keep |= {"start", "end"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "country" in self.fields:
            self.fields["country"].choices = country_field_choices()  # type: ignore[attr-defined]
        for name, role in PICKER_ROLES.items():
            if name in self.fields:
                self.fields[name].widget = PickerWidget(role)
                self.fields[name].max_value = 2**63 - 1  # type: ignore[attr-defined]
        if "product" in self.fields:
            self.fields["product"].widget = PickerWidget("product")

    def _clean_company(self, name: str) -> int | None:
        pk: int | None = self.cleaned_data.get(name)
        if pk is not None and (pk > 2**63 - 1 or parties.company_with_role(pk, name) is None):
            raise forms.ValidationError(_("No such company in this role."))
        return pk

    def clean_client(self) -> int | None:
        return self._clean_company("client")

    def clean_supplier(self) -> int | None:
        return self._clean_company("supplier")

    def clean_agent(self) -> int | None:
        return self._clean_company("agent")

    def clean_product(self) -> int | None:
        pk: int | None = self.cleaned_data.get("product")
        if pk is not None and (pk > 2**63 - 1 or catalog.product_or_none(pk) is None):
            raise forms.ValidationError(_("No such product."))
        return pk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        preset = data.get("period") or DEFAULT_PRESET
        if preset != "custom" and (data.get("start") or data.get("end")):
            preset = "custom"  # dates typed without choosing "custom dates"
        data["period"] = preset
        if preset == "custom" and not self.errors:
            start, end = data.get("start"), data.get("end")
            if start is None:
                self.add_error("start", _("Give the first day of the period."))
            if end is None:
                self.add_error("end", _("Give the last day of the period."))
            if start and end:
                if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
                    self.add_error("start", _("Dates between 2000 and 2100 only."))
                elif end < start:
                    self.add_error("end", _("The period ends before it starts."))
                elif (end - start).days > MAX_PERIOD_DAYS:
                    self.add_error(
                        "end", _("A period of five years at most: choose a shorter one.")
                    )
        return data

    def filters(self) -> ReportFilters:
        """The typed filters (call once the form is valid)."""
        data = self.cleaned_data
        preset = data.get("period") or DEFAULT_PRESET
        if preset == "custom":
            period = Period(data["start"], data["end"])
        else:
            period = preset_period(preset, self.today)
        zone = data.get("zone")
        return ReportFilters(
            period=period,
            compare="compare" in self.fields and data.get("compare") != "0",
            country=data.get("country") or "",
            zone_id=zone.pk if zone is not None else None,
            client_id=data.get("client"),
            supplier_id=data.get("supplier"),
            product_id=data.get("product"),
            agent_id=data.get("agent"),
            transport_mode=data.get("transport_mode") or "",
        )

    def error_list(self) -> dict[str, list[str]]:
        """Each field's messages, the field named as in the query string."""
        return {name: [str(m) for m in messages] for name, messages in self.errors.items()}


def read_filters(
    params: Any, spec: DashboardSpec, today: dt.date
) -> tuple[FilterForm, ReportFilters | None]:
    """The bound form and, when every value is good, the filters."""
    form = FilterForm(params, spec=spec, today=today)
    return form, (form.filters() if form.is_valid() else None)


MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("999999999999.99"),
}


class SalesObjectiveForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("quarter"),
        choices=[("", "—"), *((str(q), f"Q{q}") for q in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12, required=False)
    person = forms.ModelChoiceField(
        label=_("salesperson"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "username"),
        required=False,
    )
    agent = forms.ModelChoiceField(
        label=_("agent"),
        queryset=Company.objects.with_role("agent").order_by("name"),
        required=False,
    )
    zone = forms.ModelChoiceField(
        label=_("zone"), queryset=Zone.objects.order_by("name"), required=False
    )
    country = forms.ChoiceField(label=_("country"), choices=country_field_choices, required=False)
    revenue_eur = forms.DecimalField(label=_("revenue objective (EUR)"), **MONEY)
    intake_eur = forms.DecimalField(
        label=_("order intake objective (EUR)"), **MONEY, required=False
    )
    notes = forms.CharField(label=_("notes"), max_length=300, required=False)

    @staticmethod
    def initial_of(objective: SalesObjective) -> dict[str, Any]:
        names = ["year", "quarter", "month", "person", "agent", "zone", "country"]
        return {n: getattr(objective, n) for n in [*names, "revenue_eur", "intake_eur", "notes"]}

    def values(self) -> SalesObjectiveValues:
        d = self.cleaned_data
        return SalesObjectiveValues(
            year=d["year"],
            quarter=d["quarter"],
            month=d["month"],
            person=d["person"],
            agent=d["agent"],
            zone=d["zone"],
            country=d["country"] or "",
            revenue_eur=d["revenue_eur"],
            intake_eur=d["intake_eur"],
            notes=d["notes"],
        )
