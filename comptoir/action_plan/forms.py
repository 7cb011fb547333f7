"""Forms of the action plan pages: they validate what was typed and build the typed values
the services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import country_field_choices
from comptoir.common.dates import today
from comptoir.events.models import Event
from comptoir.parties.models import Company, Zone
from comptoir.prospecting.models import Campaign
from comptoir.sales.models import AgentContract
from comptoir.suppliers.attachments import MAX_ATTACHMENT_BYTES

from . import selectors
from .inputs import ActionValues, ContractValues, NoticeValues, ObjectiveValues, PlanValues
from .models import Action, ActionStatus, Channel, ContractKind, NetworkContract, Objective, Plan
from .selectors import LINK_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("999999999999.99"),
}


def _event_label(event: Event) -> str:
    return f"{event.name} ({formats.date_format(event.starts_on, 'SHORT_DATE_FORMAT')})"


def _users() -> Any:
    return User.objects.filter(is_active=True).order_by("first_name", "username")


class ContractForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("agent or distributor"),
        queryset=Company.objects.filter(
            Q(roles__contains=",agent,") | Q(roles__contains=",distributor,")
        ).order_by("name"),
    )
    kind = forms.ChoiceField(label=_("kind of contract"), choices=ContractKind.choices)
    countries = forms.CharField(
        label=_("countries"),
        max_length=200,
        required=False,
        help_text=_("ISO codes separated by commas, e.g. AE, SA, QA."),
    )
    zones = forms.ModelMultipleChoiceField(
        label=_("zones"), queryset=Zone.objects.order_by("name"), required=False
    )
    products = forms.CharField(label=_("products or categories"), max_length=300, required=False)
    exclusive = forms.BooleanField(label=_("exclusive territory"), required=False)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(
        label=_("ends on"),
        widget=DATE,
        required=False,
        help_text=_("Empty: an open-ended contract."),
    )
    tacit_renewal = forms.BooleanField(label=_("renewed tacitly"), required=False, initial=True)
    renewal_months = forms.IntegerField(
        label=_("renewal period (months)"), min_value=1, max_value=120, initial=12
    )
    notice_months = forms.IntegerField(
        label=_("agreed notice (months)"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=_("Empty: the legal minimum for an agent, one month otherwise."),
    )
    non_compete_months = forms.IntegerField(
        label=_("non-compete after the end (months)"), min_value=0, max_value=60, initial=0
    )
    target_revenue_eur = forms.DecimalField(
        label=_("yearly revenue target (EUR)"), **MONEY, initial=Decimal("0")
    )
    target_new_clients = forms.IntegerField(
        label=_("yearly target of new clients"), min_value=0, max_value=100000, initial=0
    )
    terms = forms.CharField(
        label=_("commission or discount terms"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commission = forms.ModelChoiceField(
        label=_("commission (sales)"),
        queryset=AgentContract.objects.select_related("agent"),
        required=False,
        help_text=_("The agent's commission as the commission statements compute it."),
    )
    responsible = forms.ModelChoiceField(label=_("responsible"), queryset=_users(), required=False)
    signed_file = forms.FileField(
        label=_("signed contract (PDF or photo)"),
        required=False,
        help_text=_("%(mb)d MB at most.") % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )
    notes = forms.CharField(
        label=_("notes"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @staticmethod
    def initial_of(contract: NetworkContract) -> dict[str, Any]:
        names = [
            "partner",
            "kind",
            "countries",
            "products",
            "exclusive",
            "starts_on",
            "ends_on",
            "tacit_renewal",
            "renewal_months",
            "notice_months",
            "non_compete_months",
            "target_revenue_eur",
            "target_new_clients",
            "terms",
            "commission",
            "responsible",
            "notes",
        ]
        initial = {name: getattr(contract, name) for name in names}
        initial["zones"] = list(contract.zones.all())
        return initial

    def values(self) -> ContractValues:
        d = self.cleaned_data
        return ContractValues(
            partner=d["partner"],
            kind=d["kind"],
            countries=d["countries"],
            zones=list(d["zones"]),
            products=d["products"],
            exclusive=d["exclusive"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            tacit_renewal=d["tacit_renewal"],
            renewal_months=d["renewal_months"],
            notice_months=d["notice_months"],
            non_compete_months=d["non_compete_months"],
            target_revenue_eur=d["target_revenue_eur"],
            target_new_clients=d["target_new_clients"],
            terms=d["terms"],
            commission=d["commission"],
            responsible=d["responsible"],
            notes=d["notes"],
        )


class NoticeForm(forms.Form):
    given_on = forms.DateField(label=_("notice given on"), widget=DATE, initial=today)
    by = forms.ChoiceField(
        label=_("notice given by"),
        choices=[("us", _("Us")), ("partner", _("The partner"))],
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def values(self) -> NoticeValues:
        d = self.cleaned_data
        return NoticeValues(given_on=d["given_on"], by=d["by"], note=d["note"])


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("title"), max_length=200)
    strategy = forms.CharField(
        label=_("strategy and priorities"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @staticmethod
    def initial_of(plan: Plan) -> dict[str, Any]:
        return {"year": plan.year, "title": plan.title, "strategy": plan.strategy}

    def values(self) -> PlanValues:
        d = self.cleaned_data
        return PlanValues(year=d["year"], title=d["title"], strategy=d["strategy"])


class ObjectiveForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("zone"), queryset=Zone.objects.order_by("name"), required=False
    )
    country = forms.ChoiceField(label=_("country"), choices=country_field_choices, required=False)
    person = forms.ModelChoiceField(label=_("person"), queryset=_users(), required=False)
    revenue_eur = forms.DecimalField(label=_("revenue (EUR)"), **MONEY, initial=Decimal("0"))
    new_clients = forms.IntegerField(
        label=_("new clients"), min_value=0, max_value=100000, initial=0
    )
    offers = forms.IntegerField(label=_("offers sent"), min_value=0, max_value=1000000, initial=0)
    margin_pct = forms.DecimalField(
        label=_("gross margin (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
    )
    notes = forms.CharField(label=_("notes"), max_length=300, required=False)

    @staticmethod
    def initial_of(objective: Objective) -> dict[str, Any]:
        names = ["zone", "country", "person", "revenue_eur", "new_clients", "offers"]
        return {n: getattr(objective, n) for n in [*names, "margin_pct", "notes"]}

    def values(self) -> ObjectiveValues:
        d = self.cleaned_data
        return ObjectiveValues(
            zone=d["zone"],
            country=d["country"] or "",
            person=d["person"],
            revenue_eur=d["revenue_eur"],
            new_clients=d["new_clients"],
            offers=d["offers"],
            margin_pct=d["margin_pct"],
            notes=d["notes"],
        )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("action"), max_length=200)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    reference = forms.CharField(
        label=_("reference"),
        max_length=120,
        required=False,
        help_text=_("The fair, campaign or trip this action is, e.g. Ambiente 2027."),
    )
    event = forms.ModelChoiceField(
        label=_("fair or event"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("The event file this action is: its report gives the results."),
    )
    campaign = forms.ModelChoiceField(
        label=_("prospecting campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        help_text=_("The campaign this action is: its results count here."),
    )
    objective = forms.ModelChoiceField(
        label=_("objective served"), queryset=Objective.objects.none(), required=False
    )
    zone = forms.ModelChoiceField(
        label=_("zone"), queryset=Zone.objects.order_by("name"), required=False
    )
    country = forms.ChoiceField(label=_("country"), choices=country_field_choices, required=False)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    owner = forms.ModelChoiceField(label=_("owner"), queryset=_users())
    budget_eur = forms.DecimalField(label=_("budget (EUR)"), **MONEY, initial=Decimal("0"))
    spent_eur = forms.DecimalField(label=_("spent (EUR)"), **MONEY, initial=Decimal("0"))
    status = forms.ChoiceField(
        label=_("status"), choices=ActionStatus.choices, initial=ActionStatus.PLANNED
    )
    expected_result = forms.CharField(label=_("expected result"), max_length=300, required=False)
    result = forms.CharField(
        label=_("result obtained"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, plan: Plan, user: Any = None, action: Action | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["objective"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = plan.objectives.select_related("zone", "person")
        field.label_from_instance = lambda o: o.scope_label  # type: ignore[method-assign,assignment]
        # the fairs and campaigns the user may read, near the plan's year (bounded), and the
        # one already linked
        events = self.fields["event"]
        assert isinstance(events, forms.ModelChoiceField)
        shown = list(
            selectors.events_for_plan(plan, user).values_list("pk", flat=True)[:LINK_CHOICES]
        )
        if action is not None and action.event_id is not None:
            shown.append(action.event_id)
        events.queryset = Event.objects.filter(pk__in=shown).order_by("starts_on", "pk")
        events.label_from_instance = _event_label  # type: ignore[method-assign,assignment]
        campaigns = self.fields["campaign"]
        assert isinstance(campaigns, forms.ModelChoiceField)
        shown = list(
            selectors.campaigns_for_plan(plan, user).values_list("pk", flat=True)[:LINK_CHOICES]
        )
        if action is not None and action.campaign_id is not None:
            shown.append(action.campaign_id)
        campaigns.queryset = Campaign.objects.filter(pk__in=shown).order_by("-created_at", "-pk")

    @staticmethod
    def initial_of(action: Action) -> dict[str, Any]:
        names = [
            "title",
            "channel",
            "reference",
            "event",
            "campaign",
            "objective",
            "zone",
            "country",
            "starts_on",
            "ends_on",
            "owner",
            "budget_eur",
            "spent_eur",
            "status",
            "expected_result",
            "result",
        ]
        return {n: getattr(action, n) for n in names}

    def values(self) -> ActionValues:
        d = self.cleaned_data
        objective = d["objective"]
        return ActionValues(
            title=d["title"],
            channel=d["channel"],
            reference=d["reference"],
            event=d["event"],
            campaign=d["campaign"],
            objective_id=objective.pk if objective else None,
            zone=d["zone"],
            country=d["country"] or "",
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            owner=d["owner"],
            budget_eur=d["budget_eur"],
            spent_eur=d["spent_eur"],
            status=d["status"],
            expected_result=d["expected_result"],
            result=d["result"],
        )


def year_param(raw: str | None, default: int) -> int:
    """A year from the query string, bounded; the default otherwise."""
    if raw and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= 2100:
        return int(raw)
    return default


__all__ = [
    "ActionForm",
    "ContractForm",
    "NoticeForm",
    "ObjectiveForm",
    "PlanForm",
    "year_param",
]
