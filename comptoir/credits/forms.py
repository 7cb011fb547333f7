"""Forms of the credits area: they validate what was typed and give the services typed values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Field
from django.utils.translation import gettext_lazy

from comptoir.common.choices import currency_field_choices
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import INCOTERM_CHOICES
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Invoice, Order

from .inputs import (
    AMENDABLE,
    CREDIT_FIELDS,
    PRESENTABLE,
    AmendmentReceived,
    BankAnswer,
    CreditValues,
    DocumentValues,
    PresentationFields,
)
from .models import BankNotice, Credit, DocumentType, Issuer, RequiredDocument

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


#: The most purchase orders offered in the choice of an import credit.
MAX_ORDER_CHOICES = 200


class PurchaseOrderChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        order = cast(PurchaseOrder, obj)
        return f"{order.number} — {order.supplier.name} ({order.currency})"


class CreditForm(forms.ModelForm[Credit]):
    purchase_order = PurchaseOrderChoice(
        label=gettext_lazy("Purchase order paid"),
        queryset=PurchaseOrder.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Import: the purchase order paid by this credit (our orders sent to the supplier, "
            "paid by documentary credit). Its number becomes the purchase reference."
        ),
    )
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )
    incoterm = forms.ChoiceField(
        label=gettext_lazy("Incoterm® 2020"),
        choices=[("", "—"), *INCOTERM_CHOICES],
        required=False,
    )

    field_order = ["direction", "partner", "order", "purchase_order"]

    class Meta:
        model = Credit
        fields = ["direction", "partner", "order", "shipment", "handled_by", *CREDIT_FIELDS]
        widgets = {
            "issue_date": DATE,
            "expiry_date": DATE,
            "latest_shipment_date": DATE,
            "goods_description": TEXT,
            "special_conditions": TEXT,
            "notes": TEXT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = parties_selectors.active_companies()  # type: ignore[attr-defined]
        self.fields["order"].queryset = Order.objects.exclude(  # type: ignore[attr-defined]
            status="cancelled"
        ).select_related("client")
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["handled_by"].queryset = users  # type: ignore[attr-defined]
        self.fields["shipment"].required = False
        self.fields["purchase_order"].queryset = self._purchase_orders()  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.purchase_order_id and not self.is_bound:
            self.initial.setdefault("purchase_order", self.instance.purchase_order_id)
        for name in (
            "issuing_bank_bic",
            "advising_bank_bic",
            "confirming_bank_bic",
            "nominated_bank_bic",
        ):
            self.fields[name].widget.attrs["style"] = "text-transform: uppercase"

    def _purchase_orders(self) -> Any:
        """The supplier's L/C orders sent and not closed (every supplier's while none is
        chosen), plus the order already linked; the service checks the choice."""
        raw = self.data.get("partner") if self.is_bound else None
        if raw is None:
            raw = self.initial.get("partner") or self.instance.partner_id
        supplier = getattr(raw, "pk", raw)
        supplier_id = int(supplier) if str(supplier or "").isdigit() else None
        orders = purchasing_selectors.issued_orders(supplier_id, "lc")
        ids = list(orders.values_list("pk", flat=True)[:MAX_ORDER_CHOICES])
        if self.instance.purchase_order_id:
            ids.append(self.instance.purchase_order_id)
        return PurchaseOrder.objects.filter(pk__in=ids).select_related("supplier")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in (
            "issuing_bank_bic",
            "advising_bank_bic",
            "confirming_bank_bic",
            "nominated_bank_bic",
        ):
            if data.get(name):
                data[name] = data[name].replace(" ", "").upper()
        return data

    def values(self, documents: tuple[DocumentValues, ...]) -> CreditValues:
        data = self.cleaned_data
        given: dict[str, Any] = {name: data.get(name) for name in CREDIT_FIELDS}
        for name, value in list(given.items()):
            if value is None and name not in (
                "tolerance_plus_pct",
                "tolerance_minus_pct",
                "issue_date",
                "latest_shipment_date",
                "quantity",
                "unit_price",
                "amount",
                "expiry_date",
            ):
                given[name] = cast("Field[Any, Any]", Credit._meta.get_field(name)).get_default()
        return CreditValues(
            direction=data["direction"],
            partner=data["partner"],
            order=data.get("order"),
            shipment=data.get("shipment"),
            handled_by=data.get("handled_by"),
            documents=documents,
            purchase_order=data.get("purchase_order")
            if data.get("direction") == "import"
            else None,
            **given,
        )


class DocumentForm(forms.Form):
    type = forms.ChoiceField(
        label=gettext_lazy("Document"), choices=[("", "—"), *DocumentType.choices], required=False
    )
    originals = forms.IntegerField(
        label=gettext_lazy("Originals"), min_value=0, max_value=10, initial=1
    )
    copies = forms.IntegerField(label=gettext_lazy("Copies"), min_value=0, max_value=20, initial=0)
    issuer = forms.ChoiceField(
        label=gettext_lazy("Issued by"), choices=[("", "—"), *Issuer.choices], required=False
    )
    legalised = forms.BooleanField(label=gettext_lazy("Legalised"), required=False)
    consignee = forms.CharField(label=gettext_lazy("Consignee"), max_length=200, required=False)
    notify = forms.CharField(label=gettext_lazy("Notify party"), max_length=200, required=False)
    freight = forms.ChoiceField(
        label=gettext_lazy("Freight"),
        choices=[
            ("", "—"),
            ("prepaid", gettext_lazy("prepaid")),
            ("collect", gettext_lazy("collect")),
        ],
        required=False,
    )
    clean_on_board = forms.BooleanField(label=gettext_lazy("Clean on board"), required=False)
    cover_pct = forms.DecimalField(
        label=gettext_lazy("Cover (%)"), max_digits=5, decimal_places=2, required=False
    )
    risks = forms.CharField(label=gettext_lazy("Risks"), max_length=120, required=False)
    details = forms.CharField(label=gettext_lazy("Other details"), max_length=1000, required=False)

    def value(self) -> DocumentValues | None:
        data = self.cleaned_data
        if not data.get("type"):
            return None
        return DocumentValues(
            type=data["type"],
            originals=data.get("originals") or 0,
            copies=data.get("copies") or 0,
            issuer=data.get("issuer") or "",
            legalised=bool(data.get("legalised")),
            consignee=data.get("consignee") or "",
            notify=data.get("notify") or "",
            freight=data.get("freight") or "",
            clean_on_board=bool(data.get("clean_on_board")),
            cover_pct=data.get("cover_pct"),
            risks=data.get("risks") or "",
            details=data.get("details") or "",
        )


DocumentFormSet = forms.formset_factory(DocumentForm, extra=2, max_num=30, absolute_max=30)


def document_initial(documents: list[RequiredDocument]) -> list[dict[str, Any]]:
    return [
        {
            "type": d.type,
            "originals": d.originals,
            "copies": d.copies,
            "issuer": d.issuer,
            "legalised": d.legalised,
            "consignee": d.consignee,
            "notify": d.notify,
            "freight": d.freight,
            "clean_on_board": d.clean_on_board,
            "cover_pct": d.cover_pct,
            "risks": d.risks,
            "details": d.details,
        }
        for d in documents
    ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Credit.Status.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)


class AmendmentRequestForm(forms.Form):
    request_text = forms.CharField(
        label=gettext_lazy("Amendments to request from the applicant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AmendmentReceivedForm(forms.Form):
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE)
    description = forms.CharField(
        label=gettext_lazy("Amendment as advised by the bank"),
        max_length=5000,
        required=False,
        widget=TEXT,
    )
    changes = forms.CharField(
        label=gettext_lazy("Changes to the credit"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": "amount = 105000\nlatest_shipment_date = 2027-05-15"}
        ),
        help_text=gettext_lazy("One change a line: field = new value. Fields: %(fields)s."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["changes"].help_text = str(self.fields["changes"].help_text) % {
            "fields": ", ".join(AMENDABLE)
        }

    def clean_changes(self) -> dict[str, str]:
        changes: dict[str, str] = {}
        for line in (self.cleaned_data.get("changes") or "").splitlines():
            if not line.strip():
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise forms.ValidationError(
                    gettext_lazy("Write each change as: field = new value.")
                )
            changes[name.strip()] = value.strip()
        return changes

    def values(self) -> AmendmentReceived:
        data = self.cleaned_data
        return AmendmentReceived(
            received_on=data["received_on"],
            description=data.get("description") or "",
            changes=data.get("changes") or {},
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("accept", gettext_lazy("Accept")), ("refuse", gettext_lazy("Refuse"))],
    )
    on = forms.DateField(label=gettext_lazy("Date"), required=False, widget=DATE)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)


class PresentationForm(forms.Form):
    presented_on = forms.DateField(label=gettext_lazy("Presentation date"), widget=DATE)
    bank = forms.CharField(label=gettext_lazy("Presented to (bank)"), max_length=120)
    documents = forms.MultipleChoiceField(
        label=gettext_lazy("Documents presented"),
        choices=[(t, t) for t in PRESENTABLE],
        widget=forms.CheckboxSelectMultiple,
    )
    invoice = forms.ModelChoiceField(
        label=gettext_lazy("Invoice"), queryset=Invoice.objects.none(), required=False
    )
    invoice_issuer = forms.CharField(
        label=gettext_lazy("Invoice: issued by"), max_length=200, required=False
    )
    invoice_addressee = forms.CharField(
        label=gettext_lazy("Invoice: made out to"), max_length=200, required=False
    )
    invoice_date = forms.DateField(label=gettext_lazy("Invoice: date"), required=False, widget=DATE)
    invoice_currency = forms.CharField(
        label=gettext_lazy("Invoice: currency"), max_length=3, required=False
    )
    invoice_amount = forms.DecimalField(
        label=gettext_lazy("Invoice: amount"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    invoice_quantity = forms.DecimalField(
        label=gettext_lazy("Invoice: quantity"),
        max_digits=14,
        decimal_places=3,
        min_value=0,
        required=False,
    )
    invoice_unit_price = forms.DecimalField(
        label=gettext_lazy("Invoice: unit price"),
        max_digits=14,
        decimal_places=4,
        min_value=0,
        required=False,
    )
    invoice_description = forms.CharField(
        label=gettext_lazy("Invoice: description of the goods"),
        max_length=1000,
        required=False,
        widget=TEXT,
    )
    invoice_incoterm = forms.CharField(
        label=gettext_lazy("Invoice: Incoterm"), max_length=3, required=False
    )
    invoice_place = forms.CharField(
        label=gettext_lazy("Invoice: named place"), max_length=120, required=False
    )
    bl_number = forms.CharField(label=gettext_lazy("B/L: number"), max_length=60, required=False)
    bl_date = forms.DateField(label=gettext_lazy("B/L: date of issue"), required=False, widget=DATE)
    on_board_date = forms.DateField(
        label=gettext_lazy("B/L: on board date"), required=False, widget=DATE
    )
    port_of_loading = forms.CharField(
        label=gettext_lazy("B/L: port of loading"), max_length=120, required=False
    )
    port_of_discharge = forms.CharField(
        label=gettext_lazy("B/L: port of discharge"), max_length=120, required=False
    )
    bl_clean = forms.BooleanField(
        label=gettext_lazy("B/L: clean (no clause on the goods)"), required=False
    )
    bl_clauses = forms.CharField(label=gettext_lazy("B/L: clauses"), max_length=500, required=False)
    bl_originals_issued = forms.IntegerField(
        label=gettext_lazy("B/L: originals issued"), min_value=0, max_value=10, required=False
    )
    bl_originals_presented = forms.IntegerField(
        label=gettext_lazy("B/L: originals presented"), min_value=0, max_value=10, required=False
    )
    bl_freight = forms.ChoiceField(
        label=gettext_lazy("B/L: freight"),
        choices=[
            ("", "—"),
            ("prepaid", gettext_lazy("prepaid")),
            ("collect", gettext_lazy("collect")),
        ],
        required=False,
    )
    bl_transhipment = forms.BooleanField(
        label=gettext_lazy("B/L: shows transhipment"), required=False
    )
    bl_containerised = forms.BooleanField(
        label=gettext_lazy("B/L: goods in containers"), required=False
    )
    bl_gross_weight_kg = forms.DecimalField(
        label=gettext_lazy("B/L: gross weight (kg)"),
        max_digits=12,
        decimal_places=3,
        min_value=0,
        required=False,
    )
    bl_description = forms.CharField(
        label=gettext_lazy("B/L: goods"), max_length=1000, required=False
    )
    insurance_date = forms.DateField(
        label=gettext_lazy("Insurance: date"), required=False, widget=DATE
    )
    insurance_effective_date = forms.DateField(
        label=gettext_lazy("Insurance: cover effective from"), required=False, widget=DATE
    )
    insurance_currency = forms.CharField(
        label=gettext_lazy("Insurance: currency"), max_length=3, required=False
    )
    insurance_amount = forms.DecimalField(
        label=gettext_lazy("Insurance: amount insured"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    insurance_risks = forms.CharField(
        label=gettext_lazy("Insurance: risks covered"), max_length=120, required=False
    )
    packing_date = forms.DateField(
        label=gettext_lazy("Packing list: date"), required=False, widget=DATE
    )
    packing_gross_weight_kg = forms.DecimalField(
        label=gettext_lazy("Packing list: gross weight (kg)"),
        max_digits=12,
        decimal_places=3,
        min_value=0,
        required=False,
    )
    packing_packages = forms.IntegerField(
        label=gettext_lazy("Packing list: packages"), min_value=0, max_value=100000, required=False
    )
    origin_date = forms.DateField(
        label=gettext_lazy("Certificate of origin: date"), required=False, widget=DATE
    )
    origin_country = forms.CharField(
        label=gettext_lazy("Certificate of origin: country"), max_length=2, required=False
    )
    present_anyway = forms.BooleanField(
        label=gettext_lazy("Present anyway, and ask the applicant for a waiver"), required=False
    )
    waiver_reason = forms.CharField(
        label=gettext_lazy("Why present with these discrepancies"), max_length=300, required=False
    )

    def __init__(self, *args: Any, credit: Credit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from . import selectors

        self.fields["invoice"].queryset = selectors.invoices_of(credit)  # type: ignore[attr-defined]
        labels = dict(DocumentType.choices)
        self.fields["documents"].choices = [(t, labels[t]) for t in PRESENTABLE]  # type: ignore[attr-defined]

    def values(self) -> PresentationFields:
        data = self.cleaned_data
        names = [f for f in PresentationFields.__dataclass_fields__ if f not in ("documents",)]
        given: dict[str, Any] = {name: data.get(name) for name in names}
        for name, value in list(given.items()):
            if value is None and isinstance(
                PresentationFields.__dataclass_fields__[name].default, str
            ):
                given[name] = ""
        given["bl_clean"] = bool(data.get("bl_clean"))
        given["bl_transhipment"] = bool(data.get("bl_transhipment"))
        given["bl_containerised"] = bool(data.get("bl_containerised"))
        given["invoice_currency"] = (data.get("invoice_currency") or "").upper()
        given["insurance_currency"] = (data.get("insurance_currency") or "").upper()
        given["origin_country"] = (data.get("origin_country") or "").upper()
        return PresentationFields(documents=tuple(data["documents"]), **given)


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("The bank's answer"),
        choices=[
            ("paid", gettext_lazy("Compliant: paid")),
            ("accepted", gettext_lazy("Compliant: deferred payment or draft accepted")),
            ("discrepant", gettext_lazy("Discrepancies notified (refusal notice)")),
        ],
    )
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount received"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    due_date = forms.DateField(label=gettext_lazy("Due date"), required=False, widget=DATE)
    charges = forms.DecimalField(
        label=gettext_lazy("Bank charges or discrepancy fee"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    discrepancies = forms.CharField(
        label=gettext_lazy("Discrepancies listed by the bank"),
        max_length=5000,
        required=False,
        widget=TEXT,
    )
    disposal = forms.ChoiceField(
        label=gettext_lazy("The bank"), choices=BankNotice.Disposal.choices, required=False
    )

    def values(self) -> BankAnswer:
        data = self.cleaned_data
        return BankAnswer(
            kind=data["kind"],
            on=data["on"],
            amount=data.get("amount"),
            due_date=data.get("due_date"),
            charges=data.get("charges"),
            discrepancies=data.get("discrepancies") or "",
            disposal=data.get("disposal") or "holding_waiver",
        )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[c for c in BankNotice.Outcome.choices if c[0] != "pending"],
    )
    on = forms.DateField(label=gettext_lazy("Date"), required=False, widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount received"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)


class PaidForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Paid on"), widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount received"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )


ZERO = Decimal(0)
