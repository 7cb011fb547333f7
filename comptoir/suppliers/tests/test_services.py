"""The supplier panel's services and selectors: the file, certifications and their reminders,
audits and corrective actions, CSR, supplied products and price history, deliveries and
incidents fed by purchasing, the figures, the yearly review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.parties.models import Task
from comptoir.suppliers import selectors, services
from comptoir.suppliers.inputs import (
    ActionValues,
    AuditValues,
    CertificationValues,
    CsrValues,
    FileValues,
    ReviewGrades,
    SuppliedValues,
)
from comptoir.suppliers.models import (
    CorrectiveAction,
    Delivery,
    PanelStatus,
    PricePoint,
    Review,
    SupplierFile,
)

from .conftest import TODAY, supplier_company

pytestmark = pytest.mark.django_db
D = Decimal


def _supplied(supplier, product, price: str, day: dt.date, user=None):  # type: ignore[no-untyped-def]
    return services.save_supplied_product(
        supplier=supplier,
        product=product,
        values=SuppliedValues(
            supplier_reference="NB-LID-24",
            unit_price=D(price),
            currency="USD",
            incoterm="FOB",
            incoterm_place="Ningbo",
            valid_from=day,
            moq=D("500"),
            lead_time_days=45,
        ),
        user=user,
    )


def test_a_file_needs_the_supplier_role_and_is_one_per_company(supplier, supplier_firm) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.open_file(company=supplier_firm, values=FileValues(), user=None)
    assert "company" in caught.value.message_dict
    client = supplier_company("A client", "DE")
    client.role_list = ["client"]
    client.save()
    with pytest.raises(ValidationError):
        services.open_file(company=client, values=FileValues(), user=None)
    assert supplier.categories == "enamelled lids, cast iron"
    assert supplier.instrument_list == ["advance", "lc"]


def test_bad_file_values_name_the_field(supplier) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.save_file(
            supplier=supplier,
            values=FileValues(instruments=("cheque",), audit_interval_months=0),
            user=None,
        )
    assert set(caught.value.message_dict) == {"instruments", "audit_interval_months"}


def test_a_reader_cannot_change_the_file(supplier, reader) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.save_file(supplier=supplier, values=FileValues(), user=reader)


def test_supplied_product_keeps_its_price_history(supplier, product) -> None:  # type: ignore[no-untyped-def]
    _supplied(supplier, product, "2.10", TODAY - dt.timedelta(days=300))
    _supplied(supplier, product, "2.10", TODAY - dt.timedelta(days=300))  # same: no new point
    row = _supplied(supplier, product, "2.25", TODAY - dt.timedelta(days=10))
    assert row.unit_price == D("2.25")
    assert list(PricePoint.objects.values_list("unit_price", flat=True)) == [D("2.1"), D("2.25")]
    assert [s.pk for s in selectors.supplied_products(product)] == [row.pk]


def test_supplied_product_refuses_bad_input(supplier, product) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.save_supplied_product(
            supplier=supplier,
            product=product,
            values=SuppliedValues(
                supplier_reference="",
                unit_price=D("-1"),
                currency="XYZ",
                incoterm="FOX",
                incoterm_place="",
                valid_from=TODAY,
                valid_to=TODAY - dt.timedelta(days=1),
            ),
            user=None,
        )
    assert set(caught.value.message_dict) == {
        "unit_price",
        "currency",
        "incoterm",
        "incoterm_place",
        "valid_to",
    }
    assert not PricePoint.objects.exists()


def test_blocked_suppliers_are_not_offered(supplier, product) -> None:  # type: ignore[no-untyped-def]
    _supplied(supplier, product, "2.10", TODAY)
    supplier.status = PanelStatus.BLOCKED
    supplier.save()
    assert not selectors.supplied_products(product).exists()


def test_certifications_valid_and_their_reminders(supplier, assistant) -> None:  # type: ignore[no-untyped-def]
    services.save_certification(
        supplier=supplier,
        values=CertificationValues(
            kind="iso9001",
            number="CN-123",
            body="SGS",
            valid_from=TODAY - dt.timedelta(days=700),
            valid_to=TODAY + dt.timedelta(days=40),
        ),
        user=None,
    )
    services.save_certification(
        supplier=supplier,
        values=CertificationValues(kind="bsci", valid_to=TODAY + dt.timedelta(days=400)),
        user=None,
    )
    old = services.save_certification(
        supplier=supplier,
        values=CertificationValues(
            kind="other", other_kind="LFGB", valid_to=TODAY - dt.timedelta(days=1)
        ),
        user=None,
    )
    names = {c.name for c in selectors.certifications_valid(supplier.company)}
    assert names == {"ISO 9001", "amfori BSCI"}
    assert old.name == "LFGB"
    with pytest.raises(ValidationError) as caught:
        services.save_certification(
            supplier=supplier, values=CertificationValues(kind="other"), user=None
        )
    assert "other_kind" in caught.value.message_dict
    # the day's job: two certificates (expiring, expired) + the audit never made = 3 tasks
    assert services.plan_reminders(TODAY) == 3
    assert services.plan_reminders(TODAY) == 0  # once each
    titles = sorted(Task.objects.filter(assigned_to=assistant).values_list("title", flat=True))
    assert any("ISO 9001" in t and "expires" in t for t in titles)
    assert any("LFGB" in t and "expired" in t for t in titles)
    assert any(t.startswith("Audit of") for t in titles)
    # the renewed certificate closes its task
    iso = supplier.certifications.get(kind="iso9001")
    services.save_certification(
        supplier=supplier,
        certification=iso,
        values=CertificationValues(kind="iso9001", valid_to=TODAY + dt.timedelta(days=1100)),
        user=None,
    )
    assert Task.objects.filter(title__contains="ISO 9001", done_at__isnull=True).count() == 0
    # a renewed LFGB declaration entered as a new certification answers the old reminder
    services.save_certification(
        supplier=supplier,
        values=CertificationValues(
            kind="other", other_kind="LFGB", valid_to=TODAY + dt.timedelta(days=700)
        ),
        user=None,
    )
    assert Task.objects.filter(title__contains="LFGB", done_at__isnull=True).count() == 0


def test_audit_with_actions_closes_the_audit_task_and_overdue_actions_become_tasks(
    supplier,
) -> None:  # type: ignore[no-untyped-def]
    services.plan_reminders(TODAY)
    assert SupplierFile.objects.get(pk=supplier.pk).audit_task is not None
    audit = services.record_audit(
        supplier=SupplierFile.objects.get(pk=supplier.pk),
        values=AuditValues(
            date=TODAY - dt.timedelta(days=40),
            auditor="QIMA",
            kind="social",
            score=72,
            findings="Fire exits blocked in the enamelling shop.",
            actions=(
                ActionValues("Clear the fire exits", TODAY - dt.timedelta(days=10)),
                ActionValues("Train the shift leaders", TODAY + dt.timedelta(days=30)),
            ),
        ),
        user=None,
    )
    supplier.refresh_from_db()
    assert supplier.audit_task is None
    assert selectors.next_audit_due(supplier) > TODAY + dt.timedelta(days=300)
    assert services.plan_reminders(TODAY) == 1  # the overdue action
    action = audit.actions.get(description="Clear the fire exits")
    assert action.task is not None
    services.set_action_status(action=action, status="done", user=None)
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.DONE and action.task is None
    assert action.done_on == TODAY


def test_audit_refuses_bad_input(supplier) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.record_audit(
            supplier=supplier,
            values=AuditValues(
                date=TODAY + dt.timedelta(days=1),
                auditor=" ",
                kind="quality",
                score=120,
                actions=(ActionValues("x", TODAY - dt.timedelta(days=5)),),
            ),
            user=None,
        )
    assert set(caught.value.message_dict) == {"date", "auditor", "score", "actions"}


def test_csr_score(supplier) -> None:  # type: ignore[no-untyped-def]
    assert selectors.csr_score(supplier.company) is None
    services.set_csr(
        supplier=supplier,
        checks=[
            CsrValues("code_of_conduct", True, "Signed 2026-01-12"),
            CsrValues("child_labour", True, "BSCI audit 2025"),
            CsrValues("chemicals", False),
        ],
        user=None,
    )
    assert selectors.csr_score(supplier.company) == D("20.0")
    with pytest.raises(ValidationError) as caught:
        services.set_csr(supplier=supplier, checks=[CsrValues("environment", True)], user=None)
    assert "environment" in caught.value.message_dict


def _deliver(supplier, ref: str, late: int, accepted: str = "1000", received: str = "1000"):  # type: ignore[no-untyped-def]
    promised = TODAY - dt.timedelta(days=60)
    return services.record_delivery(
        supplier.company,
        order_ref=ref,
        promised_date=promised,
        delivered_date=promised + dt.timedelta(days=late),
        quantity_ordered=D("1000"),
        quantity_received=D(received),
        quantity_accepted=D(accepted),
        ordered_on=promised - dt.timedelta(days=45),
    )


def test_deliveries_make_the_otif_and_the_reliability(supplier) -> None:  # type: ignore[no-untyped-def]
    assert selectors.supplier_reliability(supplier.company) is None
    _deliver(supplier, "PO-1", 0)
    _deliver(supplier, "PO-2", 2, accepted="995")  # within 2 days and 1 %: OTIF
    _deliver(supplier, "PO-3", 9)
    _deliver(supplier, "PO-4", 0, accepted="900", received="960")
    assert selectors.supplier_reliability(supplier.company) == D("50.0")
    # the same order and receipt again corrects it
    _deliver(supplier, "PO-3", 1)
    assert Delivery.objects.filter(order_ref="PO-3").count() == 1
    assert selectors.supplier_reliability(supplier.company) == D("75.0")
    figures = selectors.performance(supplier)
    assert figures.otif.count == 4 and figures.otif.otif == 3
    assert figures.lead.mean_lead_time_days is not None


def test_record_delivery_refuses_bad_quantities_and_opens_a_file_for_a_new_supplier(db) -> None:  # type: ignore[no-untyped-def]
    firm = supplier_company("Porto Lids Lda", "PT")
    with pytest.raises(ValidationError) as caught:
        services.record_delivery(
            firm,
            order_ref="",
            promised_date=TODAY,
            delivered_date=TODAY + dt.timedelta(days=3),
            quantity_ordered=D("0"),
            quantity_received=D("10"),
            quantity_accepted=D("11"),
        )
    assert set(caught.value.message_dict) == {
        "order_ref",
        "quantity_ordered",
        "quantity_accepted",
        "delivered_date",
    }
    assert not SupplierFile.objects.filter(company=firm).exists()
    services.record_delivery(
        firm,
        order_ref="PO-9",
        promised_date=TODAY,
        delivered_date=TODAY,
        quantity_ordered=D("10"),
        quantity_received=D("10"),
        quantity_accepted=D("10"),
    )
    assert SupplierFile.objects.get(company=firm).status == PanelStatus.PROSPECT


def test_incidents_and_price_points(supplier, product) -> None:  # type: ignore[no-untyped-def]
    _deliver(supplier, "PO-1", 0)
    _deliver(supplier, "PO-2", 0)
    incident = services.record_incident(
        supplier.company,
        kind="non_conformity",
        date=TODAY - dt.timedelta(days=5),
        reference="SC-2026-0001",
        description="Enamel chipped on 40 lids",
    )
    services.set_incident_outcome(
        incident=incident, outcome="credit_note", note="USD 96", user=None
    )
    services.record_incident(
        supplier, kind="documents", date=TODAY, reference="", description="Packing list missing"
    )
    with pytest.raises(ValidationError):
        services.record_incident(supplier, kind="fire", date=TODAY, reference="", description="")
    services.record_price(
        supplier.company,
        product=product,
        day=TODAY - dt.timedelta(days=200),
        unit_price=D("2.00"),
        currency="USD",
        incoterm="FOB",
        reference="PO-1",
    )
    services.record_price(
        supplier.company,
        product=product,
        day=TODAY - dt.timedelta(days=20),
        unit_price=D("2.20"),
        currency="USD",
        incoterm="FOB",
        reference="PO-2",
    )
    figures = selectors.performance(supplier)
    assert figures.quality_incidents == 1
    assert figures.incident_rate == D("50.0")
    assert figures.outcomes == {"credit_note": 1, "open": 1}
    (trend,) = figures.trends
    assert trend.trend.change_pct == D("10.0")


def test_yearly_review_proposes_then_a_manager_decides(supplier, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    _deliver(supplier, "PO-1", 0)
    _deliver(supplier, "PO-2", 9)
    year = TODAY.year if (TODAY - dt.timedelta(days=60)).year == TODAY.year else TODAY.year - 1
    review = services.start_review(supplier=supplier, year=year, user=assistant)
    assert services.start_review(supplier=supplier, year=year, user=assistant).pk == review.pk
    grid = {row["criterion"]: row for row in review.grid}
    assert grid["delivery"]["proposed"] == "5.0"  # OTIF 50 %
    assert grid["service"]["proposed"] is None
    grades = ReviewGrades(
        weights={
            "quality": D(30),
            "delivery": D(25),
            "price": D(20),
            "csr": D(15),
            "service": D(10),
        },
        grades={"quality": D(8), "delivery": D(5), "price": D(7), "csr": D(6), "service": D(9)},
    )
    services.save_review(review=review, grades=grades, user=assistant)
    review.refresh_from_db()
    # (240 + 125 + 140 + 90 + 90) / 100 = 6.85
    assert review.score == D("6.85") and review.decision == ""
    decided = ReviewGrades(grades.weights, grades.grades, decision="watch", comments="OTIF")
    with pytest.raises(PermissionDenied):
        services.save_review(review=review, grades=decided, user=assistant)
    services.save_review(review=review, grades=decided, user=manager)
    review.refresh_from_db()
    assert review.decision == "watch" and review.reviewer == manager
    with pytest.raises(ValidationError) as caught:
        services.save_review(
            review=review,
            grades=ReviewGrades(grades.weights, grades.grades, decision="phase_out"),
            user=manager,
        )
    assert "comments" in caught.value.message_dict
    assert Review.objects.get(pk=review.pk).decision == "watch"


def test_review_refuses_a_future_year_and_bad_grades(supplier) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.start_review(supplier=supplier, year=TODAY.year + 1, user=None)
    review = services.start_review(supplier=supplier, year=TODAY.year, user=None)
    with pytest.raises(ValidationError) as caught:
        services.save_review(
            review=review,
            grades=ReviewGrades(weights={"quality": D(0)}, grades={"quality": D(12)}),
            user=None,
        )
    assert (
        "grade_quality" in caught.value.message_dict
        and "grade_service" in caught.value.message_dict
    )


def test_supplier_list_filters(supplier, product) -> None:  # type: ignore[no-untyped-def]
    other = services.open_file(
        company=supplier_company("Braga Wood", "PT"),
        values=FileValues(categories="handles"),
        user=None,
    )
    services.save_certification(
        supplier=other,
        values=CertificationValues(kind="fsc", valid_to=TODAY + dt.timedelta(days=20)),
        user=None,
    )
    assert [s.pk for s in selectors.supplier_list({"category": "lids"})] == [supplier.pk]
    assert [s.pk for s in selectors.supplier_list({"country": "pt"})] == [other.pk]
    assert [s.pk for s in selectors.supplier_list({"expiring": "1"})] == [other.pk]
    assert selectors.categories() == ["cast iron", "enamelled lids", "handles"]
    assert selectors.country_risk(supplier).level == "moderate"  # type: ignore[union-attr]
