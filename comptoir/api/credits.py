"""Documentary credits in the API: the credit with its documents, the receipt findings,
amendments, presentations (the checker runs, then the presentation is recorded) and the
bank's answers. Serializers validate, then call the same services as the screens
(``comptoir.credits.services``); refusals are JSON naming the field."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.common import countries
from comptoir.common.dates import today
from comptoir.credits import selectors, services
from comptoir.credits.inputs import (
    AMENDABLE,
    CREDIT_FIELDS,
    PRESENTABLE,
    AmendmentReceived,
    BankAnswer,
    CreditValues,
    DocumentValues,
    PresentationFields,
)
from comptoir.credits.models import (
    Amendment,
    BankNotice,
    Credit,
    DocumentType,
    Issuer,
    Presentation,
    RequiredDocument,
)
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.sales.models import Invoice

from .errors import refusal as _refusal


class CreditRequiredDocumentSerializer(serializers.ModelSerializer[RequiredDocument]):
    type = serializers.ChoiceField(choices=DocumentType.choices)
    issuer = serializers.ChoiceField(choices=Issuer.choices, required=False, allow_blank=True)
    originals = serializers.IntegerField(min_value=0, max_value=10, default=1)
    copies = serializers.IntegerField(min_value=0, max_value=20, default=0)

    class Meta:
        model = RequiredDocument
        fields = [
            "type",
            "originals",
            "copies",
            "issuer",
            "legalised",
            "consignee",
            "notify",
            "freight",
            "clean_on_board",
            "cover_pct",
            "risks",
            "details",
        ]


class DocumentaryCreditSerializer(serializers.ModelSerializer[Credit]):
    documents = CreditRequiredDocumentSerializer(many=True, required=False)
    purchase_order_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Import: the purchase order the credit pays (an issued order of the "
        "beneficiary supplier, paid by L/C); its number becomes the purchase reference.",
    )
    currency = serializers.CharField(max_length=3)

    class Meta:
        model = Credit
        fields = [
            "id",
            "reference",
            "direction",
            "partner",
            "order",
            "shipment",
            "purchase_order_id",
            "handled_by",
            *CREDIT_FIELDS,
            "status",
            "documents",
        ]
        read_only_fields = ["reference", "status"]

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if value not in countries.currency_codes():
            raise serializers.ValidationError("Unknown currency code.")
        return value

    def validate_documents(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > services.MAX_DOCUMENTS:
            raise serializers.ValidationError(f"At most {services.MAX_DOCUMENTS} documents.")
        return value

    def _values(self, data: dict[str, Any], instance: Credit | None) -> CreditValues:
        def pick(name: str) -> Any:
            if name in data:
                return data[name]
            if instance is not None:
                return getattr(instance, name)
            return cast("Field[Any, Any]", Credit._meta.get_field(name)).get_default()

        if "documents" in data:
            documents = tuple(DocumentValues(**d) for d in data["documents"])
        elif instance is not None:
            documents = tuple(
                DocumentValues(
                    **{
                        name: getattr(d, name)
                        for name in CreditRequiredDocumentSerializer.Meta.fields
                    }
                )
                for d in instance.documents.all()
            )
        else:
            documents = ()
        for name in ("partner", "currency", "amount", "expiry_date", "issuing_bank"):
            if instance is None and name not in data:
                raise serializers.ValidationError({name: ["This field is required."]})
        purchase_order = None
        purchase_id = pick("purchase_order_id")
        if purchase_id:
            purchase_order = purchasing_selectors.order_by_id(purchase_id)
            if purchase_order is None:
                raise serializers.ValidationError(
                    {"purchase_order_id": ["This purchase order does not exist."]}
                )
        return CreditValues(
            purchase_order=purchase_order,
            direction=pick("direction"),
            partner=pick("partner"),
            order=pick("order"),
            shipment=pick("shipment"),
            handled_by=pick("handled_by")
            if "handled_by" in data or instance is not None
            else acting_user(self.context["request"]),
            documents=documents,
            **{name: pick(name) for name in CREDIT_FIELDS},
        )

    def create(self, validated_data: dict[str, Any]) -> Credit:
        try:
            return services.create_credit(
                values=self._values(validated_data, None),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _credit_refusal(exc) from None

    def update(self, instance: Credit, validated_data: dict[str, Any]) -> Credit:
        try:
            return services.update_credit(
                credit=instance,
                values=self._values(validated_data, instance),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _credit_refusal(exc) from None


def _credit_refusal(exc: DjangoValidationError) -> Exception:
    """The service's refusal, its ``purchase_order`` named as the API's ``purchase_order_id``."""
    refused = _refusal(exc)
    detail = refused.detail
    if isinstance(detail, dict) and "purchase_order" in detail:
        detail["purchase_order_id"] = detail.pop("purchase_order")
    return refused


class FindingSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["blocking", "warning", "info"])
    field = serializers.CharField()
    document = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.CharField()
    amendment = serializers.CharField()


class CreditAmendmentSerializer(serializers.ModelSerializer[Amendment]):
    class Meta:
        model = Amendment
        fields = [
            "id",
            "sequence",
            "status",
            "requested_on",
            "request_text",
            "received_on",
            "description",
            "changes",
            "previous",
            "decided_on",
            "note",
        ]
        read_only_fields = fields


class AmendmentRequestSerializer(serializers.Serializer[Any]):
    request_text = serializers.CharField(max_length=5000)


class AmendmentReceivedSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField()
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    changes = serializers.DictField(
        child=serializers.CharField(max_length=200, allow_blank=True),
        required=False,
        help_text=f"The credit's fields the amendment changes: {', '.join(AMENDABLE)}.",
    )


class AmendmentDecisionSerializer(serializers.Serializer[Any]):
    amendment = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    accept = serializers.BooleanField()
    on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class BankNoticeSerializer(serializers.ModelSerializer[BankNotice]):
    class Meta:
        model = BankNotice
        fields = [
            "received_on",
            "discrepancies",
            "disposal",
            "outcome",
            "outcome_on",
            "discrepancy_fee",
            "note",
        ]
        read_only_fields = fields


class PresentationSerializer(serializers.ModelSerializer[Presentation]):
    notice = BankNoticeSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Presentation
        fields = [
            "id",
            "sequence",
            "presented_on",
            "bank",
            "amount",
            "invoice",
            "compliant",
            "presented_anyway",
            "waiver_reason",
            "replaces",
            "status",
            "due_date",
            "paid_on",
            "paid_amount",
            "bank_charges",
            "check_input",
            "check_result",
            "notice",
        ]
        read_only_fields = fields


class PresentRequestSerializer(serializers.Serializer[Any]):
    """The documents as presented; fields left out are filled from what Comptoir knows
    (the order's invoice, the shipment, the packing list), as on the screen."""

    presented_on = serializers.DateField(required=False)
    bank = serializers.CharField(max_length=120, required=False)
    documents = serializers.ListField(
        child=serializers.ChoiceField(choices=list(PRESENTABLE)), required=False, max_length=5
    )
    invoice = serializers.PrimaryKeyRelatedField(
        queryset=Invoice.objects.all(), required=False, allow_null=True
    )
    entered = serializers.DictField(
        required=False,
        help_text="Values of the presentation form (invoice_amount, bl_number, on_board_date, "
        "bl_clean, insurance_amount...), as on the screen.",
    )
    check_only = serializers.BooleanField(
        default=False, help_text="Only run the checker; record nothing."
    )
    present_anyway = serializers.BooleanField(default=False)
    waiver_reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    replaces = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )


