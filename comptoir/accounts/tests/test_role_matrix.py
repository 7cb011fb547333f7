"""The role matrix as a table: every role x every (record, action) of accounts.roles.MATRIX,
each through the real service that does it. A role at or above the matrix's minimum gets
the work done; a lower one gets PermissionDenied and nothing is written."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from comptoir.accounts.roles import MATRIX, ROLES_IN_ORDER, Action, Record, Role, has_role
from comptoir.audit import delete_instance, save_instance
from comptoir.calculators.models import ExchangeRate
from comptoir.catalog import services as catalog
from comptoir.catalog.models import PriceList, PriceListItem, Product
from comptoir.freight import services as freight
from comptoir.freight.inputs import RequestValues as FreightRequestValues
from comptoir.freight.inputs import Weights as FreightWeights
from comptoir.logistics import runner
from comptoir.logistics.models import Equipment
from comptoir.origin import services as origin_services
from comptoir.origin.inputs import AgreementValues, DeclarationValues, OriginValues
from comptoir.origin.models import Agreement
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact, CountrySheet, Task
from comptoir.sales import billing, collection, services
from comptoir.sales.models import (
    AgentContract,
    DunningLevel,
    Invoice,
    Offer,
    Order,
    SellerProfile,
)
from comptoir.sales.services import LineValues, OfferDetails, OrderDetails
from comptoir.sales.terms import TradeTermsValues
from comptoir.sales.tests.conftest import make_order
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues
from comptoir.shipping_documents import services as shipping_documents
from comptoir.shipping_documents.services import ReceivedValues
from conftest import make_user

pytestmark = pytest.mark.django_db

SYSTEM = None  # the command line / demo builder: prepares what each case needs
TODAY = dt.date.today()
HS_CSV = (
    "section,hscode,description,parent,level\n"
    "XV,73,Articles of iron or steel,TOTAL,2\n"
    "XV,7323,Table and kitchen articles,73,4\n"
    "XV,732392,Of cast iron enamelled,7323,6\n"
)


# ----------------------------------------------------------------------------- preparations


def _confirmed(w: Any) -> Order:
    return services.confirm_order(order=make_order(w.client, w.product, "10", "79"), user=SYSTEM)


def _delivered(w: Any) -> Any:
    order = _confirmed(w)
    line = order.lines.get()
    return services.create_delivery(
        order=order, user=SYSTEM, planned_date=TODAY, quantities={line.pk: line.quantity}
    )


def _shipment(w: Any) -> Any:
    return shipping.create_from_deliveries(deliveries=[_delivered(w)], mode="air", user=SYSTEM)


def _draft_invoice(w: Any) -> Invoice:
    return billing.draft_from_order(order=_confirmed(w), user=SYSTEM)


def _issued_invoice(w: Any, day: dt.date | None = None) -> Invoice:
    return billing.issue(invoice=_draft_invoice(w), user=SYSTEM, issue_date=day)


def _credit_draft(w: Any) -> Invoice:
    invoice = _issued_invoice(w)
    line = invoice.lines.get()
    return billing.draft_credit_note(
        invoice=invoice, user=SYSTEM, quantities={line.pk: Decimal("1")}, reason="1 damaged"
    )


def _terms() -> TradeTermsValues:
    return TradeTermsValues(
        currency="EUR",
        incoterm="FCA",
        incoterm_place="Thiers",
        payment_days=30,
        payment_end_of_month=False,
        payment_instrument="open_account",
        transport_mode="road",
        language="en",
    )


def _lines(w: Any) -> list[LineValues]:
    return [LineValues(product=w.product, quantity=Decimal("10"), unit_price=Decimal("79"))]


def _save_offer(w: Any, user: Any) -> Offer:
    """The screens and the API validate at the edge; the service takes the clean values."""
    return services.save_offer(
        offer=None,
        client=w.client,
        details=OfferDetails(
            offer_date=TODAY,
            valid_until=TODAY + dt.timedelta(days=30),
            lead_time="2 weeks",
            target_margin_pct=Decimal("30"),
        ),
        terms=_terms(),
        lines=_lines(w),
        user=user,
    )


def _save_order(w: Any, user: Any) -> Order:
    return services.save_order(
        order=None,
        client=w.client,
        details=OrderDetails(client_reference="PO-7", order_date=TODAY),
        terms=_terms(),
        lines=_lines(w),
        user=user,
    )


def _sent_offer(w: Any) -> Offer:
    return _save_offer(w, SYSTEM)


def _new_product(reference: str) -> Product:
    return Product(
        reference=reference,
        name_fr="Poêle",
        name_en="Pan",
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=Decimal("1"),
        gross_weight_kg=Decimal("1.2"),
        cost_price=Decimal("10"),
    )


def _equipment(code: str = "BOX10") -> Equipment:
    return Equipment(
        code=code,
        name_fr="Caisse 10 m",
        name_en="Box 10 m",
        kind=Equipment.Kind.TRUCK,
        length_cm=Decimal("1000"),
        width_cm=Decimal("240"),
        height_cm=Decimal("250"),
        max_payload_kg=Decimal("12000"),
    )


def _dunning_level() -> DunningLevel:
    """The procedure's first level (the migrations install the usual three)."""
    return DunningLevel.objects.order_by("level").first()  # type: ignore[return-value]


def _user_admin_allows(user: Any) -> None:
    """Users are managed in the admin site; its permission follows the matrix."""
    user.is_staff = True  # Django's own gate is not what is tested here
    request = RequestFactory().get("/admin/auth/user/")
    request.user = user
    if not admin.site._registry[User].has_change_permission(request):
        raise PermissionDenied


def _view(w: Any, user: Any, url: str) -> None:
    w.http.force_login(user)
    if w.http.get(url).status_code == 403:
        raise PermissionDenied


def _claim_shipment(w: Any) -> Any:
    """A road shipment to Germany with its carrier, for the transport claim cases."""
    from comptoir.shipping import services as shipping
    from comptoir.shipping.inputs import ShipmentDetails

    carrier = Company(name="Spedition Huber", country="DE", city="München")
    carrier.role_list = ["carrier"]
    carrier.save()
    return shipping.create_shipment(
        details=ShipmentDetails(
            mode="road_groupage",
            partner=w.client,
            incoterm="DAP",
            origin_country="FR",
            destination_country="DE",
            value=Decimal("1000"),
            carrier=carrier,
            gross_weight_kg=Decimal("500"),
        ),
        lines=[],
        user=SYSTEM,
    )


def _open_claim(w: Any, user: Any) -> Any:
    from comptoir.claims import services as claims
    from comptoir.claims.inputs import ClaimFacts

    shipment = _claim_shipment(w)
    return claims.create_claim(
        shipment=shipment,
        facts=ClaimFacts(
            kind="damage",
            apparent=True,
            description="2 cartons crushed",
            discovered_on=TODAY,
            delivery_date=TODAY,
            weight_affected_kg=Decimal("40"),
            amount_claimed=Decimal("600"),
            currency="EUR",
            carrier=shipment.carrier,
        ),
        user=user,
    )


def _settle_claim(w: Any, user: Any) -> Any:
    from comptoir.claims import services as claims

    return claims.set_status(claim=_open_claim(w, SYSTEM), status="settled", user=user)


def _collection_invoice(w: Any) -> Any:
    """An issued invoice of the world's client, as the collection cases need one."""
    from comptoir.sales.models import Invoice

    count = Invoice.objects.count() + 1
    return Invoice.objects.create(
        kind="invoice",
        status="issued",
        number=f"FA-RM-{count:04d}",
        client=w.client,
        currency="EUR",
        issue_date=TODAY,
        due_date=TODAY + dt.timedelta(days=30),
        gross_total=Decimal("1000"),
        balance_due=Decimal("1000"),
    )


def _collection(w: Any, user: Any) -> Any:
    from comptoir.doc_collections import services as doc_collections
    from comptoir.doc_collections.inputs import CollectionValues

    return doc_collections.create_collection(
        values=CollectionValues(
            client=w.client,
            invoices=(_collection_invoice(w),),
            kind="dp",
            tenor="sight",
            remitting_bank_name="Crédit Agricole",
            collecting_bank_name="Deutsche Bank",
            collecting_bank_bic="DEUTDEFF",
            unpaid_instructions="Store and insure the goods.",
        ),
        user=user,
    )


def _collection_document(w: Any, user: Any) -> Any:
    from comptoir.doc_collections import services as doc_collections
    from comptoir.doc_collections.inputs import DocumentValues

    return doc_collections.add_document(
        collection=_collection(w, SYSTEM),
        values=DocumentValues(kind="bill_of_lading", originals=3),
        user=user,
    )


def _guarantee(w: Any, user: Any) -> Any:
    from comptoir.guarantees import services as guarantees
    from comptoir.guarantees.inputs import GuaranteeValues

    return guarantees.create_guarantee(
        values=GuaranteeValues(
            direction="given",
            kind="performance",
            partner=w.client,
            amount=Decimal("5000"),
            currency="EUR",
            issuing_bank_name="Crédit Agricole",
            issue_date=TODAY,
            expiry_date=TODAY + dt.timedelta(days=365),
        ),
        user=user,
    )


def _amend_guarantee(w: Any, user: Any) -> Any:
    from comptoir.guarantees import services as guarantees
    from comptoir.guarantees.inputs import AmendmentValues

    return guarantees.amend(
        guarantee=_guarantee(w, SYSTEM),
        values=AmendmentValues(
            on=TODAY, description="Extension", new_expiry_date=TODAY + dt.timedelta(days=500)
        ),
        user=user,
    )


