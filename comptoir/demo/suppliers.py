"""The supplier panel of the demo: the Chinese, Indian, Italian and Portuguese suppliers with
their files, certifications (one expiring, one expired), a social audit with findings and
corrective actions (one overdue), the CSR checklist, the products they supply with their
price history (enamelled lids among them), a year of deliveries so that the OTIF is not empty,
incidents with their outcome, and a decided yearly review. Everything goes through
``comptoir.suppliers.services``.

Needs: the demo users (``claire`` is the buyer, ``julien`` the manager who decides the review),
the suppliers among the demo companies (found by country and the supplier role) and the
products CMP-BTN, CMP-DISC and CMP-MANCHE; the enamelled lid CMP-COUV-24 is added to the
catalogue when missing (the tenders demo asks for it).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.catalog import services as catalog
from comptoir.catalog.models import Product
from comptoir.catalog.values import ProductValues
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.suppliers import services
from comptoir.suppliers.inputs import (
    ActionValues,
    AuditValues,
    CertificationValues,
    CsrValues,
    FileValues,
    ReviewGrades,
    SuppliedValues,
)
from comptoir.suppliers.models import SupplierFile

D = Decimal
LID = "CMP-COUV-24"


def _lid(user: User | None) -> Product:
    existing = Product.objects.filter(reference=LID).first()
    if existing is not None:
        return existing
    return catalog.save_product(
        product=None,
        values=ProductValues(
            reference=LID,
            name_fr="Couvercle fonte émaillée Ø 24 cm",
            name_en="Enamelled cast-iron lid 24 cm",
            hs_code="732392",
            cn_code="73239200",
            origin_country="CN",
            net_weight_kg=D("1.650"),
            gross_weight_kg=D("1.800"),
            cost_price=D("5.10"),
            units_per_carton=6,
            description_en="Enamelled cast-iron lid for the 24 cm round casserole, black inside.",
            description_fr="Couvercle en fonte émaillée pour la cocotte ronde 24 cm, intérieur noir.",
        ),
        user=user,
        reason="demo data",
    )


def _supplier(country: str) -> Company | None:
    """The demo's supplier in that country, unless it already has its file (built before)."""
    company = (
        Company.objects.filter(roles__contains=",supplier,", country=country).order_by("pk").first()
    )
    if company is None or SupplierFile.objects.filter(company=company).exists():
        return None
    return company


def _ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def _file(company: Company, values: FileValues) -> SupplierFile:
    return services.open_file(company=company, values=values, user=None)


def _prices(
    supplier: SupplierFile,
    product: Product,
    reference: str,
    history: list[tuple[int, str]],
    *,
    currency: str,
    incoterm: str,
    place: str,
    moq: str,
    lead: int,
) -> None:
    """Successive prices (days ago, price): each one kept in the price history."""
    for days, price in history:
        services.save_supplied_product(
            supplier=supplier,
            product=product,
            values=SuppliedValues(
                supplier_reference=reference,
                unit_price=D(price),
                currency=currency,
                incoterm=incoterm,
                incoterm_place=place,
                valid_from=_ago(days),
                moq=D(moq),
                lead_time_days=lead,
            ),
            user=None,
        )


def _deliveries(supplier: SupplierFile, prefix: str, rows: list[tuple[int, int, str, str]]) -> int:
    """(days ago promised, days late, quantity ordered, quantity accepted) per delivery."""
    for index, (promised_ago, late, ordered, accepted) in enumerate(rows, start=1):
        promised = _ago(promised_ago)
        services.record_delivery(
            supplier,
            order_ref=f"{prefix}-{index:03d}",
            ordered_on=promised - dt.timedelta(days=supplier.lead_time_days or 45),
            promised_date=promised,
            delivered_date=promised + dt.timedelta(days=late),
            quantity_ordered=D(ordered),
            quantity_received=D(ordered),
            quantity_accepted=D(accepted),
        )
    return len(rows)