class AnswerSerializer(serializers.Serializer[Any]):
    presentation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    kind = serializers.ChoiceField(choices=["paid", "accepted", "discrepant"])
    on = serializers.DateField()
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    charges = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    discrepancies = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    disposal = serializers.ChoiceField(choices=BankNotice.Disposal.choices, required=False)


class OutcomeSerializer(serializers.Serializer[Any]):
    presentation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    outcome = serializers.ChoiceField(choices=["waived", "refused", "corrected"])
    on = serializers.DateField(required=False, allow_null=True)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


def _presentation_fields(credit: Credit, data: dict[str, Any]) -> PresentationFields:
    """The screen's form, filled from Comptoir, with what the client sent on top."""
    from comptoir.credits.forms import PresentationForm

    initial = selectors.presentation_initial(credit, today(), data.get("invoice"))
    given = dict(data.get("entered") or {})
    for name in ("presented_on", "bank", "documents"):
        if name in data:
            given[name] = data[name]
    if data.get("invoice") is not None:
        given["invoice"] = data["invoice"].pk
    merged: dict[str, Any] = {}
    for name, value in {**initial, **given}.items():
        if value is None:
            continue
        merged[name] = value
    form = PresentationForm(_as_form_data(merged), credit=credit)
    if not form.is_valid():
        raise serializers.ValidationError(
            {field: [str(e) for e in errors] for field, errors in form.errors.items()}
        )
    return form.values()