def _release_guarantee(w: Any, user: Any) -> Any:
    from comptoir.guarantees import services as guarantees

    return guarantees.release(
        guarantee=_guarantee(w, SYSTEM), on=TODAY, how="release_letter", user=user
    )


def _po(w: Any, user: Any, issue: bool = True) -> Any:
    from comptoir.purchasing import services as purchasing
    from comptoir.purchasing.inputs import LineValues as PoLine
    from comptoir.purchasing.inputs import OrderValues as PoValues

    supplier = w.client
    if not supplier.has_role("supplier"):
        supplier.role_list = [*supplier.role_list, "supplier"]
        supplier.save()
    order = purchasing.create_order(
        values=PoValues(
            supplier=supplier,
            order_date=TODAY,
            currency="USD",
            incoterm="FOB",
            named_place="Ningbo",
            payment_instrument="deposit",
            deposit_pct=Decimal("30"),
            balance_trigger="bl_copy",
        ),
        lines=[PoLine(product=w.product, quantity=Decimal("100"), unit_price=Decimal("2"))],
        user=user,
    )
    return purchasing.issue_order(order=order, user=SYSTEM) if issue else order


def _po_services() -> Any:
    from comptoir.purchasing import services as purchasing

    return purchasing


def _po_receipt(w: Any, user: Any, short: bool = False) -> Any:
    from comptoir.purchasing.inputs import ReceiptLineValues, ReceiptValues

    order = _po(w, SYSTEM)
    line = order.lines.get()
    return _po_services().record_receipt(
        order=order,
        values=ReceiptValues(received_on=TODAY),
        lines=[ReceiptLineValues(line=line, quantity_received=Decimal("90" if short else "100"))],
        user=user,
    )


# ----------------------------------------------------------------------------- the table

