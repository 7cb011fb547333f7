"""Documentary collections in the API: the serializers validate what the client sent and call
the same services as the screens (``comptoir.doc_collections.services``); refusals are JSON
naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.doc_collections import letters, selectors, services
from comptoir.doc_collections.inputs import STEPS, CollectionValues, DocumentValues, StepValues
from comptoir.doc_collections.models import (
    Charges,
    Collection,
    CollectionDocument,
    DocumentKind,
    Kind,
    Tenor,
)
from comptoir.documents.pdf import pdf_response
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice, Order
from comptoir.shipping.models import Shipment

from .errors import refusal as _refusal

#: The follow-up steps as choices (named CollectionStepEnum in the schema).
STEP_CHOICES = [(s, s) for s in STEPS]


class DocumentSerializer(serializers.ModelSerializer[CollectionDocument]):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    originals = serializers.IntegerField(min_value=0, max_value=20, default=1)
    copies = serializers.IntegerField(min_value=0, max_value=20, default=0)

    class Meta:
        model = CollectionDocument
        fields = ["id", "kind", "reference", "originals", "copies"]


class CollectionSerializer(serializers.ModelSerializer[Collection]):
    client = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(roles__contains=",client,")
    )
    invoices = serializers.PrimaryKeyRelatedField(
        queryset=Invoice.objects.all(),
        many=True,
        help_text="Issued invoices of the client, in one currency (at most 50).",
    )
    order = serializers.PrimaryKeyRelatedField(
        queryset=Order.objects.all(), required=False, allow_null=True
    )
    shipment = serializers.PrimaryKeyRelatedField(
        queryset=Shipment.objects.all(), required=False, allow_null=True
    )
    remitting_bank = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(roles__contains=",bank,"), required=False, allow_null=True
    )
    collecting_bank = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(roles__contains=",bank,"), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=Kind.choices)
    tenor = serializers.ChoiceField(choices=Tenor.choices)
    tenor_days = serializers.IntegerField(min_value=0, max_value=720, default=0)
    charges = serializers.ChoiceField(choices=Charges.choices, default=Charges.SHARED)
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="Empty: what is still due on the invoices.",
    )
    remitting_bank_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    collecting_bank_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    collecting_bank_bic = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="ISO 9362, checked."
    )
    drawee_address = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Empty: the client's billing address.",
    )
    chase_after_days = serializers.IntegerField(min_value=1, max_value=120, default=10)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Collection
        fields = [
            "id",
            "number",
            "client",
            "invoices",
            "order",
            "shipment",
            "kind",
            "tenor",
            "tenor_days",
            "fixed_due_date",
            "bl_date",
            "invoice_date",
            "amount",
            "currency",
            "drawee_address",
            "remitting_bank",
            "remitting_bank_name",
            "remitting_bank_bic",
            "remitting_reference",
            "collecting_bank",
            "collecting_bank_name",
            "collecting_bank_bic",
            "collecting_bank_address",
            "collecting_reference",
            "bill_of_exchange",
            "charges",
            "charges_waivable",
            "interest_rate",
            "protest_non_payment",
            "protest_non_acceptance",
            "unpaid_instructions",
            "case_of_need",
            "case_of_need_powers",
            "advise_by",
            "chase_after_days",
            "status",
            "sent_on",
            "at_bank_on",
            "accepted_on",
            "due_date",
            "paid_on",
            "amount_received",
            "bank_charges",
            "unpaid_on",
            "unpaid_reason",
            "protested_on",
            "returned_on",
            "notes",
            "documents",
        ]
        read_only_fields = [
            "number",
            "invoice_date",
            "currency",
            "status",
            "sent_on",
            "at_bank_on",
            "accepted_on",
            "due_date",
            "paid_on",
            "amount_received",
            "bank_charges",
            "unpaid_on",
            "unpaid_reason",
            "protested_on",
            "returned_on",
        ]
        extra_kwargs = {
            name: {"max_length": 2000}
            for name in (
                "unpaid_instructions",
                "case_of_need_powers",
                "collecting_bank_address",
                "notes",
            )
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for prefix in ("remitting_bank", "collecting_bank"):
            bank = attrs.get(prefix)
            if bank is not None:
                attrs[f"{prefix}_name"] = (
                    attrs.get(f"{prefix}_name") or bank.legal_name or bank.name
                )
                attrs[f"{prefix}_bic"] = attrs.get(f"{prefix}_bic") or bank.bic
        errors: dict[str, list[str]] = {}
        if not attrs.get("remitting_bank_name") and not (
            self.instance and self.instance.remitting_bank_name
        ):
            errors["remitting_bank_name"] = ["Name our bank, or give remitting_bank."]
        if not attrs.get("collecting_bank_bic") and not (
            self.instance and self.instance.collecting_bank_bic
        ):
            errors["collecting_bank_bic"] = ["The collecting bank's BIC, or give collecting_bank."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _values(self, data: dict[str, Any]) -> CollectionValues:
        current = self.instance
        merged: dict[str, Any] = {}
        if current is not None:
            for name in CollectionValues.__dataclass_fields__:
                if hasattr(current, name):
                    merged[name] = getattr(current, name)
            merged["invoices"] = tuple(current.invoices.all())
        merged.update({k: v for k, v in data.items() if k in CollectionValues.__dataclass_fields__})
        merged["invoices"] = tuple(merged.get("invoices") or ())
        merged.setdefault("handled_by", acting_user(self.context["request"]))
        for name in ("remitting_bank_name", "collecting_bank_name", "collecting_bank_bic"):
            merged[name] = merged.get(name) or ""
        return CollectionValues(**merged)

    def create(self, validated_data: dict[str, Any]) -> Collection:
        try:
            return services.create_collection(
                values=self._values(validated_data), user=acting_user(self.context["request"])
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def update(self, instance: Collection, validated_data: dict[str, Any]) -> Collection:
        try:
            return services.update_collection(
                collection=instance,
                values=self._values(validated_data),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class CollectionStepSerializer(serializers.Serializer[Any]):
    step = serializers.ChoiceField(choices=STEP_CHOICES)
    on = serializers.DateField()
    reference = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    amount_received = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="paid: the amount the drawee paid (default: the collection's amount).",
    )
    bank_charges = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), default=Decimal("0")
    )
    eur_per_unit = serializers.DecimalField(
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        required=False,
        allow_null=True,
        help_text="paid in a currency other than EUR: the bank's rate (EUR per unit).",
    )


class RemoveDocumentSerializer(serializers.Serializer[Any]):
    document = serializers.IntegerField(min_value=1)


PDF_RESPONSES = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
    404: OpenApiResponse(description="No such collection (or no bill of exchange)."),
}
LANG = OpenApiParameter(
    "lang", str, enum=list(letters.LANGUAGES), description="Default: the reader's language."
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, client, bank or invoice."),
            OpenApiParameter("status", str, enum=Collection.Status.values),
            OpenApiParameter("kind", str, enum=Kind.values),
            OpenApiParameter("open", str, enum=["1"], description="Only collections not finished."),
        ]
    )
)
class CollectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Collection],
):
    """Documentary collections (URC 522): D/P or D/A on issued invoices. Create one, list
    its documents, then follow it up with ``step`` (sent, at_bank, accepted, paid, unpaid,
    protested, returned); ``paid`` records the payment on the invoices."""

    serializer_class = CollectionSerializer
    filter_backends: list[Any] = []

    def _done(self, collection: Collection) -> Response:
        """The collection as it is now (not the list's prefetched documents)."""
        return Response(self.get_serializer(selectors.collection_for_page(collection.pk)).data)

    def get_queryset(self) -> QuerySet[Collection]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.collection_list(params).prefetch_related("documents", "invoices")

    @extend_schema(request=DocumentSerializer, responses=CollectionSerializer)
    @action(detail=True, methods=["post"])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        """Add a document sent with the collection (while it is a draft)."""
        params = DocumentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        collection = self.get_object()
        data = params.validated_data
        try:
            services.add_document(
                collection=collection,
                values=DocumentValues(
                    kind=data["kind"],
                    reference=data.get("reference", ""),
                    originals=data["originals"],
                    copies=data["copies"],
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(collection)

    @extend_schema(request=RemoveDocumentSerializer, responses=CollectionSerializer)
    @action(detail=True, methods=["post"], url_path="remove-document")
    def remove_document(self, request: Request, pk: str | None = None) -> Response:
        params = RemoveDocumentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        collection = self.get_object()
        document = collection.documents.filter(pk=params.validated_data["document"]).first()
        if document is None:
            raise serializers.ValidationError({"document": ["Not a document of this collection."]})
        try:
            services.remove_document(document=document, user=acting_user(request))
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(collection)

    @extend_schema(request=CollectionStepSerializer, responses=CollectionSerializer)
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str | None = None) -> Response:
        """What the bank advised: the collection moves on (the allowed next steps only)."""
        params = CollectionStepSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        collection = self.get_object()
        try:
            services.record_step(
                collection=collection,
                values=StepValues(
                    step=data["step"],
                    on=data["on"],
                    reference=data.get("reference", ""),
                    reason=data.get("reason", ""),
                    amount_received=data.get("amount_received"),
                    bank_charges=data["bank_charges"],
                    eur_per_unit=data.get("eur_per_unit"),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(collection)

    def _language(self, request: Request) -> str:
        lang = request.query_params.get("lang", "")
        if lang and lang not in letters.LANGUAGES:
            raise serializers.ValidationError({"lang": ["fr or en."]})
        return lang

    @extend_schema(parameters=[LANG], responses=PDF_RESPONSES)
    @action(detail=True, methods=["get"])
    def instruction(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The collection instruction to our bank as PDF."""
        collection = self.get_object()
        lang = self._language(request) or letters.default_language(collection, "instruction")
        return pdf_response(
            letters.instruction_pdf(collection, lang), f"{collection.number}-instruction.pdf"
        )

    @extend_schema(parameters=[LANG], responses=PDF_RESPONSES)
    @action(detail=True, methods=["get"])
    def bill(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The bill of exchange as PDF (404 when the collection draws none)."""
        collection = self.get_object()
        if not collection.bill_of_exchange:
            from django.http import Http404

            raise Http404
        lang = self._language(request) or letters.default_language(collection, "bill")
        return pdf_response(letters.bill_pdf(collection, lang), f"{collection.number}-bill.pdf")
