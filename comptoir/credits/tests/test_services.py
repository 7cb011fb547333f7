"""The credit from receipt to payment, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.credits import selectors, services
from comptoir.credits.inputs import (
    AmendmentReceived,
    BankAnswer,
    DocumentValues,
    PresentationFields,
)
from comptoir.credits.models import Amendment, Credit, CreditDeadline, Presentation
from comptoir.parties.models import Task

from .conftest import TODAY, credit_values

pytestmark = pytest.mark.django_db


def test_a_credit_that_fits_the_order_has_no_blocking_finding(world: Any) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    assert credit.reference.startswith(f"LC-{TODAY.year}-")
    assert credit.status == "received"
    assert credit.documents.count() == 3
    found, error = selectors.findings(credit, TODAY)
    assert error == ""
    assert not [f for f in found if f.severity == "blocking"], [f.code for f in found]


def test_receipt_lists_what_does_not_fit(world: Any) -> None:
    credit = services.create_credit(
        values=credit_values(
            world,
            amount=Decimal("7000"),
            incoterm="FOB",
            named_place="Marseille",
            latest_shipment_date=TODAY + dt.timedelta(days=10),
            confirmed=False,
            confirming_bank="",
            expiry_country="MA",
            documents=(
                DocumentValues("commercial_invoice"),
                DocumentValues("inspection_certificate", issuer="applicant"),
            ),
        ),
        user=None,
    )
    codes = {f.code: f.severity for f in selectors.findings(credit, TODAY)[0]}
    assert codes["AMOUNT_BELOW_ORDER"] == "blocking"
    assert codes["INCOTERM_DIFFERENT"] == "blocking"
    assert codes["SHIPMENT_DATE_TOO_EARLY"] == "blocking"  # requested in 20 days
    assert codes["ISSUED_BY_APPLICANT"] == "blocking"
    assert codes["NOT_CONFIRMED"] == "blocking"  # the order asked for a confirmed L/C
    assert codes["EXPIRY_ABROAD"] == "warning"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expiry_date": TODAY + dt.timedelta(days=10)}, "expiry_date"),
        ({"issue_date": TODAY + dt.timedelta(days=90)}, "issue_date"),
        ({"tolerance_plus_pct": Decimal("120")}, "tolerance_plus_pct"),
        ({"documents": (DocumentValues("visa"),)}, "documents"),
        ({"issuing_bank_bic": "BCMA MA"}, "issuing_bank_bic"),
        ({"confirming_bank": ""}, "confirming_bank"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    world: Any, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_credit(values=credit_values(world, **changes), user=None)
    assert field in error.value.message_dict
    assert Credit.objects.count() == 0


def test_amendment_requested_received_accepted_changes_the_credit(
    world: Any, manager: Any, assistant: Any
) -> None:
    credit = services.create_credit(values=credit_values(world, amount=Decimal("7000")), user=None)
    services.request_amendment(credit=credit, text="Please increase to EUR 7,900.", user=assistant)
    credit.refresh_from_db()
    assert credit.status == "amendment_requested"
    amendment = services.receive_amendment(
        credit=credit,
        values=AmendmentReceived(TODAY, "Amount increased", {"amount": "7900"}),
        amendment=selectors.pending_amendment(credit),
        user=assistant,
    )
    assert amendment.sequence == 1 and amendment.status == "received"
    credit.refresh_from_db()
    assert credit.amount == Decimal("7000")  # not binding before we accept (art. 10 b)
    with pytest.raises(PermissionDenied):
        services.decide_amendment(amendment=amendment, accept=True, user=assistant)
    services.decide_amendment(amendment=amendment, accept=True, user=manager)
    credit.refresh_from_db()
    amendment.refresh_from_db()
    assert credit.amount == Decimal("7900")
    assert amendment.previous == {"amount": "7000.00"}
    assert credit.status == "under_review"
    assert credit.history.count() >= 3
    assert "AMOUNT_BELOW_ORDER" not in {f.code for f in selectors.findings(credit, TODAY)[0]}


def test_an_amendment_refused_leaves_the_credit_and_bad_changes_are_refused(
    world: Any, manager: Any
) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    with pytest.raises(ValidationError) as error:
        services.receive_amendment(
            credit=credit,
            values=AmendmentReceived(TODAY, "", {"number": "X"}),
            user=manager,
        )
    assert "changes" in error.value.message_dict
    with pytest.raises(ValidationError):  # expiry before the latest shipment
        services.receive_amendment(
            credit=credit,
            values=AmendmentReceived(TODAY, "", {"expiry_date": TODAY.isoformat()}),
            user=manager,
        )
    amendment = services.receive_amendment(
        credit=credit,
        values=AmendmentReceived(TODAY, "Shorter", {"presentation_days": "10"}),
        user=manager,
    )
    services.decide_amendment(amendment=amendment, accept=False, user=manager)
    credit.refresh_from_db()
    assert credit.presentation_days == 21
    assert Amendment.objects.get().status == "refused"


def _fields(**changes: object) -> PresentationFields:
    values: dict[str, object] = {
        "presented_on": TODAY,
        "bank": "Crédit Agricole",
        "documents": ("commercial_invoice", "bill_of_lading", "insurance"),
        "invoice_amount": Decimal("7900"),
    }
    values.update(changes)
    return PresentationFields(**values)  # type: ignore[arg-type]


def test_check_input_follows_the_contract(world: Any) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    payload = selectors.check_input(
        credit,
        _fields(
            invoice_issuer="Maison Ferrand SAS",
            invoice_currency="EUR",
            on_board_date=TODAY,
            bl_freight="prepaid",
            bl_containerised=True,
            insurance_amount=Decimal("8690"),
        ),
    )
    assert set(payload) == {"credit", "presentation"}
    assert Decimal(payload["credit"]["amount"]) == Decimal("7900")
    assert payload["credit"]["partial_shipments"] == "allowed"
    assert {d["type"] for d in payload["credit"]["documents_required"]} == {
        "commercial_invoice",
        "bill_of_lading",
        "insurance",
    }
    documents = {d["type"]: d for d in payload["presentation"]["documents"]}
    assert documents["commercial_invoice"]["amount"] == "7900"
    assert documents["bill_of_lading"]["containerised"] is True
    assert documents["bill_of_lading"]["on_board_date"] == TODAY.isoformat()
    assert documents["insurance"]["amount"] == "8690"


def _checker(compliant: bool) -> Any:
    def run(payload: dict[str, Any], language: str | None = None) -> dict[str, Any]:
        return {
            "compliant": compliant,
            "discrepancies": []
            if compliant
            else [
                {
                    "code": "LATE_SHIPMENT",
                    "document": "bill_of_lading",
                    "field": "on_board_date",
                    "rule": "UCP 600 art. 14 c",
                    "message": "Shipped late",
                }
            ],
            "last_presentation_date": TODAY.isoformat(),
            "steps": [],
        }

    return run


def test_present_compliant_then_paid(world: Any, assistant: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "run_check", _checker(True))
    credit = services.create_credit(values=credit_values(world), user=None)
    presentation = services.present(credit=credit, fields=_fields(), user=assistant)
    assert presentation.compliant and presentation.check_result["compliant"] is True
    assert presentation.check_input["presentation"]["date"] == TODAY.isoformat()
    services.record_answer(
        presentation=presentation, answer=BankAnswer("paid", TODAY, Decimal("7900")), user=assistant
    )
    credit.refresh_from_db()
    assert credit.status == "paid"


def test_a_discrepant_set_needs_a_manager_and_a_reason(
    world: Any, assistant: Any, manager: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "run_check", _checker(False))
    credit = services.create_credit(values=credit_values(world), user=None)
    with pytest.raises(ValidationError) as error:
        services.present(credit=credit, fields=_fields(), user=assistant)
    assert "present_anyway" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.present(
            credit=credit, fields=_fields(), user=assistant, present_anyway=True, waiver_reason="x"
        )
    with pytest.raises(ValidationError):
        services.present(credit=credit, fields=_fields(), user=manager, present_anyway=True)
    assert Presentation.objects.count() == 0
    presentation = services.present(
        credit=credit,
        fields=_fields(),
        user=manager,
        present_anyway=True,
        waiver_reason="Applicant agreed by e-mail to waive the late shipment",
    )
    assert presentation.presented_anyway and not presentation.compliant
    services.record_answer(
        presentation=presentation,
        answer=BankAnswer(
            "discrepant", TODAY, discrepancies="Late shipment", charges=Decimal("90")
        ),
        user=assistant,
    )
    credit.refresh_from_db()
    assert credit.status == "discrepant"
    notice = presentation.notice
    services.record_outcome(notice=notice, outcome="waived", user=assistant)
    credit.refresh_from_db()
    presentation.refresh_from_db()
    assert presentation.status == "paid" and credit.status == "paid"


def test_refused_waiver_then_corrected_documents(
    world: Any, manager: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "run_check", _checker(False))
    credit = services.create_credit(values=credit_values(world), user=None)
    first = services.present(
        credit=credit, fields=_fields(), user=manager, present_anyway=True, waiver_reason="r"
    )
    services.record_answer(
        presentation=first,
        answer=BankAnswer("discrepant", TODAY, discrepancies="Invoice amount"),
        user=manager,
    )
    services.record_outcome(notice=first.notice, outcome="refused", user=manager)
    credit.refresh_from_db()
    assert credit.status == "accepted"
    monkeypatch.setattr(services, "run_check", _checker(True))
    second = services.present(credit=credit, fields=_fields(), user=manager, replaces=first)
    first.refresh_from_db()
    assert second.sequence == 2 and first.status == "replaced"


def test_deferred_payment_then_paid_at_maturity(
    world: Any, assistant: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "run_check", _checker(True))
    credit = services.create_credit(values=credit_values(world), user=None)
    presentation = services.present(credit=credit, fields=_fields(), user=assistant)
    with pytest.raises(ValidationError):
        services.record_answer(
            presentation=presentation, answer=BankAnswer("accepted", TODAY), user=assistant
        )
    due = TODAY + dt.timedelta(days=60)
    services.record_answer(
        presentation=presentation,
        answer=BankAnswer("accepted", TODAY, due_date=due),
        user=assistant,
    )
    services.record_payment(presentation=presentation, on=due, amount=None, user=assistant)
    presentation.refresh_from_db()
    assert presentation.paid_amount == Decimal("7900")


def test_deadlines_become_tasks_once(world: Any, assistant: Any) -> None:
    credit = services.create_credit(
        values=credit_values(
            world,
            handled_by=assistant,
            latest_shipment_date=TODAY + dt.timedelta(days=5),
            expiry_date=TODAY + dt.timedelta(days=12),
            presentation_days=7,
        ),
        user=None,
    )
    rows = selectors.deadlines_due(TODAY)
    assert {row["kind"] for row in rows} == {"shipment", "presentation", "expiry"}
    assert services.plan_deadlines(TODAY) == 3
    assert services.plan_deadlines(TODAY) == 0  # once per credit and deadline
    assert Task.objects.filter(assigned_to=assistant).count() == 3
    assert CreditDeadline.objects.filter(credit=credit).count() == 3
    services.set_status(credit=credit, status="cancelled", user=assistant)
    assert Task.objects.filter(assigned_to=assistant, done_at__isnull=True).count() == 0


def test_an_unused_credit_expires(world: Any) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    services.plan_deadlines(credit.expiry_date + dt.timedelta(days=8))
    credit.refresh_from_db()
    assert credit.status == "expired"


def test_import_credit_and_its_opening_request(world: Any) -> None:
    import io

    from pypdf import PdfReader

    from comptoir.credits import opening

    supplier = world.client
    credit = services.create_credit(
        values=credit_values(
            world,
            direction="import",
            partner=supplier,
            order=None,
            purchase_reference="PRO-2027-118",
            applicant_name="Maison Ferrand SAS",
            beneficiary_name="Atlas Cuisine SARL",
            issuing_bank="Crédit Agricole",
            issuing_bank_bic="AGRIFRPP",
            confirmed=False,
            confirming_bank="",
        ),
        user=None,
    )
    assert credit.status == "draft"
    for language, words in (("fr", "crédit documentaire"), ("en", "documentary credit")):
        pdf = opening.opening_request_pdf(credit, language)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert words in text.lower()
        assert "PRO-2027-118" in text
        assert "600" in text


def test_presenting_under_the_amended_terms_accepts_the_amendment(
    world: Any, assistant: Any
) -> None:
    """UCP 600 art. 10 c: silence, then documents complying with the amended credit only."""
    credit = services.create_credit(
        values=credit_values(
            world,
            amount=Decimal("7000"),
            documents=(DocumentValues("commercial_invoice", originals=1),),
        ),
        user=None,
    )
    amendment = services.receive_amendment(
        credit=credit,
        values=AmendmentReceived(TODAY, "Amount increased", {"amount": "7900"}),
        user=assistant,
    )
    fields = _fields(
        documents=("commercial_invoice",),
        invoice_issuer="Maison Ferrand SAS",
        invoice_addressee="Atlas Cuisine SARL",
        invoice_date=TODAY,
        invoice_currency="EUR",
        invoice_description="Round cast-iron casseroles 24 cm",
        invoice_incoterm="CIF",
        invoice_place="Casablanca",
    )
    presentation = services.present(credit=credit, fields=fields, user=assistant)
    amendment.refresh_from_db()
    credit.refresh_from_db()
    assert presentation.compliant
    assert amendment.status == "accepted" and "10 c" in amendment.note
    assert credit.amount == Decimal("7900")
    assert Decimal(amendment.previous["amount"]) == Decimal("7000")
