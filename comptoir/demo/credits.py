"""Documentary credits of the demo, through ``comptoir.credits.services``:

- an export order CIF Jebel Ali by sea to Gulf Hospitality Trading LLC (Dubai), paid by a
  confirmed irrevocable credit at sight (Emirates NBD, confirmed by our bank). On receipt
  the credit was USD 1,000 short of the order: the amendment requested was received and
  accepted. Two drawings (partial shipments allowed): the first compliant and paid, the
  second presented with a B/L clause ("2 cartons torn"), refused by the bank's notice and
  paid once the applicant waived;
- an import credit for a purchase of enamelled stockpots from a Chinese supplier, with its
  opening request to our bank (a PDF in French and English), opened and awaiting shipment
  (its deadlines show on the home page).

Needs: the demo users (``claire`` handles the credits, ``julien`` the manager decides the
amendment and the waiver), the companies (Gulf Hospitality Trading LLC; a supplier in China,
else any supplier), two products and our company (SellerProfile). Without the client nothing
is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.credits import selectors, services
from comptoir.credits.inputs import (
    AmendmentReceived,
    BankAnswer,
    CreditValues,
    DocumentValues,
    PresentationFields,
)
from comptoir.credits.models import Credit
from comptoir.parties.models import Company
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales import services as sales
from comptoir.sales.models import SellerProfile
from comptoir.sales.terms import TradeTermsValues

CLIENT = "Gulf Hospitality Trading LLC"


def _order(client: Company, products: list[Product], day: dt.date) -> object:
    order = sales.save_order(
        order=None,
        client=client,
        details=sales.OrderDetails(
            client_reference="GHT-PO-7781",
            order_date=day - dt.timedelta(days=50),
            requested_date=day - dt.timedelta(days=30),
        ),
        terms=TradeTermsValues(
            currency="USD",
            incoterm="CIF",
            incoterm_place="Jebel Ali",
            payment_days=0,
            payment_end_of_month=False,
            payment_instrument="confirmed_lc",
            transport_mode="sea",
            language="en",
            notes="Payment by irrevocable documentary credit at sight, confirmed by a French bank.",
        ),
        lines=[
            sales.LineValues(
                product=products[0], quantity=Decimal(240), unit_price=Decimal("62.50")
            ),
            sales.LineValues(
                product=products[1], quantity=Decimal(160), unit_price=Decimal("48.00")
            ),
        ],
        user=None,
    )
    return sales.confirm_order(order=order, user=None)


def _fields(
    seller: str, day: dt.date, amount: Decimal, on_board: dt.date, **changes: object
) -> PresentationFields:
    values: dict[str, object] = {
        "presented_on": day,
        "bank": "Crédit Agricole CIB, Paris",
        "documents": ("commercial_invoice", "bill_of_lading", "insurance", "packing_list"),
        "invoice_issuer": seller,
        "invoice_addressee": "Gulf Hospitality Trading LLC, Dubai",
        "invoice_date": on_board - dt.timedelta(days=1),
        "invoice_currency": "USD",
        "invoice_amount": amount,
        "invoice_description": "Cast-iron cookware: round casseroles and frying pans",
        "invoice_incoterm": "CIF",
        "invoice_place": "Jebel Ali",
        "bl_number": "MEDUFR123456",
        "bl_date": on_board,
        "on_board_date": on_board,
        "port_of_loading": "Fos-sur-Mer, France",
        "port_of_discharge": "Jebel Ali, United Arab Emirates",
        "bl_clean": True,
        "bl_originals_issued": 3,
        "bl_originals_presented": 3,
        "bl_freight": "prepaid",
        "bl_containerised": True,
        "bl_gross_weight_kg": Decimal("2150"),
        "bl_description": "Cast-iron cookware",
        "insurance_date": on_board - dt.timedelta(days=1),
        "insurance_currency": "USD",
        "insurance_amount": (amount * Decimal("1.10")).quantize(Decimal("0.01")),
        "insurance_risks": "Institute Cargo Clauses (A)",
        "packing_date": on_board - dt.timedelta(days=1),
        "packing_gross_weight_kg": Decimal("2150"),
        "packing_packages": 200,
    }
    values.update(changes)
    return PresentationFields(**values)  # type: ignore[arg-type]


def _export(users: dict[str, User], client: Company, products: list[Product]) -> Credit | None:
    claire, julien = users.get("claire"), users.get("julien")
    day = today()
    seller = SellerProfile.current()
    beneficiary = seller.legal_name if seller else "Maison Ferrand SAS"
    order = _order(client, products, day)
    credit = services.create_credit(
        values=CreditValues(
            direction="export",
            partner=client,
            order=order,  # type: ignore[arg-type]
            handled_by=claire,
            number="ENBD/ILC/2026/04417",
            currency="USD",
            amount=Decimal("21680.00"),  # the order is 22,680: USD 1,000 short
            issue_date=day - dt.timedelta(days=48),
            expiry_date=day + dt.timedelta(days=25),
            expiry_place="Paris, at the counters of the confirming bank",
            expiry_country="FR",
            latest_shipment_date=day + dt.timedelta(days=5),
            presentation_days=21,
            issuing_bank="Emirates NBD Bank PJSC, Dubai",
            issuing_bank_bic="EBILAEAD",
            advising_bank="Crédit Agricole CIB, Paris",
            advising_bank_bic="BSUIFRPP",
            confirmed=True,
            confirming_bank="Crédit Agricole CIB, Paris",
            confirming_bank_bic="BSUIFRPP",
            availability="sight",
            available_with="confirming",
            partial_shipments="allowed",
            transhipment="allowed",
            incoterm="CIF",
            named_place="Jebel Ali",
            port_of_loading="Fos-sur-Mer",
            port_of_discharge="Jebel Ali",
            goods_description="Cast-iron cookware",
            applicant_name="Gulf Hospitality Trading LLC",
            applicant_address="Al Quoz Industrial Area 3, Dubai, UAE",
            beneficiary_name=beneficiary,
            charges="usual",
            documents=(
                DocumentValues("commercial_invoice", originals=3),
                DocumentValues(
                    "bill_of_lading",
                    originals=3,
                    issuer="carrier",
                    consignee="To order of Emirates NBD Bank PJSC",
                    notify="Gulf Hospitality Trading LLC",
                    freight="prepaid",
                    clean_on_board=True,
                ),
                DocumentValues("insurance", cover_pct=Decimal("110"), risks="ICC (A)"),
                DocumentValues("packing_list", originals=1, copies=2),
            ),
        ),
        user=claire,
    )
    services.set_status(credit=credit, status="under_review", user=claire)
    amendment = services.request_amendment(
        credit=credit,
        text="Please increase the amount of the credit to USD 22,680.00 (our order GHT-PO-7781).",
        user=claire,
        on=day - dt.timedelta(days=45),
    )
    amendment = services.receive_amendment(
        credit=credit,
        values=AmendmentReceived(
            received_on=day - dt.timedelta(days=40),
            description="MT707: amount increased by USD 1,000.00 to USD 22,680.00.",
            changes={"amount": "22680.00"},
        ),
        amendment=amendment,
        user=claire,
    )
    services.decide_amendment(
        amendment=amendment, accept=True, user=julien, on=day - dt.timedelta(days=39)
    )
    credit.refresh_from_db()
    services.set_status(credit=credit, status="accepted", user=claire)
    # first drawing: the casseroles, compliant, paid
    first = services.present(
        credit=credit,
        fields=_fields(
            beneficiary,
            day - dt.timedelta(days=25),
            Decimal("15000.00"),
            day - dt.timedelta(days=30),
        ),
        user=claire,
    )
    services.record_answer(
        presentation=first,
        answer=BankAnswer(
            "paid", day - dt.timedelta(days=21), Decimal("14925.00"), charges=Decimal("75.00")
        ),
        user=claire,
    )
    # second drawing: the B/L bears a clause on the packing; presented for a waiver
    second = services.present(
        credit=credit,
        fields=_fields(
            beneficiary,
            day - dt.timedelta(days=8),
            Decimal("7680.00"),
            day - dt.timedelta(days=12),
            bl_number="MEDUFR123987",
            bl_clean=False,
            bl_clauses="2 cartons torn, contents exposed",
            packing_packages=80,
            bl_gross_weight_kg=Decimal("830"),
            packing_gross_weight_kg=Decimal("830"),
        ),
        user=julien,
        present_anyway=True,
        waiver_reason="Cartons repacked at the terminal; the client agreed by e-mail to waive.",
    )
    services.record_answer(
        presentation=second,
        answer=BankAnswer(
            "discrepant",
            day - dt.timedelta(days=6),
            charges=Decimal("95.00"),
            discrepancies="Bill of lading not clean: clause '2 cartons torn, contents exposed' "
            "(UCP 600 art. 27).",
            disposal="holding_waiver",
        ),
        user=claire,
    )
    second.refresh_from_db()
    services.record_outcome(
        notice=second.notice,
        outcome="waived",
        user=claire,
        on=day - dt.timedelta(days=3),
        amount=Decimal("7585.00"),
        note="Applicant's waiver received through Emirates NBD; paid less the discrepancy fee.",
    )
    return credit


def _import(users: dict[str, User]) -> Credit | None:
    claire = users.get("claire")
    supplier = (
        Company.objects.filter(roles__contains=",supplier,", country="CN").order_by("pk").first()
        or Company.objects.filter(roles__contains=",supplier,").order_by("pk").first()
    )
    seller = SellerProfile.current()
    if supplier is None or seller is None:
        return None
    day = today()
    credit = services.create_credit(
        values=CreditValues(
            direction="import",
            partner=supplier,
            handled_by=claire,
            purchase_reference="PO-2026-044 (pro forma NGB-PI-2610)",
            currency="USD",
            amount=Decimal("12400.00"),
            tolerance_plus_pct=Decimal("5"),
            tolerance_minus_pct=Decimal("5"),
            issue_date=day - dt.timedelta(days=4),
            expiry_date=day + dt.timedelta(days=40),
            expiry_place="Ningbo, China",
            expiry_country="CN",
            latest_shipment_date=day + dt.timedelta(days=12),
            presentation_days=21,
            issuing_bank=seller.bank_name or "Crédit Agricole",
            issuing_bank_bic=seller.bic,
            advising_bank="Bank of China, Ningbo Branch",
            advising_bank_bic="BKCHCNBJ92A",
            availability="deferred",
            usance_days=60,
            usance_basis="the bill of lading date",
            available_with="advising",
            partial_shipments="prohibited",
            transhipment="allowed",
            incoterm="FOB",
            named_place="Ningbo",
            port_of_loading="Ningbo",
            port_of_discharge="Le Havre",
            goods_description="Enamelled steel stockpots, 5 sizes, as per pro forma NGB-PI-2610",
            quantity=Decimal(1200),
            unit="PCS",
            applicant_name=seller.legal_name,
            applicant_address=f"{seller.street}, {seller.postcode} {seller.city}, France",
            beneficiary_name=supplier.legal_name or supplier.name,
            special_conditions="Inspection certificate by SGS before shipment.",
            documents=(
                DocumentValues("commercial_invoice", originals=3),
                DocumentValues(
                    "bill_of_lading",
                    originals=3,
                    issuer="carrier",
                    consignee=f"To order of {seller.bank_name or 'the issuing bank'}",
                    notify=seller.legal_name,
                    freight="collect",
                    clean_on_board=True,
                ),
                DocumentValues("packing_list"),
                DocumentValues("certificate_of_origin", issuer="chamber_of_commerce"),
                DocumentValues("inspection_certificate", issuer="inspection_company"),
            ),
        ),
        user=claire,
    )
    # the bank opened it (MT700 sent): the follow-up starts
    services.set_status(credit=credit, status="received", user=claire, note="Opened by our bank.")
    return credit


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's credits; how many were made."""
    # fresh users: the profile cached on the given ones may predate their role
    users = {
        name: get_user_model().objects.select_related("profile").get(pk=user.pk)
        for name, user in users.items()
    }
    client = Company.objects.filter(name=CLIENT).first()
    products = list(Product.objects.order_by("pk")[:2])
    made = 0
    if client is not None and len(products) == 2:
        made += _export(users, client, products) is not None
    made += _import(users) is not None
    return {"documentary_credits": made}