#: (record, action) -> the real service call, given the prepared world and the user.
CASES: dict[tuple[Any, Any], Callable[[Any, Any], Any]] = {
    (Record.COMPANY, Action.VIEW): lambda w, u: _view(w, u, "/parties/companies/"),
    (Record.COMPANY, Action.CREATE): lambda w, u: save_instance(
        Company(name="Nouveau client", country="FR", roles=",client,"), u
    ),
    (Record.COMPANY, Action.CHANGE): lambda w, u: save_instance(_with(w.client, city="Lyon"), u),
    (Record.CONTACT, Action.VIEW): lambda w, u: _view(w, u, "/parties/contacts/"),
    (Record.CONTACT, Action.CREATE): lambda w, u: save_instance(
        Contact(company=w.client, last_name="Durand"), u
    ),
    (Record.CONTACT, Action.CHANGE): lambda w, u: parties.set_opt_out(
        contact=w.contact, opted_out=True, user=u
    ),
    (Record.CONTACT, Action.DELETE): lambda w, u: parties.erase_person(contact=w.contact, user=u),
    (Record.ACTIVITY, Action.VIEW): lambda w, u: _view(w, u, w.client.get_absolute_url()),
    (Record.ACTIVITY, Action.CREATE): lambda w, u: parties.log_activity(
        company=w.client, user=u, kind="note", subject="Called"
    ),
    (Record.TASK, Action.VIEW): lambda w, u: _view(w, u, "/parties/tasks/"),
    (Record.TASK, Action.CREATE): lambda w, u: save_instance(
        Task(title="Call back", due_date=TODAY, assigned_to=w.owner), u
    ),
    (Record.TASK, Action.CHANGE): lambda w, u: parties.complete_task(w.task, u),
    (Record.COUNTRY_SHEET, Action.VIEW): lambda w, u: _view(w, u, "/parties/countries/JP/"),
    (Record.COUNTRY_SHEET, Action.CREATE): lambda w, u: save_instance(
        CountrySheet(country="JP", risk_notes="Low"), u
    ),
    (Record.COUNTRY_SHEET, Action.CHANGE): lambda w, u: save_instance(
        _with(w.sheet, risk_notes="Watch the yen"), u
    ),
    (Record.PRODUCT, Action.VIEW): lambda w, u: _view(w, u, "/catalog/products/"),
    (Record.PRODUCT, Action.CREATE): lambda w, u: save_instance(_new_product("PAN-28"), u),
    (Record.PRODUCT, Action.CHANGE): lambda w, u: save_instance(
        _with(w.product, name_en="Round casserole"), u
    ),
    (Record.PRICE_LIST, Action.VIEW): lambda w, u: _view(w, u, "/catalog/price-lists/"),
    (Record.PRICE_LIST, Action.CREATE): lambda w, u: save_instance(
        PriceListItem(price_list=w.price_list, product=w.product, min_quantity=50, unit_price=70),
        u,
    ),
    (Record.PRICE_LIST, Action.CHANGE): lambda w, u: save_instance(
        _with(w.price_list, name="Export 2027"), u
    ),
    (Record.PRICE_LIST, Action.DELETE): lambda w, u: delete_instance(w.price_item, u),
    (Record.HS_NOMENCLATURE, Action.VIEW): lambda w, u: _view(w, u, "/catalog/hs/"),
    (Record.HS_NOMENCLATURE, Action.ADMINISTER): lambda w, u: catalog.import_hs_nomenclature(
        stream=io.StringIO(HS_CSV), user=u
    ),
    (Record.EQUIPMENT, Action.VIEW): lambda w, u: _view(w, u, "/logistics/equipment/"),
    (Record.EQUIPMENT, Action.CREATE): lambda w, u: save_instance(_equipment("BOX12"), u),
    (Record.EQUIPMENT, Action.CHANGE): lambda w, u: save_instance(
        _with(w.equipment, freight_price=Decimal("1800")), u
    ),
    (Record.EXCHANGE_RATE, Action.VIEW): lambda w, u: _view(w, u, "/calculators/exchange-rates/"),
    (Record.EXCHANGE_RATE, Action.CREATE): lambda w, u: save_instance(
        ExchangeRate(from_currency="USD", to_currency="EUR", valid_from=TODAY, rate="0.9"), u
    ),
    (Record.OFFER, Action.VIEW): lambda w, u: _view(w, u, "/sales/offers/"),
    (Record.OFFER, Action.CREATE): lambda w, u: _save_offer(w, u),
    (Record.OFFER, Action.CHANGE): lambda w, u: services.send_offer(offer=_sent_offer(w), user=u),
    (Record.ORDER, Action.VIEW): lambda w, u: _view(w, u, "/sales/orders/"),
    (Record.ORDER, Action.CREATE): lambda w, u: _save_order(w, u),
    (Record.ORDER, Action.CHANGE): lambda w, u: services.confirm_order(
        order=make_order(w.client, w.product, "10", "79"), user=u
    ),
    (Record.ORDER, Action.RELEASE): lambda w, u: services.release_order(
        order=make_order(w.client, w.product, "10", "79", status=Order.Status.ON_HOLD),
        user=u,
        reason="Paid",
    ),
    (Record.DELIVERY, Action.VIEW): lambda w, u: _view(w, u, _delivered(w).get_absolute_url()),
    (Record.DELIVERY, Action.CREATE): lambda w, u: services.create_delivery(
        order=(order := _confirmed(w)),
        user=u,
        planned_date=TODAY,
        quantities={order.lines.get().pk: Decimal("4")},
    ),
    (Record.DELIVERY, Action.CHANGE): lambda w, u: services.ship_delivery(
        delivery=_delivered(w), user=u, shipped_on=TODAY
    ),
    (Record.INVOICE, Action.VIEW): lambda w, u: _view(w, u, "/sales/invoices/"),
    (Record.INVOICE, Action.CREATE): lambda w, u: billing.draft_from_order(
        order=_confirmed(w), user=u
    ),
    (Record.INVOICE, Action.DELETE): lambda w, u: billing.delete_draft(
        invoice=_draft_invoice(w), user=u
    ),
    (Record.INVOICE, Action.ISSUE): lambda w, u: billing.issue(invoice=_draft_invoice(w), user=u),
    (Record.CREDIT_NOTE, Action.VIEW): lambda w, u: _view(
        w, u, _credit_draft(w).get_absolute_url()
    ),
    (Record.CREDIT_NOTE, Action.CREATE): lambda w, u: billing.draft_credit_note(
        invoice=(inv := _issued_invoice(w)),
        user=u,
        quantities={inv.lines.get().pk: Decimal("2")},
        reason="2 damaged",
    ),
    (Record.CREDIT_NOTE, Action.DELETE): lambda w, u: billing.delete_draft(
        invoice=_credit_draft(w), user=u
    ),
    (Record.CREDIT_NOTE, Action.ISSUE): lambda w, u: billing.issue(
        invoice=_credit_draft(w), user=u
    ),
    (Record.PAYMENT, Action.VIEW): lambda w, u: _view(w, u, "/sales/receivables/"),
    (Record.PAYMENT, Action.CREATE): lambda w, u: billing.record_payment(
        client=w.client,
        received_on=TODAY,
        amount=Decimal("100"),
        currency="EUR",
        allocations={_issued_invoice(w).pk: Decimal("100")},
        user=u,
    ),
    (Record.DUNNING_LETTER, Action.VIEW): lambda w, u: _view(w, u, "/sales/dunning/"),
    (Record.DUNNING_LETTER, Action.ISSUE): lambda w, u: collection.send_dunning(
        client=w.client,
        level_number=_dunning_level().level,
        invoice_ids=[_issued_invoice(w, TODAY - dt.timedelta(days=60)).pk],
        user=u,
    ),
    (Record.DUNNING_LEVEL, Action.VIEW): lambda w, u: _view(w, u, "/sales/dunning/"),
    (Record.DUNNING_LEVEL, Action.ADMINISTER): lambda w, u: save_instance(
        _with(_dunning_level(), days_after_due=10), u
    ),
    (Record.AGENT_CONTRACT, Action.VIEW): lambda w, u: _view(w, u, "/sales/commissions/"),
    (Record.AGENT_CONTRACT, Action.CREATE): lambda w, u: save_instance(
        AgentContract(agent=w.client, countries="DE", rate_pct=Decimal("5"), valid_from=TODAY),
        u,
    ),
    (Record.SELLER_PROFILE, Action.VIEW): lambda w, u: _view(w, u, "/sales/invoices/"),
    (Record.SELLER_PROFILE, Action.ADMINISTER): lambda w, u: save_instance(
        _with(SellerProfile.current(), max_overdue_days=45), u
    ),
    (Record.LOAD_PLAN, Action.VIEW): lambda w, u: _view(w, u, "/logistics/load-plans/"),
    (Record.LOAD_PLAN, Action.CREATE): lambda w, u: services.plan_load_for_delivery(
        delivery=_delivered(w), user=u
    ),
    (Record.LOAD_PLAN, Action.CHANGE): lambda w, u: runner.start(
        plan=services.plan_load_for_delivery(delivery=_delivered(w), user=SYSTEM),
        user=u,
        language="en",
    ),
    (Record.SHIPMENT, Action.VIEW): lambda w, u: _view(w, u, "/shipping/shipments/"),
    (Record.SHIPMENT, Action.CREATE): lambda w, u: shipping.create_from_deliveries(
        deliveries=[_delivered(w)], mode="road_full", user=u
    ),
    (Record.SHIPMENT, Action.CHANGE): lambda w, u: shipping.record_event(
        shipment=_shipment(w),
        event=EventValues(occurred_at=timezone.now(), step="pickup", description="Picked up"),
        user=u,
    ),
    (Record.FREIGHT_QUOTE, Action.VIEW): lambda w, u: _view(w, u, "/freight/"),
    (Record.FREIGHT_QUOTE, Action.CREATE): lambda w, u: _freight_request(w, u),
    (Record.FREIGHT_QUOTE, Action.CHANGE): lambda w, u: freight.set_weights(
        request=_freight_request(w, SYSTEM),
        weights=FreightWeights(cost=50, transit=20, reliability=20, service=10),
        user=u,
    ),
    (Record.SHIPPING_DOCUMENT, Action.VIEW): lambda w, u: _view(
        w, u, f"/shipping-documents/shipments/{_shipment(w).pk}/"
    ),
    (Record.SHIPPING_DOCUMENT, Action.ISSUE): lambda w, u: shipping_documents.issue_document(
        shipment=_shipment(w), kind="packing_list", user=u
    ),
    (Record.SHIPPING_DOCUMENT, Action.CHANGE): lambda w, u: shipping_documents.record_received(
        shipment=_shipment(w),
        values=ReceivedValues(kind="air_waybill", reference="057-12345675", document_date=TODAY),
        user=u,
    ),
    # The set is missing its documents: sending it takes a manager's override with a reason.
    (Record.SHIPPING_DOCUMENT, Action.RELEASE): lambda w, u: shipping_documents.send_set(
        shipment=_shipment(w),
        sent_to="client",
        sent_on=TODAY,
        user=u,
        override_reason="Client collects the documents itself",
    ),
    (Record.TRANSPORT_CLAIM, Action.VIEW): lambda w, u: _view(w, u, "/claims/"),
    (Record.TRANSPORT_CLAIM, Action.CREATE): _open_claim,
    (Record.TRANSPORT_CLAIM, Action.CHANGE): _settle_claim,
    (Record.USER, Action.ADMINISTER): lambda w, u: _user_admin_allows(u),
    (Record.INTRA_EU_PROOF, Action.VIEW): lambda w, u: _view(w, u, "/intra-eu/proofs/"),
    (Record.INTRA_EU_PROOF, Action.CREATE): lambda w, u: _intra_eu_evidence(w, u),
    (Record.INTRA_EU_PROOF, Action.CHANGE): lambda w, u: _intra_eu_services().set_transporter(
        invoice=_intra_eu_invoice(w), transporter="buyer", notes="EXW Thiers", user=u
    ),
    (Record.INTRA_EU_PROOF, Action.DELETE): lambda w, u: _intra_eu_services().delete_evidence(
        evidence=_intra_eu_evidence(w, SYSTEM), user=u, reason="Wrong invoice"
    ),
    (Record.INTRA_EU_DECLARATION, Action.VIEW): lambda w, u: _view(w, u, "/intra-eu/"),
    (Record.INTRA_EU_DECLARATION, Action.CREATE): lambda w, u: _intra_eu_services().prepare(
        kind="recap", month=_last_month(), user=u
    ),
    (Record.INTRA_EU_DECLARATION, Action.ISSUE): lambda w, u: _intra_eu_file(w, u),
    (Record.INTRA_EU_DECLARATION, Action.ADMINISTER): lambda w, u: _intra_eu_settings(u),
    (Record.COUNTRY_MEASURE, Action.VIEW): lambda w, u: _view(w, u, "/export-control/"),
    (Record.COUNTRY_MEASURE, Action.CREATE): lambda w, u: _country_measure(u),
    (Record.COUNTRY_MEASURE, Action.CHANGE): lambda w, u: _country_measure(
        u, _country_measure(SYSTEM)
    ),
    (Record.DUAL_USE_CLASSIFICATION, Action.VIEW): lambda w, u: _view(
        w, u, "/export-control/products/"
    ),
    (Record.DUAL_USE_CLASSIFICATION, Action.CHANGE): lambda w, u: _classify(w, u),
    (Record.EXPORT_LICENCE, Action.VIEW): lambda w, u: _view(w, u, "/export-control/licences/"),
    (Record.EXPORT_LICENCE, Action.CREATE): lambda w, u: _export_licence(u),
    (Record.EXPORT_LICENCE, Action.CHANGE): lambda w, u: _export_licence(
        u, _export_licence(SYSTEM)
    ),
    (Record.LICENCE_ALLOCATION, Action.VIEW): lambda w, u: _view(
        w, u, f"/export-control/licences/{_export_licence(SYSTEM).pk}/"
    ),
    (Record.LICENCE_ALLOCATION, Action.CREATE): lambda w, u: _allocation(w, u),
    (Record.LICENCE_ALLOCATION, Action.DELETE): lambda w, u: _remove_allocation(w, u),
    (Record.CUSTOMS_TARIFF, Action.VIEW): lambda w, u: _view(w, u, "/customs/tariff/"),
    (Record.CUSTOMS_TARIFF, Action.CREATE): lambda w, u: _tariff_rate(u),
    (Record.CUSTOMS_TARIFF, Action.CHANGE): lambda w, u: _tariff_rate(u, _tariff_rate(SYSTEM)),
    (Record.CUSTOMS_TARIFF, Action.DELETE): lambda w, u: _delete_tariff_rate(u),
    (Record.CUSTOMS_DECLARATION, Action.VIEW): lambda w, u: _view(w, u, "/customs/imports/"),
    (Record.CUSTOMS_DECLARATION, Action.CREATE): lambda w, u: _carnet(u),
    (Record.CUSTOMS_DECLARATION, Action.CHANGE): lambda w, u: _carnet_item(u),
    (Record.TRADE_AGREEMENT, Action.VIEW): lambda w, u: _view(w, u, "/origin/"),
    (Record.TRADE_AGREEMENT, Action.CREATE): lambda w, u: _add_agreement(u),
    (Record.TRADE_AGREEMENT, Action.CHANGE): lambda w, u: _change_agreement(u),
    (Record.PRODUCT_ORIGIN, Action.VIEW): lambda w, u: _view(w, u, w.product.get_absolute_url()),
    (Record.PRODUCT_ORIGIN, Action.CREATE): lambda w, u: _product_origin(w, u),
    (Record.PRODUCT_ORIGIN, Action.CHANGE): lambda w, u: _product_origin(
        w, u, _product_origin(w, SYSTEM)
    ),
    (Record.PRODUCT_ORIGIN, Action.DELETE): lambda w, u: origin_services.delete_product_origin(
        origin=_product_origin(w, SYSTEM), user=u
    ),
    (Record.SUPPLIER_DECLARATION, Action.VIEW): lambda w, u: _view(w, u, "/origin/declarations/"),
    (Record.SUPPLIER_DECLARATION, Action.CREATE): lambda w, u: _declaration(w, u),
    (Record.SUPPLIER_DECLARATION, Action.CHANGE): lambda w, u: _declaration(
        w, u, _declaration(w, SYSTEM)
    ),
    (Record.SANCTIONS_SCREENING, Action.VIEW): lambda w, u: _view(w, u, "/compliance/"),
    (Record.SANCTIONS_SCREENING, Action.CHANGE): lambda w, u: _review_sanctions_hit(w, u),
    (Record.SANCTIONS_SCREENING, Action.ADMINISTER): lambda w, u: _import_sanctions_list(u),
    (Record.DOCUMENTARY_COLLECTION, Action.VIEW): lambda w, u: _view(w, u, "/collections/"),
    (Record.DOCUMENTARY_COLLECTION, Action.CREATE): _collection,
    (Record.DOCUMENTARY_COLLECTION, Action.CHANGE): _collection_document,
    (Record.BANK_GUARANTEE, Action.VIEW): lambda w, u: _view(w, u, "/guarantees/"),
    (Record.BANK_GUARANTEE, Action.CREATE): _guarantee,
    (Record.BANK_GUARANTEE, Action.CHANGE): _amend_guarantee,
    (Record.BANK_GUARANTEE, Action.RELEASE): _release_guarantee,
    (Record.CREDIT_INSURANCE, Action.VIEW): lambda w, u: _view(w, u, "/credit-insurance/"),
    (Record.CREDIT_INSURANCE, Action.CREATE): lambda w, u: _insurance_cover(w, u),
    (Record.CREDIT_INSURANCE, Action.CHANGE): lambda w, u: _insurance_decision(w, u),
    (Record.CREDIT_INSURANCE, Action.ADMINISTER): lambda w, u: _insurance_policy(u, "P-2"),
    (Record.CURRENCY_HEDGE, Action.VIEW): lambda w, u: _view(w, u, "/currency/hedges/"),
    (Record.CURRENCY_HEDGE, Action.CREATE): lambda w, u: _hedge(u),
    (Record.CURRENCY_HEDGE, Action.CHANGE): lambda w, u: _hedge_delivered(u),
    (Record.EXPECTED_PAYMENT, Action.VIEW): lambda w, u: _view(w, u, "/currency/"),
    (Record.EXPECTED_PAYMENT, Action.CREATE): lambda w, u: _expected_payment(u, None),
    (Record.EXPECTED_PAYMENT, Action.CHANGE): lambda w, u: _expected_payment(
        u, _expected_payment(SYSTEM, None)
    ),
    (Record.EXPECTED_PAYMENT, Action.DELETE): lambda w, u: _fx_services().delete_payment(
        payment=_expected_payment(SYSTEM, None), user=u
    ),
    (Record.DOCUMENTARY_CREDIT, Action.VIEW): lambda w, u: _view(w, u, "/credits/"),
    (Record.DOCUMENTARY_CREDIT, Action.CREATE): lambda w, u: _lc(w, u),
    (Record.DOCUMENTARY_CREDIT, Action.CHANGE): lambda w, u: _lc_services().set_status(
        credit=_lc(w, SYSTEM), status="under_review", user=u
    ),
    (Record.DOCUMENTARY_CREDIT, Action.ISSUE): lambda w, u: _lc_present(w, u, compliant=True),
    # presenting a set the checker finds discrepant: a manager's decision, with a reason
    (Record.DOCUMENTARY_CREDIT, Action.RELEASE): lambda w, u: _lc_present(w, u, compliant=False),
    (Record.LC_AMENDMENT, Action.VIEW): lambda w, u: _view(w, u, _lc(w, SYSTEM).get_absolute_url()),
    (Record.LC_AMENDMENT, Action.CREATE): lambda w, u: _lc_services().request_amendment(
        credit=_lc(w, SYSTEM), text="Please extend the expiry date.", user=u
    ),
    (Record.LC_AMENDMENT, Action.CHANGE): lambda w, u: _lc_decide(w, u),
    (Record.SUPPLIER_FILE, Action.VIEW): lambda w, u: _view(w, u, "/suppliers/"),
    (Record.SUPPLIER_FILE, Action.CREATE): lambda w, u: _supplier_file(u),
    (Record.SUPPLIER_FILE, Action.CHANGE): lambda w, u: _supplier_services().save_file(
        supplier=_supplier_file(SYSTEM), values=_supplier_inputs().FileValues(), user=u
    ),
    # delete: a supplied product entered by mistake
    (Record.SUPPLIER_FILE, Action.DELETE): lambda w, u: (
        _supplier_services().remove_supplied_product(supplied=_supplied_product(w, SYSTEM), user=u)
    ),
    (Record.SUPPLIER_PERFORMANCE, Action.VIEW): lambda w, u: _view(
        w, u, f"/suppliers/{_supplier_file(SYSTEM).pk}/performance/"
    ),
    (Record.SUPPLIER_PERFORMANCE, Action.CREATE): lambda w, u: _supplier_delivery(u),
    (Record.SUPPLIER_PERFORMANCE, Action.CHANGE): lambda w, u: (
        _supplier_services().set_incident_outcome(
            incident=_supplier_services().record_incident(
                _supplier_file(SYSTEM),
                kind="damage",
                date=TODAY,
                reference="",
                description="Dented",
            ),
            outcome="credit_note",
            user=u,
        )
    ),
    (Record.SUPPLIER_REVIEW, Action.VIEW): lambda w, u: _view(
        w, u, _supplier_review(SYSTEM).get_absolute_url()
    ),
    (Record.SUPPLIER_REVIEW, Action.CREATE): lambda w, u: _supplier_review(u),
    (Record.SUPPLIER_REVIEW, Action.CHANGE): lambda w, u: _supplier_review_grades(u, ""),
    # issue: decide (keep, develop, watch, phase out) commits the company's purchasing
    (Record.SUPPLIER_REVIEW, Action.ISSUE): lambda w, u: _supplier_review_grades(u, "keep"),
    (Record.PURCHASE_ORDER, Action.VIEW): lambda w, u: _view(w, u, "/purchasing/"),
    (Record.PURCHASE_ORDER, Action.CREATE): lambda w, u: _po(w, u, issue=False),
    (Record.PURCHASE_ORDER, Action.CHANGE): lambda w, u: _po_services().set_ready(
        order=_po(w, SYSTEM), ready_on=TODAY, user=u
    ),
    (Record.PURCHASE_ORDER, Action.ISSUE): lambda w, u: _po_services().issue_order(
        order=_po(w, SYSTEM, issue=False), user=u
    ),
    (Record.PURCHASE_ORDER, Action.DELETE): lambda w, u: _po_services().delete_draft(
        order=_po(w, SYSTEM, issue=False), user=u
    ),
    (Record.PURCHASE_ORDER, Action.RELEASE): lambda w, u: _po_services().cancel_order(
        order=_po(w, SYSTEM), reason="Supplier cannot deliver", user=u
    ),
    (Record.GOODS_RECEIPT, Action.VIEW): lambda w, u: _view(
        w, u, _po(w, SYSTEM).get_absolute_url()
    ),
    (Record.GOODS_RECEIPT, Action.CREATE): lambda w, u: _po_receipt(w, u),
    (Record.SUPPLIER_CLAIM, Action.VIEW): lambda w, u: _view(
        w, u, _po_receipt(w, SYSTEM, short=True).order.get_absolute_url()
    ),
    (Record.SUPPLIER_CLAIM, Action.CREATE): lambda w, u: _po_receipt(w, u, short=True),
    (Record.SUPPLIER_CLAIM, Action.CHANGE): lambda w, u: _po_services().set_claim_status(
        claim=_po_receipt(w, SYSTEM, short=True).claims.get(),
        status="notified",
        notified_on=TODAY,
        user=u,
    ),
    (Record.TENDER, Action.VIEW): lambda w, u: _view(w, u, "/tenders/"),
    (Record.TENDER, Action.CREATE): lambda w, u: _tender(w, u),
    (Record.TENDER, Action.CHANGE): lambda w, u: _tender_services().send_tender(
        tender=_tender(w, SYSTEM), user=u, email=False
    ),
    (Record.SUPPLIER_INVOICE, Action.VIEW): lambda w, u: _view(w, u, "/supplier-invoices/"),
    (Record.SUPPLIER_INVOICE, Action.CREATE): lambda w, u: _si_invoice(w, u),
    (Record.SUPPLIER_INVOICE, Action.CHANGE): lambda w, u: _si().dispute(
        invoice=_si_invoice(w, SYSTEM), reason="Price agreed USD 2.40", user=u
    ),
    (Record.SUPPLIER_INVOICE, Action.ISSUE): lambda w, u: _si().approve(
        invoice=_si_invoice(w, SYSTEM), user=u
    ),
    # with a difference beyond the tolerances: the manager approves, saying why
    (Record.SUPPLIER_INVOICE, Action.RELEASE): lambda w, u: _si().approve(
        invoice=_si_invoice(w, SYSTEM, price="2.60"), user=u, note="Surcharge agreed by phone"
    ),
    (Record.SUPPLIER_INVOICE, Action.ADMINISTER): lambda w, u: _si_settings(u),
    (Record.SUPPLIER_PAYMENT, Action.VIEW): lambda w, u: _view(
        w, u, "/supplier-invoices/payables/"
    ),
    (Record.SUPPLIER_PAYMENT, Action.CREATE): lambda w, u: _si_pay(w, u),
    (Record.LANDED_COST, Action.VIEW): lambda w, u: _view(w, u, "/supplier-invoices/landed-costs/"),
    (Record.LANDED_COST, Action.CREATE): lambda w, u: _si().open_landed_cost(
        receipt=_si_purchase(w).receipt, user=u
    ),
    (Record.LANDED_COST, Action.CHANGE): lambda w, u: _si_add_cost(w, u),
    (Record.LANDED_COST, Action.ISSUE): lambda w, u: _si_apply(w, u),
    (Record.TARGET_LIST, Action.VIEW): lambda w, u: _view(
        w, u, _target_list(w, SYSTEM).get_absolute_url()
    ),
    (Record.TARGET_LIST, Action.CREATE): lambda w, u: _target_list(w, u, fill=False),
    (Record.TARGET_LIST, Action.CHANGE): lambda w, u: _target_list(w, u),
    (Record.TARGET_LIST, Action.DELETE): lambda w, u: _prospecting().delete_list(
        target_list=_target_list(w, SYSTEM), user=u
    ),
    (Record.CAMPAIGN, Action.VIEW): lambda w, u: _view(
        w, u, _campaign(w, SYSTEM).get_absolute_url()
    ),
    (Record.CAMPAIGN, Action.CREATE): lambda w, u: _campaign(w, u),
    (Record.CAMPAIGN, Action.CHANGE): lambda w, u: _prospecting().set_cost(
        campaign=_campaign(w, SYSTEM), cost=Decimal("450"), window_days=60, user=u
    ),
    (Record.CAMPAIGN, Action.ISSUE): lambda w, u: _prospecting().start_sending(
        campaign=_campaign(w, SYSTEM), user=u
    ),
    (Record.EVENT, Action.VIEW): lambda w, u: _view(w, u, "/events/"),
    (Record.EVENT, Action.CREATE): lambda w, u: _event(u),
    (Record.EVENT, Action.CHANGE): lambda w, u: _ev().services.save_event(
        event=_event(SYSTEM), values=_ev().values(name="Ambiente 2027"), user=u
    ),
    (Record.EVENT, Action.DELETE): lambda w, u: _ev().services.delete_event(
        event=_event(SYSTEM), user=u
    ),
    (Record.EVENT_BUDGET, Action.VIEW): lambda w, u: _view(w, u, _event(SYSTEM).get_absolute_url()),
    (Record.EVENT_BUDGET, Action.CREATE): lambda w, u: _budget_line(_event(SYSTEM), u),
    (Record.EVENT_BUDGET, Action.CHANGE): lambda w, u: _ev().services.add_receipt(
        line=_budget_line(_event(SYSTEM), SYSTEM),
        upload=SimpleUploadedFile("hotel.pdf", b"%PDF-1.4 receipt"),
        user=u,
    ),
    (Record.EVENT_VISITOR, Action.VIEW): lambda w, u: _view(
        w, u, f"/events/{_event(SYSTEM).pk}/stand/"
    ),
    (Record.EVENT_VISITOR, Action.CREATE): lambda w, u: _ev().services.record_visitor(
        event=_event(SYSTEM), values=_ev().visitor(), user=u
    ),
    (Record.EVENT_TEMPLATE, Action.VIEW): lambda w, u: _view(w, u, "/events/templates/"),
    (Record.EVENT_TEMPLATE, Action.ADMINISTER): lambda w, u: _ev().services.create_template(
        name="Seminar in Dubai", user=u
    ),
    (Record.STUDY_FILE, Action.VIEW): lambda w, u: _view(w, u, "/studies/"),
    (Record.STUDY_FILE, Action.CREATE): lambda w, u: _study_file(u),
    (Record.STUDY_FILE, Action.CHANGE): lambda w, u: _studies().add_hand_note(
        file=_study_file(SYSTEM),
        values=_studies_inputs().HandNoteValues(
            title="Call with our agent", text="Prices rose by 4 %."
        ),
        user=u,
    ),
    (Record.STUDY_FILE, Action.DELETE): lambda w, u: _studies().delete_file(
        file=_study_file(SYSTEM), user=u
    ),
    (Record.STUDY_NOTE, Action.VIEW): lambda w, u: _view(w, u, "/studies/analyses/"),
    (Record.STUDY_NOTE, Action.CREATE): lambda w, u: _swot(u),
    (Record.STUDY_NOTE, Action.CHANGE): lambda w, u: _swot(u, _swot(SYSTEM)),
    (Record.MARKET_STUDY, Action.VIEW): lambda w, u: _view(w, u, "/studies/selection/"),
    (Record.MARKET_STUDY, Action.CREATE): lambda w, u: _market_study(u),
    (Record.MARKET_STUDY, Action.CHANGE): lambda w, u: _studies().propose_grades(
        study=_market_study(SYSTEM), user=u
    ),
    (Record.MARKET_STUDY, Action.ISSUE): lambda w, u: _studies().decide(
        study=_market_study(SYSTEM, graded=True),
        values=_studies_inputs().DecisionValues(chosen=("AE",)),
        user=u,
    ),
    (Record.INTELLIGENCE_SOURCE, Action.VIEW): lambda w, u: _view(w, u, "/intelligence/sources/"),
    (Record.INTELLIGENCE_SOURCE, Action.CREATE): lambda w, u: _intel_source(u),
    (Record.INTELLIGENCE_SOURCE, Action.CHANGE): lambda w, u: _intel_source(
        u, source=_intel_source(SYSTEM)
    ),
    (Record.INTELLIGENCE_SOURCE, Action.DELETE): lambda w, u: _intel().delete_source(
        source=_intel_source(SYSTEM), user=u
    ),
    (Record.INTELLIGENCE_ALERT, Action.VIEW): lambda w, u: _view(w, u, "/intelligence/alerts/"),
    (Record.INTELLIGENCE_ALERT, Action.CREATE): lambda w, u: _intel_alert(u),
    (Record.INTELLIGENCE_ALERT, Action.CHANGE): lambda w, u: _intel_alert(
        u, alert=_intel_alert(SYSTEM)
    ),
    (Record.INTELLIGENCE_ALERT, Action.DELETE): lambda w, u: _intel().delete_alert(
        alert=_intel_alert(SYSTEM), user=u
    ),
    (Record.INTELLIGENCE_ITEM, Action.VIEW): lambda w, u: _view(w, u, "/intelligence/"),
    (Record.INTELLIGENCE_ITEM, Action.CREATE): lambda w, u: _intel_document(u),
    (Record.INTELLIGENCE_ITEM, Action.CHANGE): lambda w, u: _intel_link(u),
    (Record.GRAPHIC_CHARTER, Action.VIEW): lambda w, u: _view(w, u, "/marketing/"),
    (Record.GRAPHIC_CHARTER, Action.CHANGE): lambda w, u: _marketing().save_charter(
        values=_marketing_inputs().CharterValues(
            primary_colour="#1F4E79", secondary_colour="#2E75B6", accent_colour="#C55A11"
        ),
        user=u,
    ),
    (Record.COMMUNICATION_MATERIAL, Action.VIEW): lambda w, u: _view(
        w, u, f"/marketing/products/{w.product.pk}/"
    ),
    (Record.COMMUNICATION_MATERIAL, Action.CREATE): lambda w, u: _material(w, u),
    (Record.COMMUNICATION_MATERIAL, Action.CHANGE): lambda w, u: _marketing().save_material(
        values=_material_values(w, "Price list 2"), material=_material(w, SYSTEM), user=u
    ),
    (Record.COMMUNICATION_MATERIAL, Action.DELETE): lambda w, u: _marketing().delete_material(
        material=_material(w, SYSTEM), user=u
    ),
    (Record.PRODUCT_FEED, Action.VIEW): lambda w, u: _view(w, u, "/marketing/#feeds"),
    (Record.PRODUCT_FEED, Action.CREATE): lambda w, u: _feed_link(w, u),
    (Record.PRODUCT_FEED, Action.CHANGE): lambda w, u: _marketing().revoke_feed_link(
        link=_feed_link(w, SYSTEM), user=u
    ),
    (Record.NETWORK_CONTRACT, Action.VIEW): lambda w, u: _view(
        w, u, _ap_contract(w, SYSTEM).get_absolute_url()
    ),
    (Record.NETWORK_CONTRACT, Action.CREATE): lambda w, u: _ap_contract(w, u),
    (Record.NETWORK_CONTRACT, Action.CHANGE): lambda w, u: _ap().give_notice(
        contract=_ap_contract(w, SYSTEM),
        values=_ap_inputs().NoticeValues(given_on=TODAY, by="us"),
        user=u,
    ),
    (Record.ACTION_PLAN, Action.VIEW): lambda w, u: _view(
        w, u, _ap_plan(SYSTEM).get_absolute_url()
    ),
    (Record.ACTION_PLAN, Action.CREATE): lambda w, u: _ap_plan(u),
    (Record.ACTION_PLAN, Action.CHANGE): lambda w, u: _ap().save_objective(
        plan=_ap_plan(SYSTEM),
        objective=None,
        values=_ap_inputs().ObjectiveValues(country="DE", revenue_eur=Decimal("50000")),
        user=u,
    ),
    (Record.COMMERCIAL_ACTION, Action.VIEW): lambda w, u: _view(
        w, u, _ap_action(w, SYSTEM).get_absolute_url()
    ),
    (Record.COMMERCIAL_ACTION, Action.CREATE): lambda w, u: _ap_action(w, u),
    (Record.COMMERCIAL_ACTION, Action.CHANGE): lambda w, u: _ap_action(w, u, _ap_action(w, SYSTEM)),
    (Record.COMMERCIAL_ACTION, Action.DELETE): lambda w, u: _ap().delete_action(
        action=_ap_action(w, SYSTEM), user=u
    ),
    (Record.PIVOT_VIEW, Action.VIEW): lambda w, u: _view(w, u, "/reporting/pivot/"),
    (Record.PIVOT_VIEW, Action.CREATE): lambda w, u: _pivot_view(u, u),
    (Record.PIVOT_VIEW, Action.CHANGE): lambda w, u: _reporting().rename_view(
        view=_pivot_view(u, SYSTEM), name="Renamed", user=u
    ),
    (Record.PIVOT_VIEW, Action.DELETE): lambda w, u: _reporting().delete_view(
        view=_pivot_view(u, SYSTEM), user=u
    ),
    (Record.PIVOT_VIEW, Action.ADMINISTER): lambda w, u: _reporting().share_view(
        view=_pivot_view(w.owner, SYSTEM), shared=True, user=u
    ),
    (Record.SALES_OBJECTIVE, Action.VIEW): lambda w, u: _view(w, u, "/reporting/objectives/"),
    (Record.SALES_OBJECTIVE, Action.CREATE): lambda w, u: _sales_objective(u),
    (Record.SALES_OBJECTIVE, Action.CHANGE): lambda w, u: _sales_objective(
        u, _sales_objective(SYSTEM)
    ),
    (Record.SALES_OBJECTIVE, Action.DELETE): lambda w, u: _reporting().delete_sales_objective(
        objective=_sales_objective(SYSTEM), user=u
    ),
    (Record.MONTHLY_REPORT, Action.VIEW): lambda w, u: _view(w, u, "/reporting/monthly/"),
    (Record.MONTHLY_REPORT, Action.CREATE): lambda w, u: _monthly_report(u),
    (Record.MONTHLY_REPORT, Action.CHANGE): lambda w, u: _monthly().save_commentary(
        report=_monthly_report(SYSTEM), commentary="Good month.", user=u
    ),
    (Record.MONTHLY_REPORT, Action.DELETE): lambda w, u: _monthly().delete_report(
        report=_monthly_report(SYSTEM), user=u
    ),
    (Record.MONTHLY_REPORT, Action.ISSUE): lambda w, u: _monthly().send_report(
        report=_monthly_report(SYSTEM, configured=True), user=u
    ),
    (Record.MONTHLY_REPORT, Action.ADMINISTER): lambda w, u: _monthly_settings(u),
}


