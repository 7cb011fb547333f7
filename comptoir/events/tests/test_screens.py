"""The events pages: read without writing, the stand's idempotent endpoint (JSON), the
invitation answered without login, receipts, the report PDF in French and in English."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import uuid
from decimal import Decimal

import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comptoir.events import mailing, services
from comptoir.events.inputs import BudgetLineValues, VisitorValues
from comptoir.events.models import ChecklistTemplate, Invitation, Visitor
from comptoir.parties.models import Company, Task

from .conftest import firm, person, photo_bytes

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "client_id": str(uuid.uuid4()),
        "company_name": "Nordic Home AB",
        "first_name": "Lars",
        "last_name": "Lindqvist",
        "country": "SE",
        "email": "lars@nordichome.se",
        "temperature": "warm",
        "consent": True,
        "consent_date": "2026-02-07",
        "met_at": "2026-02-07T10:15:00.000Z",
        "products": [],
        "card": "data:image/jpeg;base64," + base64.b64encode(photo_bytes()).decode(),
    }
    data.update(changes)
    return data


def _post(client: Client, fair, data: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("events:visitor_submit", args=[fair.pk]),
        data=json.dumps(data),
        content_type="application/json",
    )


def _filled(fair, assistant):  # type: ignore[no-untyped-def]
    services.apply_template(
        event=fair,
        template=ChecklistTemplate.objects.get(name="Trade fair abroad"),
        owner=assistant,
        user=assistant,
    )
    services.save_budget_line(
        event=fair,
        line=None,
        values=BudgetLineValues(
            category="space", label="Stand space", planned=Decimal("9800"), actual=Decimal("9950")
        ),
        user=assistant,
    )
    services.record_visitor(
        event=fair,
        values=VisitorValues(
            client_id=uuid.uuid4(),
            company_name="Casa Bella SpA",
            last_name="Rossi",
            country="IT",
            temperature="hot",
            met_at=timezone.now(),
        ),
        user=assistant,
    )
    services.invite(
        event=fair,
        contacts=[person(firm("Haushalt Plus", "DE"), "Weber", "a@h.de")],
        user=assistant,
    )


def test_pages_read_without_writing(assistant_client, fair, assistant):  # type: ignore[no-untyped-def]
    _filled(fair, assistant)
    urls = [
        reverse("events:event_list"),
        reverse("events:event_create"),
        fair.get_absolute_url(),
        reverse("events:event_edit", args=[fair.pk]),
        reverse("events:stand", args=[fair.pk]),
        reverse("events:invite", args=[fair.pk]) + "?country=DE&role=client&q=a",
        reverse("events:templates"),
        reverse("home"),
    ]
    assistant_client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
    page = assistant_client.get(fair.get_absolute_url()).content.decode()
    page = page.replace("\u202f", " ").replace("\xa0", " ").replace("&nbsp;", " ")
    assert "Casa Bella SpA" in page and "9 950,00" in page


def test_the_stand_endpoint_is_idempotent(assistant_client, fair):  # type: ignore[no-untyped-def]
    data = _form()
    first = _post(assistant_client, fair, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["client_id"] == data["client_id"] and body["created"] is True
    again = _post(assistant_client, fair, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Visitor.objects.count() == 1
    assert Company.objects.filter(name="Nordic Home AB").count() == 1
    assert Task.objects.filter(company__name="Nordic Home AB").count() == 1
    visitor = Visitor.objects.get()
    assert visitor.card and visitor.consent_date == dt.date(2026, 2, 7)
    card = assistant_client.get(reverse("events:visitor_card", args=[fair.pk, visitor.pk]))
    assert card.status_code == 200 and card["Content-Type"] == "image/jpeg"


def test_the_stand_endpoint_answers_json_errors(assistant_client, reader, fair):  # type: ignore[no-untyped-def]
    bad = _post(
        assistant_client,
        fair,
        _form(last_name="", country="XX", temperature="tepid", card="data:image/jpeg;base64,@@@"),
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert {"last_name", "country", "temperature", "card"} <= set(errors)
    garbage = assistant_client.post(
        reverse("events:visitor_submit", args=[fair.pk]),
        data="{not json",
        content_type="application/json",
    )
    assert garbage.status_code == 400 and "errors" in garbage.json()
    reader_client = Client()
    reader_client.force_login(reader)
    assert _post(reader_client, fair, _form()).status_code == 403
    missing = _post(assistant_client, type("E", (), {"pk": 999999})(), _form())
    assert missing.status_code == 404
    assert Visitor.objects.count() == 0


def test_the_invitation_is_answered_without_login(fair, assistant):  # type: ignore[no-untyped-def]
    contact = person(
        firm("Bistrot Parisien", "FR", language="fr"), "Durand", "paul@bistrot.fr", language="fr"
    )
    services.invite(event=fair, contacts=[contact], user=assistant)
    invitation = fair.invitations.get()
    url = reverse("events:invitation_answer", args=[mailing.answer_token(invitation)])
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Ambiente" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.TO_SEND  # a GET answers nothing
    done = anonymous.post(url, {"status": "maybe"})
    assert done.status_code == 200 and 'id="answer-recorded"' in done.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "maybe" and invitation.answered_online
    assert anonymous.get(url[:-3] + "xx/").status_code == 404


def test_receipts_and_answers_by_hand(assistant_client, fair, assistant):  # type: ignore[no-untyped-def]
    _filled(fair, assistant)
    line = fair.budget_lines.get()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = assistant_client.post(
        reverse("events:receipt_add", args=[fair.pk, line.pk]),
        {"file": SimpleUploadedFile("hotel.png", photo_bytes(fmt="PNG"), content_type="image/png")},
    )
    assert response.status_code == 302
    receipt = line.receipts.get()
    served = assistant_client.get(reverse("events:receipt_file", args=[fair.pk, receipt.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    invitation = fair.invitations.get()
    assistant_client.post(
        reverse("events:invitation_answer_by_hand", args=[fair.pk, invitation.pk]),
        {"status": "declined"},
    )
    invitation.refresh_from_db()
    assert invitation.status == "declined" and not invitation.answered_online


def test_the_event_report_in_both_languages(assistant_client, fair, assistant):  # type: ignore[no-untyped-def]
    _filled(fair, assistant)
    english = _pdf_text(
        assistant_client.get(reverse("events:report_pdf", args=[fair.pk]) + "?lang=en").content
    )
    assert "Event report: Ambiente" in english
    assert "Cost per lead" in english and "9,950.00" in english
    assert "Hot (ready to buy)" in english and "Italy" in english
    french = _pdf_text(
        assistant_client.get(reverse("events:report_pdf", args=[fair.pk]) + "?lang=fr").content
    )
    assert "Bilan du salon : Ambiente" in french or "Bilan" in french
    assert "Coût par contact" in french and "9 950,00" in french.replace("\u202f", " ").replace(
        "\xa0", " "
    )
    assert "Italie" in french


def test_creating_an_event_from_the_screen(assistant_client, assistant):  # type: ignore[no-untyped-def]
    response = assistant_client.post(
        reverse("events:event_create"),
        {
            "name": "SIAL Paris",
            "kind": "trade_fair",
            "status": "planned",
            "starts_on": "2026-10-17",
            "ends_on": "2026-10-15",
            "stand_type": "own",
            "sales_window_days": "180",
            "meetings_held": "0",
        },
    )
    assert response.status_code == 200
    assert (
        "The last day cannot be before the first day." in response.content.decode()
        or "dernier jour" in response.content.decode()
    )
    response = assistant_client.post(
        reverse("events:event_create"),
        {
            "name": "SIAL Paris",
            "kind": "trade_fair",
            "status": "planned",
            "starts_on": "2026-10-17",
            "ends_on": "2026-10-21",
            "stand_type": "own",
            "sales_window_days": "180",
            "meetings_held": "0",
            "team": [assistant.pk],
        },
    )
    assert response.status_code == 302
