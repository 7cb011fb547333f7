"""The supplier panel's pages, in English and French: list with filters, file, forms, the
performance page with its price chart, the review and its PDF, the company section."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from comptoir.suppliers import services
from comptoir.suppliers.inputs import CertificationValues, SuppliedValues
from comptoir.suppliers.models import Audit, Certification, Delivery, Incident, Review

from .conftest import TODAY

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def en_client(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.post(reverse("set_language"), {"language": "en"})
    return assistant_client


@pytest.fixture
def filled(supplier, product):  # type: ignore[no-untyped-def]
    services.save_certification(
        supplier=supplier,
        values=CertificationValues(kind="iso9001", valid_to=TODAY + dt.timedelta(days=30)),
        user=None,
    )
    for price, days in (("2.10", 400), ("2.25", 30)):
        services.save_supplied_product(
            supplier=supplier,
            product=product,
            values=SuppliedValues(
                supplier_reference="NB-LID-24",
                unit_price=D(price),
                currency="USD",
                incoterm="FOB",
                incoterm_place="Ningbo",
                valid_from=TODAY - dt.timedelta(days=days),
            ),
            user=None,
        )
    services.record_delivery(
        supplier,
        order_ref="PO-1",
        promised_date=TODAY - dt.timedelta(days=20),
        delivered_date=TODAY - dt.timedelta(days=19),
        quantity_ordered=D("100"),
        quantity_received=D("100"),
        quantity_accepted=D("100"),
    )
    return supplier


def test_list_filters_and_file_page(en_client, filled) -> None:  # type: ignore[no-untyped-def]
    page = en_client.get("/suppliers/?expiring=1&category=lids").content.decode()
    assert "Ningbo Enamel Co." in page and "expiring: 1" in page
    assert "Ningbo Enamel Co." not in en_client.get("/suppliers/?country=PT").content.decode()
    page = en_client.get(filled.get_absolute_url()).content.decode()
    assert "ISO 9001" in page and "expiring" in page
    assert "NB-LID-24" in page and "2.25" in page
    assert "Moderate" in page  # the country sheet's risk
    assert "Our supplier code of conduct signed" in page


def test_pages_in_french(assistant_client, filled) -> None:  # type: ignore[no-untyped-def]
    assistant_client.post(reverse("set_language"), {"language": "fr"})
    page = assistant_client.get(filled.get_absolute_url()).content.decode()
    assert "Fiche fournisseur" in page
    assert "Produits fournis" in page
    perf = assistant_client.get(f"/suppliers/{filled.pk}/performance/")
    assert "Livré à l’heure et complet (OTIF)" in perf.content.decode()


def test_edit_the_file_and_bad_input(en_client, filled) -> None:  # type: ignore[no-untyped-def]
    url = f"/suppliers/{filled.pk}/edit/"
    assert en_client.get(url).status_code == 200
    response = en_client.post(
        url,
        {
            "status": "approved",
            "audit_interval_months": "0",
            "on_time_tolerance_days": "0",
            "in_full_tolerance_pct": "0",
            "instruments": ["lc"],
        },
    )
    assert response.status_code == 200 and "has-error" in response.content.decode()
    response = en_client.post(
        url,
        {
            "status": "conditional",
            "categories": "lids, lids, knobs",
            "audit_interval_months": "24",
            "on_time_tolerance_days": "3",
            "in_full_tolerance_pct": "2",
            "instruments": ["lc", "dp"],
        },
    )
    assert response.status_code == 302
    filled.refresh_from_db()
    assert (filled.status, filled.categories, filled.instruments) == (
        "conditional",
        "lids, knobs",
        "lc,dp",
    )


def test_certificate_upload_and_download(en_client, filled, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("bsci.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = en_client.post(
        f"/suppliers/{filled.pk}/certifications/",
        {"kind": "bsci", "valid_to": (TODAY + dt.timedelta(days=300)).isoformat(), "file": pdf},
    )
    assert response.status_code == 302
    cert = Certification.objects.get(kind="bsci")
    download = en_client.get(f"/suppliers/{filled.pk}/certifications/{cert.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/pdf")
    en_client.post(f"/suppliers/{filled.pk}/certifications/", {"kind": "fsc", "file": bad})
    assert not Certification.objects.filter(kind="fsc").exists()


def test_audit_form_and_reader_refused(en_client, reader, filled) -> None:  # type: ignore[no-untyped-def]
    url = f"/suppliers/{filled.pk}/audits/new/"
    response = en_client.post(
        url,
        {
            "date": TODAY.isoformat(),
            "auditor": "QIMA",
            "kind": "quality",
            "score": "81",
            "findings": "Lids warped",
            "action_1": "Check the kiln",
            "action_1_due": (TODAY + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Audit.objects.get().actions.count() == 1
    other = Client()
    other.force_login(reader)
    assert other.get(url).status_code == 403


def test_performance_page_with_chart_and_json(en_client, filled) -> None:  # type: ignore[no-untyped-def]
    page = en_client.get(f"/suppliers/{filled.pk}/performance/").content.decode()
    assert "<svg" in page and "price-chart" in page and "USD FOB" in page
    assert "100.0 %" in page  # OTIF of one on-time full delivery
    data = en_client.get(f"/suppliers/{filled.pk}/performance.json").json()
    assert data["otif_pct"] == "100.0" and data["price_trends"][0]["change_pct"] == "7.1"
    bad = en_client.get(f"/suppliers/{filled.pk}/performance/?since=2026-13-01")
    assert bad.status_code == 200


def test_record_delivery_and_incident_by_hand(en_client, filled) -> None:  # type: ignore[no-untyped-def]
    response = en_client.post(
        f"/suppliers/{filled.pk}/deliveries/",
        {
            "order_ref": "PO-2",
            "promised_date": TODAY.isoformat(),
            "delivered_date": TODAY.isoformat(),
            "quantity_ordered": "10",
            "quantity_received": "10",
            "quantity_accepted": "12",
        },
    )
    assert response.status_code == 302 and not Delivery.objects.filter(order_ref="PO-2").exists()
    en_client.post(
        f"/suppliers/{filled.pk}/incidents/",
        {
            "kind": "damage",
            "date": TODAY.isoformat(),
            "description": "Crushed cartons",
            "outcome": "open",
        },
    )
    incident = Incident.objects.get()
    en_client.post(
        f"/suppliers/{filled.pk}/incidents/{incident.pk}/",
        {"outcome": "replaced", "note": "Sent again"},
    )
    incident.refresh_from_db()
    assert incident.outcome == "replaced"


def test_review_page_and_pdf(en_client, client, manager, filled) -> None:  # type: ignore[no-untyped-def]
    response = en_client.post(f"/suppliers/{filled.pk}/reviews/", {"year": TODAY.year})
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    page = en_client.get(review.get_absolute_url()).content.decode()
    assert "OTIF 100 % / 10" in page
    form = {f"weight_{c}": "20" for c in ("quality", "delivery", "price", "csr", "service")}
    form |= {f"grade_{c}": "7" for c in ("quality", "delivery", "price", "csr", "service")}
    form["decision"] = "keep"
    refused = en_client.post(review.get_absolute_url(), form)
    assert refused.status_code == 403 or "has-error" in refused.content.decode()
    client.force_login(manager)
    client.post(reverse("set_language"), {"language": "en"})
    assert client.post(review.get_absolute_url(), form).status_code == 302
    review.refresh_from_db()
    assert review.decision == "keep" and review.score == D("7.00")
    pdf = client.get(f"/suppliers/{filled.pk}/reviews/{review.pk}.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Yearly supplier review" in text and "7.00" in text and "Keep" in text


def test_company_and_product_sections(en_client, filled, product) -> None:  # type: ignore[no-untyped-def]
    page = en_client.get(filled.company.get_absolute_url()).content.decode()
    assert 'id="company-supplier"' in page and "100.0 %" in page
    page = en_client.get(product.get_absolute_url()).content.decode()
    assert 'id="product-suppliers"' in page and "NB-LID-24" in page


def test_open_a_file_from_the_company(en_client, db) -> None:  # type: ignore[no-untyped-def]
    from .conftest import supplier_company

    firm = supplier_company("Mumbai Steel", "IN")
    page = en_client.get(firm.get_absolute_url()).content.decode()
    assert "open-supplier-file" in page
    response = en_client.post(f"/suppliers/open/{firm.pk}/")
    assert response.status_code == 302 and firm.supplier_file.status == "prospect"


def test_price_chart_on_a_date_axis_with_the_prices_beside_it(en_client, filled) -> None:  # type: ignore[no-untyped-def]
    import re
    import xml.etree.ElementTree as ET

    url = f"/suppliers/{filled.pk}/performance/"
    for language, price in (("en", "2.25"), ("fr", "2,25")):
        en_client.cookies["comptoir_language"] = language
        page = en_client.get(url).content.decode()
        prices = page.split('id="prices"')[1]
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", prices, re.S).group(0))  # type: ignore[union-attr]
        ticks = [e for e in svg.iter() if e.get("class") == "date-tick"]
        assert ticks and all((e.get("data-date") or "").endswith("-01") for e in ticks)
        points = [e for e in svg.iter() if e.get("class") == "point"]
        assert sorted(D(e.get("data-value") or "0") for e in points) == [D("2.10"), D("2.25")]
        table = prices.split("prices-drawn")[1].split("</table>")[0]
        assert table.count("<tr>") == 3 and price in table  # header + the two prices
        day = (TODAY - dt.timedelta(days=30)).isoformat()
        assert any(e.get("data-date") == day for e in points)