def _as_form_data(values: dict[str, Any]) -> Any:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, value in values.items():
        if isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, description="Credit number, reference, client, order, bank."
            ),
            OpenApiParameter("status", str, enum=["open", *Credit.Status.values]),
            OpenApiParameter("direction", str, enum=["export", "import"]),
        ]
    )
)
class CreditViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Credit],
):
    """Documentary credits, export (we are the beneficiary) and import (we are the
    applicant). A credit whose dates contradict each other, a tolerance over 100 % or an
    unknown document type is refused naming the field, nothing stored."""

    serializer_class = DocumentaryCreditSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Credit]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.credit_list(params).prefetch_related("documents")

    @extend_schema(responses=FindingSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def findings(self, request: Request, pk: str | None = None) -> Response:
        """What does not fit the order (export credits): severity, rule, amendment to ask."""
        credit = self.get_object()
        found, _error = selectors.findings(credit, today())
        return Response(
            [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "field": f.field,
                    "document": f.document,
                    "message": translate(f.message),
                    "rule": translate(f.rule),
                    "amendment": translate(f.amendment) if f.amendment is not None else "",
                }
                for f in found
            ]
        )

    @extend_schema(methods=["GET"], responses=CreditAmendmentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=AmendmentRequestSerializer,
        responses={201: CreditAmendmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def amendments(self, request: Request, pk: str | None = None) -> Response:
        """The credit's amendments; POST: ask the applicant for one."""
        credit = self.get_object()
        if request.method == "GET":
            return Response(CreditAmendmentSerializer(selectors.amendments(credit), many=True).data)
        params = AmendmentRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            amendment = services.request_amendment(
                credit=credit,
                text=params.validated_data["request_text"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(CreditAmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AmendmentReceivedSerializer, responses={201: CreditAmendmentSerializer})
    @action(detail=True, methods=["post"], url_path="amendments/receive")
    def receive_amendment(self, request: Request, pk: str | None = None) -> Response:
        """The amendment the bank advised, with the fields it changes (to accept or refuse)."""
        credit = self.get_object()
        params = AmendmentReceivedSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            amendment = services.receive_amendment(
                credit=credit,
                values=AmendmentReceived(
                    received_on=data["received_on"],
                    description=data.get("description", ""),
                    changes=dict(data.get("changes") or {}),
                ),
                amendment=selectors.pending_amendment(credit),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(CreditAmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AmendmentDecisionSerializer, responses=CreditAmendmentSerializer)
    @action(detail=True, methods=["post"], url_path="amendments/decide")
    def decide_amendment(self, request: Request, pk: str | None = None) -> Response:
        """Accept (the changes apply) or refuse an amendment, as a whole (art. 10)."""
        credit = self.get_object()
        params = AmendmentDecisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        amendment = credit.amendments.filter(pk=data["amendment"]).first()
        if amendment is None:
            raise serializers.ValidationError({"amendment": ["Not an amendment of this credit."]})
        try:
            services.decide_amendment(
                amendment=amendment,
                accept=data["accept"],
                on=data.get("on"),
                note=data.get("note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(CreditAmendmentSerializer(amendment).data)

    @extend_schema(methods=["GET"], responses=PresentationSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=PresentRequestSerializer,
        responses={201: PresentationSerializer, 200: PresentationSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def presentations(self, request: Request, pk: str | None = None) -> Response:
        """The presentations; POST runs the document checker and records the presentation
        (a discrepant set is refused unless ``present_anyway`` with ``waiver_reason``, a
        manager's decision); ``check_only`` answers the checker's result without recording."""
        credit = self.get_object()
        if request.method == "GET":
            return Response(PresentationSerializer(selectors.presentations(credit), many=True).data)
        params = PresentRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        fields = _presentation_fields(credit, data)
        replaces = None
        if data.get("replaces"):
            replaces = credit.presentations.filter(pk=data["replaces"]).first()
            if replaces is None:
                raise serializers.ValidationError(
                    {"replaces": ["Not a presentation of this credit."]}
                )
        try:
            if data["check_only"]:
                return Response(services.check(credit=credit, fields=fields))
            presentation = services.present(
                credit=credit,
                fields=fields,
                present_anyway=data["present_anyway"],
                waiver_reason=data.get("waiver_reason", ""),
                replaces=replaces,
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(PresentationSerializer(presentation).data, status=status.HTTP_201_CREATED)

    def _presentation(self, credit: Credit, pk: int) -> Presentation:
        presentation = credit.presentations.filter(pk=pk).first()
        if presentation is None:
            raise serializers.ValidationError(
                {"presentation": ["Not a presentation of this credit."]}
            )
        return presentation

    @extend_schema(request=AnswerSerializer, responses=PresentationSerializer)
    @action(detail=True, methods=["post"], url_path="presentations/answer")
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """The bank's answer: paid, accepted (due later), or a discrepancy notice (art. 16)."""
        credit = self.get_object()
        params = AnswerSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        presentation = self._presentation(credit, data["presentation"])
        try:
            services.record_answer(
                presentation=presentation,
                answer=BankAnswer(
                    kind=data["kind"],
                    on=data["on"],
                    amount=data.get("amount"),
                    due_date=data.get("due_date"),
                    charges=data.get("charges"),
                    discrepancies=data.get("discrepancies", ""),
                    disposal=data.get("disposal", "holding_waiver"),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        presentation.refresh_from_db()
        return Response(PresentationSerializer(presentation).data)

    @extend_schema(request=OutcomeSerializer, responses=PresentationSerializer)
    @action(detail=True, methods=["post"], url_path="presentations/outcome")
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        """What became of a discrepancy notice: waived (paid), refused, corrected."""
        credit = self.get_object()
        params = OutcomeSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        presentation = self._presentation(credit, data["presentation"])
        notice = BankNotice.objects.filter(presentation=presentation).first()
        if notice is None:
            raise serializers.ValidationError({"presentation": ["No bank notice on it."]})
        try:
            services.record_outcome(
                notice=notice,
                outcome=data["outcome"],
                on=data.get("on"),
                amount=data.get("amount"),
                note=data.get("note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        presentation.refresh_from_db()
        return Response(PresentationSerializer(presentation).data)