def _reporting() -> Any:
    from comptoir.reporting import services as reporting

    return reporting


def _pivot_view(owner: Any, user: Any) -> Any:
    """A saved pivot of ``owner`` (revenue by country), saved by ``user``."""
    from comptoir.reporting.pivot.spec import parse_spec

    return _reporting().save_view(
        owner=owner, name="Revenue by country", spec=parse_spec({"rows": "country"}), user=user
    )


def _sales_objective(user: Any, objective: Any = None) -> Any:
    from comptoir.reporting.inputs import SalesObjectiveValues

    return _reporting().save_sales_objective(
        objective=objective,
        values=SalesObjectiveValues(
            year=TODAY.year,
            country="DE",
            revenue_eur=Decimal("90000") if objective is None else Decimal("95000"),
        ),
        user=user,
    )


def _monthly() -> Any:
    from comptoir.reporting import monthly

    return monthly


def _monthly_settings(user: Any) -> Any:
    from comptoir.reporting.inputs import MonthlySettingsValues, Recipient

    return _monthly().save_settings(
        values=MonthlySettingsValues(
            dashboards=("overview",),
            recipients=(Recipient(email="director@example.com", language="en"),),
        ),
        user=user,
    )


def _monthly_report(user: Any, configured: bool = False) -> Any:
    """Last month's draft report (with the settings to send it when ``configured``)."""
    if configured:
        _monthly_settings(SYSTEM)
    year, month = _monthly().previous_month(TODAY)
    return _monthly().open_report(year=year, month=month, user=user)