def _purchase_credit(order: PurchaseOrder, user: User | None) -> Credit | None:
    """The import credit our bank opens for a purchase order paid by L/C: the order's total
    in its currency, 5 % tolerance, deferred payment as the order's terms say."""
    seller = SellerProfile.current()
    if seller is None:
        return None
    supplier = order.supplier
    day = today()
    ready = max(order.confirmed_date or order.requested_date or day, day + dt.timedelta(days=7))
    lines = list(purchasing_selectors.order_lines(order))
    credit = services.create_credit(
        values=CreditValues(
            direction="import",
            partner=supplier,
            purchase_order=order,
            handled_by=user,
            currency=order.currency,
            amount=purchasing_selectors.order_total(order),
            tolerance_plus_pct=Decimal("5"),
            tolerance_minus_pct=Decimal("5"),
            issue_date=day - dt.timedelta(days=2),
            expiry_date=ready + dt.timedelta(days=45),
            expiry_place=supplier.city or supplier.country,
            expiry_country=supplier.country,
            latest_shipment_date=ready + dt.timedelta(days=15),
            presentation_days=21,
            issuing_bank=seller.bank_name or "Crédit Agricole",
            issuing_bank_bic=seller.bic,
            advising_bank="State Bank of India, Mumbai" if supplier.country == "IN" else "",
            availability="deferred" if order.payment_days else "sight",
            usance_days=order.payment_days,
            usance_basis="the bill of lading date" if order.payment_days else "",
            available_with="advising",
            partial_shipments="prohibited",
            transhipment="allowed",
            incoterm=order.incoterm,
            named_place=order.named_place,
            port_of_loading=order.named_place,
            port_of_discharge="Le Havre",
            goods_description="; ".join(
                f"{line.quantity.normalize():f} {line.unit} "
                f"{line.description or line.product.name_en}"
                for line in lines
            )[:1000]
            + f", as per our purchase order {order.number}",
            applicant_name=seller.legal_name,
            applicant_address=f"{seller.street}, {seller.postcode} {seller.city}, France",
            beneficiary_name=supplier.legal_name or supplier.name,
            documents=(
                DocumentValues("commercial_invoice", originals=3),
                DocumentValues(
                    "bill_of_lading",
                    originals=3,
                    issuer="carrier",
                    consignee=f"To order of {seller.bank_name or 'the issuing bank'}",
                    notify=seller.legal_name,
                    freight="collect",
                    clean_on_board=True,
                ),
                DocumentValues("packing_list"),
                DocumentValues("certificate_of_origin", issuer="chamber_of_commerce"),
            ),
        ),
        user=user,
    )
    services.set_status(credit=credit, status="received", user=user, note="Opened by our bank.")
    return credit


def link_import_credits(users: dict[str, User]) -> dict[str, int]:
    """After the purchasing demo: each purchase order paid by L/C, sent to its supplier and
    paid by no credit yet, gets its import credit opened through the credits services."""
    users = {
        name: get_user_model().objects.select_related("profile").get(pk=user.pk)
        for name, user in users.items()
    }
    user = users.get("claire")
    made = 0
    for order in purchasing_selectors.issued_orders(instrument="lc"):
        if selectors.of_purchase_order(order.pk).exists():
            continue
        made += _purchase_credit(order, user) is not None
    return {"import_credits_for_purchase_orders": made}
