"""Forms built from the calculator specs, and the JSON payload they make."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.common import countries
from comptoir.common.choices import currency_field_choices
from comptoir.common.dates import current_language
from comptoir.trade.incoterms import RULE_CODES

from .specs import SCORE_CRITERIA, SCORE_OPTIONS, Input, Topic


def form_name(key: str) -> str:
    """``pieces.0.weight_kg`` -> ``pieces__0__weight_kg`` (a name a template can address)."""
    return key.replace(".", "__")


def _field(spec: Input, required: bool) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": required, "help_text": spec.help}
    if spec.kind == "decimal":
        return forms.DecimalField(localize=True, **common)
    if spec.kind == "int":
        return forms.IntegerField(**common)
    if spec.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
        )
    if spec.kind == "bool":
        return forms.BooleanField(**{**common, "required": False})
    if spec.kind == "choice":
        choices = list(spec.choices) if required else [("", "—"), *spec.choices]
        return forms.ChoiceField(choices=choices, **common)
    if spec.kind == "currency":
        return forms.ChoiceField(choices=currency_field_choices(), **common)
    if spec.kind == "country":
        language = current_language()
        return forms.ChoiceField(choices=countries.country_choices(language), **common)
    return forms.CharField(**common)


class CalculatorForm(forms.Form):
    def __init__(self, topic: Topic, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.row_groups: list[dict[str, Any]] = []
        for spec in topic.inputs:
            self.fields[form_name(spec.key)] = _field(spec, spec.required)
            if spec.initial is not None:
                self.fields[form_name(spec.key)].initial = spec.initial
        for rows in topic.rows:
            names = []
            for index in range(rows.count):
                row = []
                for column in rows.columns:
                    name = form_name(f"{rows.key}.{index}.{column.key}")
                    self.fields[name] = _field(column, False)
                    row.append(name)
                names.append(row)
            self.row_groups.append({"spec": rows, "rows": names})
        if topic.slug == "score":
            for i in range(SCORE_CRITERIA):
                self.fields[f"criterion_{i}_name"] = forms.CharField(
                    required=False, label=_("Criterion")
                )
                self.fields[f"criterion_{i}_weight"] = forms.DecimalField(
                    required=False, localize=True, label=_("Weight")
                )
            for j in range(SCORE_OPTIONS):
                self.fields[f"option_{j}_name"] = forms.CharField(required=False, label=_("Option"))
                for i in range(SCORE_CRITERIA):
                    self.fields[f"option_{j}_grade_{i}"] = forms.DecimalField(
                        required=False, localize=True, label=_("Grade")
                    )

    # ---- layout helpers for the template

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[form_name(spec.key)] for spec in self.topic.inputs]

    def grouped_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": group["spec"].label,
                "headers": [c.label for c in group["spec"].columns],
                "rows": [[self[name] for name in row] for row in group["rows"]],
            }
            for group in self.row_groups
        ]

    def score_grid(self) -> dict[str, Any]:
        return {
            "criteria": [
                (self[f"criterion_{i}_name"], self[f"criterion_{i}_weight"])
                for i in range(SCORE_CRITERIA)
            ],
            "options": [
                (
                    self[f"option_{j}_name"],
                    [self[f"option_{j}_grade_{i}"] for i in range(SCORE_CRITERIA)],
                )
                for j in range(SCORE_OPTIONS)
            ],
        }

    # ---- the JSON payload of the trade core

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        payload: dict[str, Any] = {}
        for spec in self.topic.inputs:
            value = _json_value(data.get(form_name(spec.key)), spec.kind)
            if value is not None:
                _put(payload, spec.key, value)
        for group in self.row_groups:
            items = []
            for row in group["rows"]:
                values = {
                    column.key: _json_value(data.get(name), column.kind)
                    for column, name in zip(group["spec"].columns, row, strict=True)
                }
                if any(v is not None for v in values.values()):
                    items.append({k: v for k, v in values.items() if v is not None})
            payload[group["spec"].key] = items
        if self.topic.slug == "score":
            criteria = []
            for i in range(SCORE_CRITERIA):
                name = (data.get(f"criterion_{i}_name") or "").strip()
                if name:
                    weight = data.get(f"criterion_{i}_weight")
                    criteria.append((i, name, str(weight) if weight is not None else None))
            payload["criteria"] = [{"name": n, "weight": w} for _i, n, w in criteria]
            options = []
            for j in range(SCORE_OPTIONS):
                name = (data.get(f"option_{j}_name") or "").strip()
                if name:
                    grades = {}
                    for i, criterion, _w in criteria:
                        grade = data.get(f"option_{j}_grade_{i}")
                        grades[criterion] = str(grade) if grade is not None else None
                    options.append({"name": name, "grades": grades})
            payload["options"] = options
        return payload


def _json_value(value: object, kind: str) -> object:
    """A cleaned form value as the trade core's JSON wants it (booleans arrive as True/False)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _put(payload: dict[str, Any], key: str, value: object) -> None:
    head, _sep, rest = key.partition(".")
    if rest:
        _put(payload.setdefault(head, {}), rest, value)
    else:
        payload[head] = value


class IncotermCompareForm(forms.Form):
    rules = forms.MultipleChoiceField(
        label=_("Rules to compare"),
        choices=[(c, c) for c in RULE_CODES],
        widget=forms.CheckboxSelectMultiple,
        initial=["EXW", "FCA", "FOB", "CIF", "DAP", "DDP"],
    )


if TYPE_CHECKING:
    from .models import ExchangeRate
    from .services import ExchangeRateValues

    _ExchangeRateModelForm = forms.ModelForm[ExchangeRate]
else:  # Django's ModelForm is not subscriptable at run time
    _ExchangeRateModelForm = forms.ModelForm


class ExchangeRateForm(_ExchangeRateModelForm):
    from_currency = forms.ChoiceField(
        label=_("From currency"),
        choices=currency_field_choices,
        initial="USD",
    )
    to_currency = forms.ChoiceField(
        label=_("To currency"),
        choices=currency_field_choices,
        initial="EUR",
    )

    class Meta:
        from .models import ExchangeRate

        model = ExchangeRate
        fields = ["from_currency", "to_currency", "valid_from", "rate", "kind", "note"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def values(self) -> ExchangeRateValues:
        """The validated rate, for the service."""
        from .models import ExchangeRate
        from .services import ExchangeRateValues

        data = self.cleaned_data
        return ExchangeRateValues(
            from_currency=data["from_currency"],
            to_currency=data["to_currency"],
            valid_from=data["valid_from"],
            rate=data["rate"],
            kind=data.get("kind") or ExchangeRate.Kind.BANK,
            note=data.get("note") or "",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_currency") and data.get("from_currency") == data.get("to_currency"):
            self.add_error("to_currency", _("Choose two different currencies."))
        return data