def _prospecting() -> Any:
    from comptoir.prospecting import services as prospecting

    return prospecting


def _target_list(w: Any, user: Any, fill: bool = True) -> Any:
    from comptoir.prospecting.inputs import CrmCriteria, ListValues

    made = _prospecting().create_list(
        values=ListValues(name="Retailers"), user=user if not fill else SYSTEM
    )
    if fill:
        _prospecting().add_from_crm(
            target_list=made, criteria=CrmCriteria(countries=(w.client.country,)), user=user
        )
    return made


def _campaign(w: Any, user: Any) -> Any:
    return _prospecting().create_campaign(
        name="Spring",
        channel="email",
        target_list=_target_list(w, SYSTEM),
        subject_en="Cookware for {{ company }}",
        body_en="Dear {{ first_name }}",
        user=user,
    )


def _studies() -> Any:
    from comptoir.studies import services as studies

    return studies


def _studies_inputs() -> Any:
    from comptoir.studies import inputs

    return inputs


def _study_file(user: Any) -> Any:
    return _studies().create_file(
        values=_studies_inputs().FileValues(title="Cookware in the Gulf", theme="market"),
        user=user,
    )


def _swot(user: Any, note: Any = None) -> Any:
    return _studies().save_strategy(
        values=_studies_inputs().StrategyValues(
            kind="swot", title="Gulf", country="AE", parts={"strengths": ("French design",)}
        ),
        user=user,
        note=note,
    )


