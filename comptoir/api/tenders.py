"""Calls for tender in the API: the tender with its lines and invited suppliers, sending it,
the route costs and answers per supplier, the comparison (cost per unit delivered and
weighted score), the weights, the decision and the awarded lines. Serializers type what the
client sent and call the same services as the screens; a refusal is a JSON 400 naming the
field, a role the matrix refuses a JSON 403."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.tenders import selectors, services
from comptoir.tenders.inputs import (
    AnswerValues,
    CostValues,
    DecisionValues,
    LineValues,
    PriceValues,
    TenderValues,
    Weights,
)
from comptoir.tenders.models import Answer, CostBasis, CostKind, Invitation, Tender, TenderLine
from comptoir.trade import incoterms
from comptoir.trade import tender_comparison as core


def _rule(value: str) -> str:
    rule = value.strip().upper()
    if rule not in incoterms.RULE_CODES:
        raise serializers.ValidationError(_("Choose an Incoterms® 2020 rule."))
    return rule


class TenderLineSerializer(serializers.ModelSerializer[TenderLine]):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    quantity = serializers.DecimalField(
        max_digits=12,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=services.MAX_QUANTITY,
    )

    class Meta:
        model = TenderLine
        fields = ["position", "product", "quantity", "specifications"]
        read_only_fields = ["position"]


class TenderInvitationSerializer(serializers.ModelSerializer[Invitation]):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    answered = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "supplier",
            "supplier_name",
            "status",
            "email",
            "language",
            "sent_at",
            "emailed_at",
            "informed_at",
            "declined_reason",
            "answered",
        ]
        read_only_fields = fields

    def get_answered(self, obj: Invitation) -> bool:
        return hasattr(obj, "answer")


class TenderWeightsSerializer(serializers.Serializer[Any]):
    price = serializers.IntegerField(min_value=0, max_value=100, default=40)
    quality = serializers.IntegerField(min_value=0, max_value=100, default=20)
    lead_time = serializers.IntegerField(min_value=0, max_value=100, default=15)
    reliability = serializers.IntegerField(min_value=0, max_value=100, default=10)
    payment = serializers.IntegerField(min_value=0, max_value=100, default=10)
    csr = serializers.IntegerField(min_value=0, max_value=100, default=5)


class TenderSerializer(serializers.ModelSerializer[Tender]):
    lines = TenderLineSerializer(many=True)
    suppliers = serializers.PrimaryKeyRelatedField(
        many=True,
        write_only=True,
        queryset=selectors.suppliers(),
        help_text="Suppliers invited (companies with the supplier role).",
    )
    invitations = TenderInvitationSerializer(many=True, read_only=True)
    weights = TenderWeightsSerializer(required=False)
    incoterm = serializers.CharField(max_length=3, default="FCA", help_text="EXW, FCA, … DDP.")

    class Meta:
        model = Tender
        fields = [
            "id",
            "number",
            "title",
            "status",
            "reply_by",
            "delivery_date",
            "delivery_place",
            "incoterm",
            "incoterm_place",
            "payment_terms",
            "instructions",
            "lines",
            "suppliers",
            "invitations",
            "weights",
            "decision_reason",
            "decided_at",
            "rate_day",
        ]
        read_only_fields = ["number", "status", "decision_reason", "decided_at", "rate_day"]

    def validate_incoterm(self, value: str) -> str:
        return _rule(value)

    def validate_lines(self, value: list[Any]) -> list[Any]:
        if not value:
            raise serializers.ValidationError(_("Add at least one product."))
        if len(value) > services.MAX_LINES:
            raise serializers.ValidationError(
                _("At most %(n)d lines in one tender.") % {"n": services.MAX_LINES}
            )
        return value

    def validate_suppliers(self, value: list[Any]) -> list[Any]:
        if len(value) > services.MAX_SUPPLIERS:
            raise serializers.ValidationError(
                _("At most %(n)d suppliers in one tender.") % {"n": services.MAX_SUPPLIERS}
            )
        return value

    def to_representation(self, instance: Tender) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["weights"] = instance.weights
        return data

    def create(self, validated_data: dict[str, Any]) -> Tender:
        data = validated_data
        weights = data.get("weights")
        return services.create_tender(
            values=TenderValues(
                title=data["title"],
                reply_by=data["reply_by"],
                delivery_date=data["delivery_date"],
                delivery_place=data["delivery_place"],
                incoterm=data.get("incoterm", "FCA"),
                incoterm_place=data.get("incoterm_place", ""),
                payment_terms=data.get("payment_terms", ""),
                instructions=data.get("instructions", ""),
                lines=tuple(
                    LineValues(
                        product=line["product"],
                        quantity=line["quantity"],
                        specifications=line.get("specifications", ""),
                    )
                    for line in data["lines"]
                ),
                suppliers=tuple(data["suppliers"]),
            ),
            weights=Weights(**weights) if weights else None,
            user=acting_user(self.context["request"]),
        )


class TenderCostSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    basis = serializers.ChoiceField(choices=CostBasis.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=4, min_value=0)


class TenderCostsSerializer(serializers.Serializer[Any]):
    supplier = serializers.IntegerField(help_text="The invited supplier's company id.")
    costs = TenderCostSerializer(many=True)

    def validate_costs(self, value: list[Any]) -> list[Any]:
        if len(value) > services.MAX_COSTS:
            raise serializers.ValidationError(_("At most %(n)d costs.") % {"n": services.MAX_COSTS})
        return value


class TenderPriceSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField(min_value=1, help_text="The tender line's position.")
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=4)
    moq = serializers.DecimalField(max_digits=12, decimal_places=3, required=False)
    remarks = serializers.CharField(max_length=200, required=False, allow_blank=True)


class TenderAnswerSerializer(serializers.Serializer[Any]):
    supplier = serializers.IntegerField(help_text="The invited supplier's company id.")
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True)
    received_on = serializers.DateField()
    currency = serializers.CharField(max_length=3)
    incoterm = serializers.CharField(max_length=3, help_text="EXW, FCA, FOB, … DDP.")
    incoterm_place = serializers.CharField(max_length=120)
    origin_country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    preference_agreement = serializers.CharField(max_length=20, required=False, allow_blank=True)
    lead_time_days = serializers.IntegerField()
    payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True)
    payment_days = serializers.IntegerField(default=0)
    valid_until = serializers.DateField()
    samples = serializers.ChoiceField(choices=Answer.Samples.choices, default="none")
    quality_grade = serializers.IntegerField(required=False, allow_null=True)
    remarks = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    prices = TenderPriceSerializer(many=True)

    def validate_prices(self, value: list[Any]) -> list[Any]:
        if len(value) > services.MAX_LINES:
            raise serializers.ValidationError(
                _("At most %(n)d lines in one tender.") % {"n": services.MAX_LINES}
            )
        return value

    def validate_incoterm(self, value: str) -> str:
        return _rule(value)


class TenderDecisionSerializer(serializers.Serializer[Any]):
    overall = serializers.IntegerField(
        required=False, help_text="The supplier (company id) chosen for every line."
    )
    per_line = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text='Line position -> supplier id, e.g. {"1": 12, "2": 15}.',
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    inform_losers = serializers.BooleanField(default=True)


TenderComparisonSerializer = inline_serializer(
    "TenderComparison",
    {
        "rate_day": serializers.DateField(),
        "currency": serializers.CharField(),
        "rates": serializers.ListField(child=serializers.DictField()),
        "weights": serializers.DictField(child=serializers.IntegerField()),
        "rows": serializers.ListField(child=serializers.DictField()),
        "best_per_line": serializers.DictField(child=serializers.IntegerField()),
        "steps": serializers.ListField(child=serializers.CharField()),
        "steps_fr": serializers.ListField(child=serializers.CharField()),
    },
)

AwardedLineSerializer = inline_serializer(
    "TenderAwardedLine",
    {
        "position": serializers.IntegerField(),
        "product": serializers.IntegerField(),
        "quantity": serializers.DecimalField(max_digits=12, decimal_places=3),
        "supplier": serializers.IntegerField(),
        "unit_price": serializers.DecimalField(max_digits=14, decimal_places=4),
        "currency": serializers.CharField(),
        "incoterm": serializers.CharField(),
        "incoterm_place": serializers.CharField(),
        "lead_time_days": serializers.IntegerField(),
        "payment_terms": serializers.CharField(),
        "unit_delivered_eur": serializers.DecimalField(max_digits=14, decimal_places=4),
    },
    many=True,
)


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def comparison_data(tender: Tender) -> dict[str, Any]:
    table = selectors.comparison(tender, explain=True)
    rows = []
    for row in table.rows:
        result = row.result
        rows.append(
            {
                "supplier": row.invitation.supplier_id,
                "supplier_name": row.key,
                "answered": row.answer is not None,
                "currency": row.answer.currency if row.answer else None,
                "incoterm": row.answer.incoterm if row.answer else None,
                "incoterm_place": row.answer.incoterm_place if row.answer else None,
                "missing_rate": row.missing_rate,
                "error": row.error,
                "expired": row.expired,
                "goods_eur": _money(result.goods if result else None),
                "costs_eur": _money(result.costs if result else None),
                "duty_eur": _money(result.duty if result else None),
                "delivered_eur": _money(result.delivered if result else None),
                "import_vat_cash_eur": _money(result.import_vat if result else None),
                "lines": [
                    {
                        "line": int(line.key),
                        "unit_price_eur": str(line.unit_price),
                        "unit_delivered_eur": str(line.unit_delivered),
                        "costs": {k: str(v) for k, v in line.costs.items()},
                        "duty": str(line.duty),
                        "duty_rate": row.duty_notes.get(int(line.key), ""),
                        "steps": [str(s) for s in line.steps],
                    }
                    for line in (result.lines if result else ())
                ],
                "grades": {k: str(v) for k, v in row.grades.items()},
                "explanations": {k: str(v) for k, v in row.explanations.items()},
                "score": _money(row.score),
                "rank": row.rank,
            }
        )
    return {
        "rate_day": table.rate_day.isoformat(),
        "currency": selectors.CURRENCY,
        "rates": [
            {
                "currency": r["currency"],
                "eur_per_unit": str(r["rate"]),
                "rate_date": r["rate_date"].isoformat(),
                "source": r["source"],
            }
            for r in table.rates()
        ],
        "weights": table.weights,
        "rows": rows,
        "best_per_line": {str(k): v for k, v in table.best_per_line.items()},
        "steps": [str(step) for step in table.steps],
        "steps_fr": [translate(step, "fr") for step in table.steps],
    }


class TenderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Tender],
):
    """Calls for tender. Create one with its ``lines`` and ``suppliers``;
    ``POST .../send/`` sends it (PDF and e-mail in each supplier's language);
    ``POST .../costs/`` and ``POST .../answers/`` enter a supplier's route costs and answer;
    ``GET .../comparison/`` gives every answer's cost per unit delivered in EUR with its
    grades and weighted score; ``POST .../weights/`` changes the weights;
    ``POST .../decide/`` records the decision (a reason unless the best score wins every
    line); ``GET .../awarded/`` lists the awarded lines for the purchase orders."""

    serializer_class = TenderSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Tender]:
        return selectors.tender_list(self.request.query_params).prefetch_related(
            "lines", "invitations__supplier", "invitations__answer"
        )

    def _invitation(self, tender: Tender, supplier: int) -> Invitation:
        found = tender.invitations.filter(supplier_id=supplier).first()
        if found is None:
            raise serializers.ValidationError({"supplier": [_("This supplier is not invited.")]})
        return found

    @extend_schema(request=None, responses=TenderSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        services.send_tender(tender=self.get_object(), user=acting_user(request))
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=TenderCostsSerializer, responses=TenderSerializer)
    @action(detail=True, methods=["post"])
    def costs(self, request: Request, pk: str | None = None) -> Response:
        body = TenderCostsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tender = self.get_object()
        services.set_route_costs(
            invitation=self._invitation(tender, body.validated_data["supplier"]),
            costs=tuple(CostValues(**c) for c in body.validated_data["costs"]),
            user=acting_user(request),
        )
        return Response(self.get_serializer(tender).data)

    @extend_schema(request=TenderAnswerSerializer, responses=TenderSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, pk: str | None = None) -> Response:
        body = TenderAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        tender = self.get_object()
        invitation = self._invitation(tender, data.pop("supplier"))
        prices = tuple(PriceValues(**p) for p in data.pop("prices"))
        services.save_answer(
            invitation=invitation,
            values=AnswerValues(prices=prices, **data),
            user=acting_user(request),
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses=TenderComparisonSerializer)
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        return Response(comparison_data(self.get_object()))

    @extend_schema(request=TenderWeightsSerializer, responses=TenderSerializer)
    @action(detail=True, methods=["post"])
    def weights(self, request: Request, pk: str | None = None) -> Response:
        body = TenderWeightsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tender = services.set_weights(
            tender=self.get_object(),
            weights=Weights(**{c: body.validated_data[c] for c in core.CRITERIA}),
            user=acting_user(request),
        )
        return Response(self.get_serializer(tender).data)

    @extend_schema(request=TenderDecisionSerializer, responses=TenderSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        body = TenderDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        tender = self.get_object()
        overall = None
        if data.get("overall"):
            overall = Company.objects.filter(pk=data["overall"]).first()
            if overall is None:
                raise serializers.ValidationError({"overall": [_("No such supplier.")]})
        per_line: list[tuple[int, Company]] = []
        for position, supplier in (data.get("per_line") or {}).items():
            if not str(position).isdigit():
                raise serializers.ValidationError(
                    {"per_line": [_("A line is given by its position: 1, 2…")]}
                )
            per_line.append((int(position), self._invitation(tender, supplier).supplier))
        decided = services.decide(
            tender=tender,
            values=DecisionValues(
                overall=overall if not per_line else None,
                per_line=tuple(per_line),
                reason=data.get("reason", ""),
                inform_losers=data["inform_losers"],
            ),
            user=acting_user(request),
        )
        return Response(self.get_serializer(decided).data)

    @extend_schema(responses=AwardedLineSerializer)
    @action(detail=True, methods=["get"])
    def awarded(self, request: Request, pk: str | None = None) -> Response:
        return Response(
            [
                {
                    "position": a.position,
                    "product": a.product.pk,
                    "quantity": str(a.quantity),
                    "supplier": a.supplier.pk,
                    "unit_price": str(a.unit_price),
                    "currency": a.currency,
                    "incoterm": a.incoterm,
                    "incoterm_place": a.incoterm_place,
                    "lead_time_days": a.lead_time_days,
                    "payment_terms": a.payment_terms,
                    "unit_delivered_eur": str(a.unit_delivered_eur),
                }
                for a in selectors.awarded_lines(self.get_object())
            ]
        )
