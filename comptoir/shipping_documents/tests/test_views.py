"""The document set's screens: the section on the shipment page, issue, enter as received,
send (refused, then overridden by a manager), the PDF as issued; no GET writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from comptoir.shipping.models import Shipment
from comptoir.shipping_documents.models import DocumentSet, ShippingDocument

pytestmark = pytest.mark.django_db


def speaks(user, language: str = "en") -> None:  # type: ignore[no-untyped-def]
    user.profile.language = language
    user.profile.save()


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_the_shipment_page_shows_the_checklist_without_writing(
    assistant_client, assistant, casa: Shipment
):  # type: ignore[no-untyped-def]
    speaks(assistant)
    with CaptureQueriesContext(connection) as queries:
        page = assistant_client.get(f"/shipping/shipments/{casa.pk}/").content.decode()
        own = assistant_client.get(f"/shipping-documents/shipments/{casa.pk}/").content.decode()
    assert writes(queries) == []
    for html in (page, own):
        assert 'id="checklist"' in html and "Bill of lading instructions" in html
        assert "UCP 600 art. 18" in html and "issue-packing_list" in html


def test_issue_print_and_see_the_difference(assistant_client, assistant, casa: Shipment):  # type: ignore[no-untyped-def]
    speaks(assistant)
    response = assistant_client.post(f"/shipping-documents/shipments/{casa.pk}/issue/packing_list/")
    assert response.status_code == 302
    document = ShippingDocument.objects.get(shipment=casa, kind="packing_list")
    pdf = assistant_client.get(f"/shipping-documents/documents/{document.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = assistant_client.get(f"/shipping-documents/shipments/{casa.pk}/").content.decode()
    assert 'id="consistency-errors"' not in page  # invoice, packing list and shipment agree
    # the weighbridge finds 5 kg more and the shipment is corrected after the packing list
    Shipment.objects.filter(pk=casa.pk).update(gross_weight_kg=F("gross_weight_kg") + 5)
    page = assistant_client.get(f"/shipping-documents/shipments/{casa.pk}/").content.decode()
    assert 'id="consistency-errors"' in page and "Gross weight (kg)" in page


def test_french_page(assistant_client, assistant, casa: Shipment):  # type: ignore[no-untyped-def]
    speaks(assistant, "fr")
    page = assistant_client.get(f"/shipping-documents/shipments/{casa.pk}/").content.decode()
    assert "Liasse documentaire" in page and "Instructions pour le connaissement" in page


def test_enter_a_bill_of_lading(assistant_client, assistant, casa: Shipment):  # type: ignore[no-untyped-def]
    speaks(assistant)
    url = f"/shipping-documents/shipments/{casa.pk}/received/"
    assert assistant_client.get(url + "?kind=bill_of_lading").status_code == 200
    bad = assistant_client.post(
        url, {"kind": "bill_of_lading", "reference": "", "document_date": ""}
    )
    assert bad.status_code == 200 and "This field is required." in bad.content.decode()
    response = assistant_client.post(
        url,
        {
            "kind": "bill_of_lading",
            "reference": "CMDU-778812",
            "document_date": dt.date.today().isoformat(),
            "packages": "21",
            "gross_weight_kg": "208",
        },
    )
    assert response.status_code == 302
    page = assistant_client.get(f"/shipping-documents/shipments/{casa.pk}/").content.decode()
    assert "CMDU-778812" in page and "= <em>21</em>" in page


def test_send_refused_then_overridden_by_a_manager(client, assistant, manager, casa: Shipment):  # type: ignore[no-untyped-def]
    url = f"/shipping-documents/shipments/{casa.pk}/send/"
    data = {"sent_to": "bank", "sent_on": dt.date.today().isoformat(), "override_reason": ""}
    speaks(assistant)
    speaks(manager)
    client.force_login(assistant)
    client.post(f"/shipping-documents/shipments/{casa.pk}/issue/packing_list/")
    page = client.post(url, data, follow=True).content.decode()
    assert "The set cannot leave" in page
    assert not DocumentSet.objects.filter(sent_on__isnull=False).exists()
    client.force_login(manager)
    data["override_reason"] = "Bank accepts the invoice weight without cartons"
    page = client.post(url, data, follow=True).content.decode()
    assert "Sent although the set did not agree" in page
    assert DocumentSet.objects.get(shipment=casa).override_by == manager


def test_a_reader_cannot_issue(reader_client, casa: Shipment):  # type: ignore[no-untyped-def]
    response = reader_client.post(f"/shipping-documents/shipments/{casa.pk}/issue/packing_list/")
    assert response.status_code == 403
    assert not ShippingDocument.objects.exists()


def test_the_history_of_a_document(assistant_client, assistant, casa: Shipment):  # type: ignore[no-untyped-def]
    speaks(assistant)
    assistant_client.post(f"/shipping-documents/shipments/{casa.pk}/issue/packing_list/")
    assistant_client.post(f"/shipping-documents/shipments/{casa.pk}/issue/packing_list/")
    first = ShippingDocument.objects.get(shipment=casa, version=1)
    page = assistant_client.get(
        f"/history/shipping_documents/shippingdocument/{first.pk}/"
    ).content.decode()
    assert "Replaced by" in page and f"{casa.number}-PL.2" in page