def _market_study(user: Any, graded: bool = False) -> Any:
    from comptoir.trade.market_selection import CRITERIA

    study = _studies().create_study(
        values=_studies_inputs().StudyValues(title="Export 2027", countries=("AE", "MA")),
        user=user,
    )
    if graded:
        _studies().set_grades(
            study=study,
            grades={
                "AE": {n: Decimal(4) for n in CRITERIA},
                "MA": {n: Decimal(3) for n in CRITERIA},
            },
            user=SYSTEM,
        )
    return study


def _intel() -> Any:
    from comptoir.intelligence import services as intelligence

    return intelligence


def _intel_source(user: Any, source: Any = None) -> Any:
    from comptoir.intelligence.inputs import SourceValues

    return _intel().save_source(
        source=source,
        values=SourceValues(name="Customs notices", kind="document", theme="regulation"),
        user=user,
    )


def _intel_alert(user: Any, alert: Any = None) -> Any:
    from comptoir.intelligence.inputs import AlertValues

    return _intel().save_alert(
        alert=alert, values=AlertValues(name="Anti-dumping", terms="anti-dumping"), user=user
    )


def _intel_document(user: Any) -> Any:
    from comptoir.intelligence.inputs import DocumentValues

    return _intel().add_document(
        source=_intel_source(SYSTEM),
        values=DocumentValues(filename="notice.txt", content=b"New anti-dumping duty on cookware"),
        user=user,
    )


def _intel_link(user: Any) -> Any:
    from comptoir.intelligence.inputs import LinkValues

    return _intel().link_item(
        item=_intel_document(SYSTEM), values=LinkValues(cn_code="7323"), user=user
    )


def _marketing() -> Any:
    from comptoir.marketing import services as marketing_services

    return marketing_services


def _marketing_inputs() -> Any:
    from comptoir.marketing import inputs

    return inputs


def _material_values(w: Any, title: str) -> Any:
    inputs = _marketing_inputs()
    return inputs.MaterialValues(
        kind="price_list",
        title_fr=title,
        title_en=title,
        price_list=w.price_list,
        lines=(inputs.LineValues(product=w.product),),
    )


def _material(w: Any, user: Any) -> Any:
    return _marketing().save_material(values=_material_values(w, "Price list"), user=user)


def _feed_link(w: Any, user: Any) -> Any:
    inputs = _marketing_inputs()
    link, _secret = _marketing().create_feed_link(
        values=inputs.FeedLinkValues(name="Website", price_list=w.price_list), user=user
    )
    return link


def _ap() -> Any:
    from comptoir.action_plan import services as action_plan

    return action_plan


def _ap_inputs() -> Any:
    from comptoir.action_plan import inputs

    return inputs


def _ap_contract(w: Any, user: Any) -> Any:
    """An agent's contract in the Gulf (a manager's)."""
    agent = Company.objects.filter(name="Agence Levant Commerce").first()
    if agent is None:
        agent = Company(name="Agence Levant Commerce", country="AE", city="Dubai")
        agent.role_list = ["agent"]
        agent = save_instance(agent, SYSTEM)
    return _ap().save_contract(
        contract=None,
        values=_ap_inputs().ContractValues(
            partner=agent,
            kind="agent",
            countries="AE, SA",
            starts_on=TODAY - dt.timedelta(days=400),
        ),
        user=user,
    )


def _ap_plan(user: Any) -> Any:
    from comptoir.action_plan.models import Plan

    found = Plan.objects.filter(year=TODAY.year).first()
    if found is not None and user is SYSTEM:
        return found
    return _ap().save_plan(
        plan=found, values=_ap_inputs().PlanValues(year=TODAY.year, title="Export plan"), user=user
    )


def _ap_action(w: Any, user: Any, action: Any = None) -> Any:
    return _ap().save_action(
        plan=_ap_plan(SYSTEM),
        action=action,
        values=_ap_inputs().ActionValues(
            title="Visit distributors in Japan",
            channel="visit",
            starts_on=dt.date(TODAY.year, 3, 1),
            ends_on=dt.date(TODAY.year, 3, 8),
            owner=w.owner,
            budget_eur=Decimal("6000"),
        ),
        user=user,
    )


def _supplier_services() -> Any:
    from comptoir.suppliers import services as supplier_services

    return supplier_services


def _supplier_inputs() -> Any:
    from comptoir.suppliers import inputs

    return inputs


def _supplier_file(user: Any) -> Any:
    firm = Company(name=f"Ningbo Enamel {Company.objects.count()}", country="CN", city="Ningbo")
    firm.role_list = ["supplier"]
    firm.save()
    return _supplier_services().open_file(
        company=firm, values=_supplier_inputs().FileValues(categories="lids"), user=user
    )


def _supplied_product(w: Any, user: Any) -> Any:
    return _supplier_services().save_supplied_product(
        supplier=_supplier_file(SYSTEM),
        product=w.product,
        values=_supplier_inputs().SuppliedValues(
            supplier_reference="NB-1",
            unit_price=Decimal("2.10"),
            currency="USD",
            incoterm="FOB",
            incoterm_place="Ningbo",
            valid_from=TODAY,
        ),
        user=user,
    )


def _supplier_delivery(user: Any) -> Any:
    return _supplier_services().record_delivery(
        _supplier_file(SYSTEM),
        order_ref="PO-1",
        promised_date=TODAY,
        delivered_date=TODAY,
        quantity_ordered=Decimal("10"),
        quantity_received=Decimal("10"),
        quantity_accepted=Decimal("10"),
        user=user,
    )


def _supplier_review(user: Any) -> Any:
    return _supplier_services().start_review(
        supplier=_supplier_file(SYSTEM), year=TODAY.year, user=user
    )