def _csr(supplier: SupplierFile, met: dict[str, str], not_met: tuple[str, ...] = ()) -> None:
    services.set_csr(
        supplier=supplier,
        checks=[CsrValues(code, True, evidence) for code, evidence in met.items()]
        + [CsrValues(code, False) for code in not_met],
        user=None,
    )


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's supplier files; how many files and deliveries were made."""
    buyer = users.get("claire")
    manager = users.get("julien")
    if manager is not None:
        # read again: the builder's user object may hold the profile made before its role
        manager = User.objects.select_related("profile").get(pk=manager.pk)
    made = deliveries = 0
    lid = _lid(None)
    products = {p.reference: p for p in Product.objects.filter(reference__startswith="CMP-")}

    if (company := _supplier("CN")) is not None:
        huali = _file(
            company,
            FileValues(
                status="approved",
                categories="bakelite knobs, enamelled lids",
                buyer=buyer,
                payment_terms="30 % deposit with the order, balance against copy of the B/L",
                payment_days=0,
                instruments=("advance", "lc"),
                lead_time_days=45,
                minimum_order="USD 3,000 per order; 5,000 knobs per reference",
                on_time_tolerance_days=2,
                in_full_tolerance_pct=D("1"),
            ),
        )
        made += 1
        for kind, number, body, start, end in (
            ("iso9001", "CN-QMS-0418-2023", "SGS China", 1050, -40),
            ("bsci", "amfori 156-448-210", "amfori BSCI (audit QIMA)", 300, -300),
            ("food_contact", "DoC-2025-11 (EC 1935/2004, LFGB)", "Huali QA", 200, -530),
        ):
            services.save_certification(
                supplier=huali,
                values=CertificationValues(
                    kind=kind, number=number, body=body, valid_from=_ago(start), valid_to=_ago(end)
                ),
                user=None,
            )
        services.record_audit(
            supplier=huali,
            values=AuditValues(
                date=_ago(180),
                auditor="QIMA Shenzhen (social audit)",
                kind="social",
                score=68,
                findings=(
                    "Fire exits blocked by pallets in the enamelling shop. Overtime above 60 "
                    "hours a week in the peak season (October). Chemical store without "
                    "retention tray."
                ),
                actions=(
                    ActionValues("Clear and mark the fire exits; monthly check", _ago(150)),
                    ActionValues("Working-hours plan for the peak season", _ago(20)),
                    ActionValues(
                        "Retention tray and safety sheets in the chemical store", _ago(-40)
                    ),
                ),
            ),
            user=None,
        )
        audit = huali.audits.first()
        if audit is not None:
            first = audit.actions.order_by("due_on").first()
            if first is not None:
                services.set_action_status(action=first, status="done", on=_ago(155), user=None)
        _csr(
            huali,
            {
                "code_of_conduct": "Signed 2025-03-04",
                "child_labour": "amfori BSCI audit, ages checked",
                "forced_labour": "amfori BSCI audit",
                "freedom_association": "Workers' committee minutes",
                "chemicals": "REACH and LFGB declarations 2025",
                "anti_corruption": "Signed with the code of conduct",
            },
            ("wages_hours", "health_safety", "environment", "subcontracting"),
        )
        if "CMP-BTN" in products:
            _prices(
                huali,
                products["CMP-BTN"],
                "HL-KN-45",
                [(420, "0.58"), (200, "0.60"), (30, "0.62")],
                currency="USD",
                incoterm="FOB",
                place="Guangzhou (Nansha)",
                moq="5000",
                lead=45,
            )
        _prices(
            huali,
            lid,
            "HL-LID-24E",
            [(380, "4.60"), (120, "4.85")],
            currency="USD",
            incoterm="EXW",
            place="Ningbo",
            moq="1000",
            lead=50,
        )
        deliveries += _deliveries(
            huali,
            "PO-HL",
            [
                (330, 0, "20000", "20000"),
                (270, 5, "15000", "15000"),
                (210, 1, "20000", "19900"),
                (150, 0, "1200", "1080"),
                (90, 9, "20000", "20000"),
                (40, 0, "18000", "18000"),
            ],
        )
        incident = services.record_incident(
            huali,
            kind="non_conformity",
            date=_ago(148),
            reference="PO-HL-004",
            description="Enamel chipped on 120 lids at the rim (packing without separators).",
        )
        services.set_incident_outcome(
            incident=incident,
            outcome="credit_note",
            note="USD 582 credited on the next invoice; separators added",
            user=None,
        )
        services.record_incident(
            huali,
            kind="late",
            date=_ago(81),
            reference="PO-HL-005",
            description="Shipped 9 days after the confirmed date (Golden Week backlog).",
            outcome="accepted",
        )
        review = services.start_review(supplier=huali, year=_ago(40).year, user=buyer)
        grades = {
            row["criterion"]: D(row["grade"]) if row.get("grade") else D(7) for row in review.grid
        }
        grades["service"] = D(7)
        services.save_review(
            review=review,
            grades=ReviewGrades(
                weights={row["criterion"]: D(row["weight"]) for row in review.grid},
                grades=grades,
                decision="watch",
                comments=(
                    "Good prices, quality improving; deliveries and the social audit "
                    "actions to follow monthly. Second source for the lids: Pune."
                ),
            ),
            user=manager,
        )

    if (company := _supplier("IN")) is not None:
        pune = _file(
            company,
            FileValues(
                status="approved",
                categories="stainless-steel parts, enamelled lids",
                buyer=buyer,
                payment_terms="Irrevocable L/C at sight, or D/P at sight",
                instruments=("lc", "dp"),
                lead_time_days=60,
                minimum_order="One 20' container or USD 8,000",
                on_time_tolerance_days=3,
            ),
        )
        made += 1
        for kind, number, body, start, end in (
            ("iso9001", "IN-9001-77120", "Bureau Veritas India", 600, -500),
            ("sa8000", "SA8000-IN-2291", "SAI accredited body (TÜV India)", 1100, 10),
        ):
            services.save_certification(
                supplier=pune,
                values=CertificationValues(
                    kind=kind, number=number, body=body, valid_from=_ago(start), valid_to=_ago(end)
                ),
                user=None,
            )
        _csr(
            pune,
            {
                "code_of_conduct": "Signed 2024-11-20",
                "child_labour": "SA8000 certificate",
                "forced_labour": "SA8000 certificate",
                "wages_hours": "SA8000 certificate",
                "health_safety": "Visit of 2025-02-11",
                "freedom_association": "SA8000 certificate",
                "chemicals": "REACH declaration",
            },
        )
        _prices(
            pune,
            lid,
            "PSW-LD240",
            [(300, "4.25"), (90, "4.40")],
            currency="USD",
            incoterm="FOB",
            place="Mumbai (Nhava Sheva)",
            moq="2000",
            lead=60,
        )
        deliveries += _deliveries(
            pune,
            "PO-PSW",
            [(300, 2, "4000", "4000"), (200, 12, "4000", "4000"), (100, 0, "6000", "6000")],
        )
        services.record_incident(
            pune,
            kind="documents",
            date=_ago(99),
            reference="PO-PSW-003",
            description="Certificate of origin missing from the L/C documents: discrepancy fee.",
            outcome="credit_note",
            outcome_note="USD 90 fee refunded",
        )

    if (company := _supplier("IT")) is not None:
        brianza = _file(
            company,
            FileValues(
                status="approved",
                categories="aluminium discs",
                buyer=buyer,
                payment_terms="60 days end of month, transfer",
                payment_days=60,
                instruments=("open_account",),
                lead_time_days=21,
                minimum_order="EUR 1,500",
            ),
        )
        made += 1
        for kind, number, body, start, end in (
            ("iso9001", "IT-QMS-11873", "DNV Italia", 400, -700),
            ("iso14001", "IT-EMS-5520", "DNV Italia", 400, -700),
        ):
            services.save_certification(
                supplier=brianza,
                values=CertificationValues(
                    kind=kind, number=number, body=body, valid_from=_ago(start), valid_to=_ago(end)
                ),
                user=None,
            )
        if "CMP-DISC" in products:
            _prices(
                brianza,
                products["CMP-DISC"],
                "AB-D300-2.5",
                [(400, "2.20"), (220, "2.28"), (60, "2.35")],
                currency="EUR",
                incoterm="DAP",
                place="Thiers",
                moq="500",
                lead=21,
            )
        deliveries += _deliveries(
            brianza,
            "PO-AB",
            [
                (320, 0, "2000", "2000"),
                (240, 0, "2000", "2000"),
                (160, -2, "2500", "2500"),
                (80, 1, "2000", "2000"),
                (20, 0, "3000", "3000"),
            ],
        )

    if (company := _supplier("PT")) is not None:
        minho = _file(
            company,
            FileValues(
                status="conditional",
                categories="olive-wood handles",
                buyer=buyer,
                payment_terms="45 days net, transfer",
                payment_days=45,
                instruments=("open_account",),
                lead_time_days=30,
                minimum_order="2,000 handles",
                notes="Approved on condition of the FSC chain-of-custody renewal.",
            ),
        )
        made += 1
        services.save_certification(
            supplier=minho,
            values=CertificationValues(
                kind="fsc",
                number="FSC-C151277",
                body="Bureau Veritas Portugal",
                valid_from=_ago(1800),
                valid_to=_ago(-25),
            ),
            user=None,
        )
        services.save_certification(
            supplier=minho,
            values=CertificationValues(
                kind="pefc", number="PEFC/13-31-88", body="SGS Portugal", valid_to=_ago(-600)
            ),
            user=None,
        )
        if "CMP-MANCHE" in products:
            _prices(
                minho,
                products["CMP-MANCHE"],
                "MM-OLV-12",
                [(360, "0.95"), (40, "0.99")],
                currency="EUR",
                incoterm="FCA",
                place="Braga",
                moq="2000",
                lead=30,
            )
        deliveries += _deliveries(
            minho, "PO-MM", [(250, 0, "3000", "3000"), (130, 4, "3000", "2900")]
        )
    return {"supplier_files": made, "supplier_deliveries": deliveries}