def _supplier_review_grades(user: Any, decision: str) -> Any:
    names = ("quality", "delivery", "price", "csr", "service")
    return _supplier_services().save_review(
        review=_supplier_review(SYSTEM),
        grades=_supplier_inputs().ReviewGrades(
            weights={n: Decimal(20) for n in names},
            grades={n: Decimal(7) for n in names},
            decision=decision,
        ),
        user=user,
    )


def _tender_services() -> Any:
    from comptoir.tenders import services as tenders

    return tenders


def _tender(w: Any, user: Any) -> Any:
    from comptoir.tenders.inputs import LineValues, TenderValues

    supplier = save_instance(Company(name="Esmaltados", country="PT", roles=",supplier,"), SYSTEM)
    return _tender_services().create_tender(
        values=TenderValues(
            title="Lids",
            reply_by=TODAY + dt.timedelta(days=5),
            delivery_date=TODAY + dt.timedelta(days=60),
            delivery_place="Thiers",
            lines=(LineValues(product=w.product, quantity=Decimal(100)),),
            suppliers=(supplier,),
        ),
        user=user,
    )


def _insurance_policy(user: Any, number: str = "P-1") -> Any:
    from comptoir.credit_insurance import services as insurance
    from comptoir.credit_insurance.inputs import PolicyValues

    return insurance.save_policy(
        policy=None,
        values=PolicyValues(
            insurer="Allianz Trade",
            number=number,
            starts_on=TODAY - dt.timedelta(days=30),
            ends_on=TODAY + dt.timedelta(days=300),
            commercial_share_pct=Decimal("90"),
        ),
        user=user,
    )


def _insurance_cover(w: Any, user: Any) -> Any:
    from comptoir.credit_insurance import services as insurance
    from comptoir.credit_insurance.inputs import CoverRequest

    return insurance.request_cover(
        policy=_insurance_policy(SYSTEM),
        request=CoverRequest(buyer=w.client, amount=Decimal("50000"), requested_on=TODAY),
        user=user,
    )


def _insurance_decision(w: Any, user: Any) -> Any:
    from comptoir.credit_insurance import services as insurance
    from comptoir.credit_insurance.inputs import CoverDecision

    return insurance.decide_cover(
        cover=_insurance_cover(w, SYSTEM),
        decision=CoverDecision(state="granted", amount=Decimal("40000"), decided_on=TODAY),
        user=user,
    )


def _fx_services() -> Any:
    from comptoir.fx_exposure import services as fx_services

    return fx_services


def _hedge(user: Any) -> Any:
    from comptoir.fx_exposure.inputs import HedgeValues

    return _fx_services().save_hedge(
        hedge=None,
        values=HedgeValues(
            kind="forward",
            reference="FWD-1",
            bank="BNP Paribas",
            side="sell",
            currency="USD",
            amount=Decimal("100000"),
            rate=Decimal("1.0850"),
            trade_date=TODAY,
            maturity=TODAY + dt.timedelta(days=90),
        ),
        user=user,
    )


def _hedge_delivered(user: Any) -> Any:
    from comptoir.fx_exposure.inputs import HedgeStatusValues

    return _fx_services().set_hedge_status(
        hedge=_hedge(SYSTEM),
        values=HedgeStatusValues(status="delivered", delivered=Decimal("100000")),
        user=user,
    )


def _expected_payment(user: Any, payment: Any) -> Any:
    from comptoir.fx_exposure.inputs import PaymentValues

    return _fx_services().save_payment(
        payment=payment,
        values=PaymentValues(
            currency="USD", amount=Decimal("25000"), due_on=TODAY + dt.timedelta(days=40)
        ),
        user=user,
    )


def _lc_services() -> Any:
    from comptoir.credits import services as credits

    return credits


def _lc(w: Any, user: Any) -> Any:
    from comptoir.credits.inputs import CreditValues, DocumentValues

    return _lc_services().create_credit(
        values=CreditValues(
            direction="export",
            partner=w.client,
            currency="EUR",
            amount=Decimal("7900"),
            issue_date=TODAY,
            expiry_date=TODAY + dt.timedelta(days=60),
            latest_shipment_date=TODAY + dt.timedelta(days=30),
            issuing_bank="BNP Paribas",
            applicant_name=w.client.name,
            beneficiary_name="Maison Ferrand SAS",
            goods_description="Cast-iron casseroles",
            documents=(DocumentValues("commercial_invoice", originals=1),),
        ),
        user=user,
    )


def _lc_present(w: Any, user: Any, *, compliant: bool) -> Any:
    from comptoir.credits.inputs import PresentationFields

    credit = _lc(w, SYSTEM)
    fields = PresentationFields(
        presented_on=TODAY,
        bank="BNP Paribas",
        documents=("commercial_invoice",) if compliant else ("packing_list",),
        invoice_issuer="Maison Ferrand SAS",
        invoice_addressee=w.client.name,
        invoice_date=TODAY,
        invoice_currency="EUR",
        invoice_amount=Decimal("7900"),
        invoice_description="Cast-iron casseroles",
    )
    return _lc_services().present(
        credit=credit,
        fields=fields,
        user=user,
        present_anyway=not compliant,
        waiver_reason="" if compliant else "The applicant agreed to waive",
    )


def _lc_decide(w: Any, user: Any) -> Any:
    from comptoir.credits.inputs import AmendmentReceived

    credit = _lc(w, SYSTEM)
    amendment = _lc_services().receive_amendment(
        credit=credit,
        values=AmendmentReceived(TODAY, "Expiry extended", {"presentation_days": "15"}),
        user=SYSTEM,
    )
    return _lc_services().decide_amendment(amendment=amendment, accept=True, user=user)


def _intra_eu_services() -> Any:
    from comptoir.intra_eu import services as intra_eu

    return intra_eu


def _last_month() -> dt.date:
    return (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _intra_eu_invoice(w: Any) -> Invoice:
    """An invoice to the German client, exempt as an intra-EU supply, issued last month."""
    german = Company.objects.get(country="DE", roles__contains=",client,")
    order = services.confirm_order(order=make_order(german, w.product, "10", "79"), user=SYSTEM)
    return billing.issue(
        invoice=billing.draft_from_order(order=order, user=SYSTEM),
        user=SYSTEM,
        issue_date=_last_month() + dt.timedelta(days=3),
    )


def _intra_eu_evidence(w: Any, user: Any) -> Any:
    from comptoir.intra_eu.services import EvidenceValues

    return _intra_eu_services().add_evidence(
        invoice=_intra_eu_invoice(w),
        values=EvidenceValues(kind="cmr", issuer="Transports Martin", received_on=TODAY),
        user=user,
    )


def _intra_eu_settings(user: Any) -> Any:
    from comptoir.intra_eu.services import DeclarantValues

    return _intra_eu_services().save_settings(
        values=DeclarantValues(
            nic="00012",
            approval_number="4711",
            department="63",
            emebi_dispatches=False,
            emebi_arrivals=False,
            default_nature="11",
            proof_days=30,
        ),
        user=user,
    )


def _intra_eu_file(w: Any, user: Any) -> Any:
    _intra_eu_settings(SYSTEM)
    _intra_eu_invoice(w)
    draft = _intra_eu_services().prepare(kind="recap", month=_last_month(), user=SYSTEM)
    return _intra_eu_services().file_declaration(declaration=draft, user=user)


def _country_measure(user: Any, measure: Any = None) -> Any:
    from comptoir.export_control import services as export_control
    from comptoir.export_control.inputs import MeasureValues

    return export_control.save_measure(
        measure=measure,
        values=MeasureValues(
            country="KP",
            kind="sectoral",
            title_en="Metals",
            title_fr="Métaux",
            legal_reference="Reg. (EU) 2017/1509",
            effective_from=TODAY,
            cn_prefixes="72 73",
        ),
        user=user,
    )


def _classify(w: Any, user: Any) -> Any:
    from comptoir.export_control import services as export_control
    from comptoir.export_control.inputs import ClassificationValues

    return export_control.classify_product(
        product=w.product, values=ClassificationValues(control_number="2B352.e"), user=user
    )


def _export_licence(user: Any, licence: Any = None) -> Any:
    from comptoir.export_control import services as export_control
    from comptoir.export_control.inputs import LicenceValues

    return export_control.save_licence(
        licence=licence,
        values=LicenceValues(
            number="FR-SBDU-2026-00417",
            kind="individual",
            countries="US",
            control_numbers="2B352",
            valid_from=TODAY,
            valid_until=TODAY + dt.timedelta(days=365),
            quantity_limit=Decimal("1000"),
        ),
        user=user,
    )


def _allocation(w: Any, user: Any) -> Any:
    """The matrix's shipment (air, to the client's country) made an export to the US of a
    controlled product, then a line allocated to a licence for the US."""
    from comptoir.export_control import services as export_control
    from comptoir.export_control.inputs import AllocationValues

    _classify(w, SYSTEM)
    shipment = _shipment(w)
    shipment.destination_country = "US"
    shipment.save(update_fields=["destination_country"])
    return export_control.allocate(
        line=shipment.lines.get(),
        values=AllocationValues(_export_licence(SYSTEM).pk),
        user=user,
    )


def _remove_allocation(w: Any, user: Any) -> None:
    from comptoir.export_control import services as export_control

    export_control.remove_allocation(allocation=_allocation(w, SYSTEM), user=user)


def _tariff_rate(user: Any, rate: Any = None) -> Any:
    from comptoir.customs import services as customs
    from comptoir.customs.inputs import TariffValues

    return customs.save_rate(
        values=TariffValues(code="7323", kind="third_country", ad_valorem_pct=Decimal("3.2")),
        rate=rate,
        user=user,
    )


def _delete_tariff_rate(user: Any) -> None:
    from comptoir.customs import services as customs

    customs.delete_rate(rate=_tariff_rate(SYSTEM), user=user)


def _carnet(user: Any) -> Any:
    from comptoir.customs import services as customs
    from comptoir.customs.inputs import CarnetValues

    return customs.create_carnet(
        values=CarnetValues(
            number="FR/2026/0001",
            issuing_chamber="CCI Paris",
            holder="Comptoir",
            purpose="samples",
            issued_on=TODAY,
        ),
        user=user,
    )


def _carnet_item(user: Any) -> Any:
    from comptoir.customs import services as customs
    from comptoir.customs.inputs import CarnetItemValues

    return customs.add_carnet_item(
        carnet=_carnet(SYSTEM),
        values=CarnetItemValues("Samples", Decimal("3"), Decimal("90"), "FR"),
        user=user,
    )


def _add_agreement(user: Any) -> Any:
    return origin_services.save_agreement(
        agreement=None,
        values=AgreementValues(
            code="eu-vietnam",
            name="EU-Vietnam FTA",
            partners=("VN",),
            wording_en="Exporter {number}: {origin} preferential origin.",
            wording_fr="Exportateur {number} : origine préférentielle {origin}.",
        ),
        user=user,
    )


def _change_agreement(user: Any) -> Any:
    agreement = Agreement.objects.get(code="eu-japan-epa")
    return origin_services.save_agreement(
        agreement=agreement,
        values=AgreementValues(
            code=agreement.code,
            name=agreement.name,
            partners=("JP",),
            wording_en=agreement.wording_en,
            wording_fr=agreement.wording_fr,
            priority=5,
        ),
        user=user,
    )


def _product_origin(w: Any, user: Any, origin: Any = None) -> Any:
    return origin_services.save_product_origin(
        product=w.product,
        origin=origin,
        values=OriginValues(
            agreement=Agreement.objects.get(code="eu-uk-tca"),
            basis="sufficient_processing",
            rule="CTH",
        ),
        user=user,
    )


def _declaration(w: Any, user: Any, declaration: Any = None) -> Any:
    supplier = Company.objects.filter(name="Fonderie Test").first() or save_instance(
        Company(name="Fonderie Test", country="FR", roles=",supplier,"), SYSTEM
    )
    return origin_services.save_declaration(
        declaration=declaration,
        values=DeclarationValues(
            supplier=supplier,
            products=(w.product,),
            valid_from=TODAY,
            valid_to=TODAY + dt.timedelta(days=365),
            received_on=TODAY,
        ),
        user=user,
    )


def _import_sanctions_list(user: Any) -> Any:
    from comptoir.compliance import services as compliance
    from comptoir.compliance.tests.conftest import sample

    data = sample("ofac_sdn_sample.xml")
    return compliance.import_list(data=data, file_name="sdn.xml", user=user)


def _review_sanctions_hit(w: Any, user: Any) -> Any:
    """A hit on a new client named like a listed company, judged by the user (four eyes)."""
    from comptoir.compliance import services as compliance

    _import_sanctions_list(SYSTEM)
    firm = save_instance(
        Company(name="Pars Novin Shipping", country="AE", roles=",client,"), SYSTEM
    )
    hit = compliance.screen_company(company=firm)[0]
    return compliance.review_hit(
        hit=hit,
        review=compliance.Review("false_positive", "A Dubai hotel supplier, not the listed line."),
        user=user,
    )


def _freight_request(w: Any, user: Any) -> Any:
    carrier = Company(name="Transports Rapides", country="FR", roles=",carrier,")
    return freight.create_request(
        shipment=_shipment(w),
        values=FreightRequestValues(
            providers=(save_instance(carrier, SYSTEM),), reply_by=TODAY + dt.timedelta(days=2)
        ),
        user=user,
    )


def _with(instance: Any, **changes: Any) -> Any:
    for name, value in changes.items():
        setattr(instance, name, value)
    return instance


def _si() -> Any:
    from comptoir.supplier_invoices import services as supplier_invoices

    return supplier_invoices


def _si_purchase(w: Any) -> Any:
    from comptoir.supplier_invoices.tests.factories import make_world

    if not hasattr(w, "purchase"):
        w.purchase = make_world()
    return w.purchase


def _si_invoice(w: Any, user: Any, price: str = "2.40") -> Any:
    from comptoir.supplier_invoices.inputs import InvoiceLineValues, InvoiceValues

    buy = _si_purchase(w)
    return _si().save_invoice(
        invoice=None,
        values=InvoiceValues(
            supplier=buy.supplier,
            order=buy.order,
            number=f"NB-{price}",
            invoice_date=TODAY,
            currency="USD",
            incoterm="FOB",
            named_place="Ningbo",
            payment_days=60,
            lines=(
                InvoiceLineValues(
                    order_line_id=buy.l1.pk, quantity=Decimal("960"), unit_price=Decimal(price)
                ),
                InvoiceLineValues(
                    order_line_id=buy.l2.pk, quantity=Decimal("500"), unit_price=Decimal("2.40")
                ),
            ),
        ),
        user=user,
    )


def _si_settings(user: Any) -> Any:
    from comptoir.supplier_invoices.inputs import SettingsValues

    return _si().save_settings(
        values=SettingsValues(
            price_tolerance_pct=Decimal("1"),
            price_tolerance_eur=Decimal("25"),
            quantity_tolerance_pct=Decimal("0"),
            approval_threshold_eur=Decimal("5000"),
        ),
        user=user,
    )


def _si_pay(w: Any, user: Any) -> Any:
    from comptoir.supplier_invoices.inputs import PaymentValues

    invoice = _si().approve(invoice=_si_invoice(w, SYSTEM), user=SYSTEM)
    return _si().record_payment(
        invoice=invoice,
        values=PaymentValues(paid_on=TODAY, amount=Decimal("1000"), eur_rate=Decimal("0.93")),
        user=user,
    )


def _si_add_cost(w: Any, user: Any) -> Any:
    from comptoir.supplier_invoices.inputs import CostValues

    landed = _si().open_landed_cost(receipt=_si_purchase(w).receipt, user=SYSTEM)
    return _si().add_cost(
        landed_cost=landed,
        values=CostValues(kind="freight", amount=Decimal("800"), basis="weight"),
        user=user,
    )


def _si_apply(w: Any, user: Any) -> Any:
    _si().approve(invoice=_si_invoice(w, SYSTEM), user=SYSTEM)
    landed = _si().open_landed_cost(receipt=_si_purchase(w).receipt, user=SYSTEM)
    return _si().apply_cost_prices(landed_cost=landed, user=user)


def _ev() -> Any:
    import uuid

    from comptoir.events import services as event_services
    from comptoir.events.inputs import EventValues, VisitorValues

    def values(**changes: Any) -> EventValues:
        base: dict[str, Any] = {
            "name": "Ambiente",
            "kind": "trade_fair",
            "starts_on": dt.date(2026, 2, 6),
            "ends_on": dt.date(2026, 2, 10),
        }
        return EventValues(**(base | changes))

    def visitor() -> VisitorValues:
        return VisitorValues(
            client_id=uuid.uuid4(),
            company_name="Casa Bella SpA",
            last_name="Rossi",
            country="IT",
            temperature="hot",
            met_at=timezone.now(),
        )

    return SimpleNamespace(services=event_services, values=values, visitor=visitor)


def _event(user: Any) -> Any:
    return _ev().services.save_event(event=None, values=_ev().values(), user=user)


def _budget_line(event: Any, user: Any) -> Any:
    from comptoir.events.inputs import BudgetLineValues

    return _ev().services.save_budget_line(
        event=event,
        line=None,
        values=BudgetLineValues(category="hotel", label="Hotel", planned=Decimal("1800")),
        user=user,
    )


def test_every_cell_of_the_matrix_has_its_case() -> None:
    assert set(CASES) == {(r, a) for r, actions in MATRIX.items() for a in actions}


@pytest.fixture
def world(seller, clients, product, client, django_user_model):  # type: ignore[no-untyped-def]
    firm = clients["fr"]
    owner = make_user(django_user_model, "owner", "assistant")
    contact = save_instance(Contact(company=firm, last_name="Martin"), SYSTEM)
    price_list = save_instance(PriceList(name="Export", currency="EUR"), SYSTEM)
    return SimpleNamespace(
        http=client,
        client=firm,
        product=product,
        contact=contact,
        owner=owner,
        task=save_instance(
            Task(title="Send samples", due_date=TODAY, company=firm, assigned_to=owner), SYSTEM
        ),
        sheet=save_instance(CountrySheet(country="DE"), SYSTEM),
        price_list=price_list,
        price_item=save_instance(
            PriceListItem(price_list=price_list, product=product, unit_price=Decimal("79")),
            SYSTEM,
        ),
        equipment=save_instance(_equipment(), SYSTEM),
    )


def _cells() -> list[Any]:
    return [
        pytest.param(record, action, role, id=f"{record.value}-{action.value}-{role.value}")
        for record, actions in MATRIX.items()
        for action in actions
        for role in ROLES_IN_ORDER
    ]


@pytest.mark.parametrize(("record", "action", "role"), _cells())
def test_role_matrix(world, django_user_model, record, action, role):  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, f"user-{role.value}", role.value)
    if role == Role.ADMINISTRATOR:
        user.is_superuser = True  # administrators are the superusers of the demo and docs
    expected = has_role(user, MATRIX[record][action])
    attempt = CASES[(record, action)]
    if expected:
        attempt(world, user)
    else:
        with pytest.raises(PermissionDenied):
            with transaction.atomic():
                attempt(world, user)
