"""The intra-EU pages in French and English: the invoice's section, the proof page, the list
of invoices lacking proof, a month's declarations, filing, downloads; no write on GET."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.intra_eu.models import Declaration
from conftest import make_user

from .conftest import LAST_MONTH, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def assistant(client, django_user_model):  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "claire", "assistant")
    client.force_login(user)
    return user


def _english(user) -> None:  # type: ignore[no-untyped-def]
    from comptoir.accounts.models import UserProfile

    UserProfile.objects.filter(user=user).update(language="en")


def _no_write(client, url: str):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == [], writes
    return response


def test_invoice_page_shows_the_proof_section(client, assistant, de_invoice) -> None:  # type: ignore[no-untyped-def]
    page = _no_write(client, de_invoice.get_absolute_url())
    assert b'id="intra-eu-proof"' in page.content
    assert "Pas encore suffisante" in page.content.decode()  # the user's language: French
    _english(assistant)
    page = client.get(de_invoice.get_absolute_url())
    assert b"Not sufficient yet" in page.content


def test_record_evidence_with_a_file_in_french(client, assistant, de_invoice) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("intra_eu:evidence_add", args=[de_invoice.pk])
    response = client.post(
        url,
        {
            "kind": "cmr",
            "issuer": "Transports Martin",
            "received_on": TODAY.isoformat(),
            "reference": "CMR 0042",
            "file": SimpleUploadedFile(
                "cmr.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf"
            ),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    client.post(
        url,
        {"kind": "insurance", "issuer": "Helvetia", "received_on": TODAY.isoformat()},
    )
    client.cookies["django_language"] = "fr"
    page = _no_write(client, reverse("intra_eu:invoice_proof", args=[de_invoice.pk]))
    assert "Suffisante" in page.content.decode()
    item = de_invoice.intra_eu_proof.evidence.get(kind="cmr")
    download = client.get(reverse("intra_eu:evidence_file", args=[item.pk]))
    assert download.content.startswith(b"%PDF") and download["X-Content-Type-Options"] == "nosniff"


def test_bad_evidence_names_the_field(client, assistant, de_invoice) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("intra_eu:evidence_add", args=[de_invoice.pk]),
        {"kind": "cmr", "issuer": "X", "received_on": (TODAY + dt.timedelta(days=5)).isoformat()},
    )
    assert response.status_code == 200
    assert "ne peut pas être dans le futur" in response.content.decode()


def test_proof_list_and_month_pages(client, assistant, de_invoice, declarant) -> None:  # type: ignore[no-untyped-def]
    listed = _no_write(client, reverse("intra_eu:proof_list") + "?older_than=0")
    assert de_invoice.number.encode() in listed.content
    month = _no_write(client, reverse("intra_eu:month") + f"?month={LAST_MONTH:%Y-%m}")
    assert "EMEBI expéditions" in month.content.decode()
    draft = _no_write(
        client,
        reverse("intra_eu:declaration_month", args=["emebi_dispatch", f"{LAST_MONTH:%Y-%m}"]),
    )
    assert b"73239200" in draft.content and b"DE136695976" in draft.content


def test_prepare_file_and_download(client, assistant, de_invoice, declarant) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("intra_eu:declaration_prepare"),
        {"kind": "recap", "month": f"{LAST_MONTH:%Y-%m}"},
    )
    declaration = Declaration.objects.get(kind="recap")
    assert response["Location"] == declaration.get_absolute_url()
    client.post(
        reverse("intra_eu:declaration_file", args=[declaration.pk]), {"portal_reference": "R-1"}
    )
    declaration.refresh_from_db()
    assert declaration.is_filed and declaration.portal_reference == "R-1"
    xml = client.get(reverse("intra_eu:declaration_xml", args=[declaration.pk]))
    assert xml.content == bytes(declaration.xml)
    xlsx = client.get(reverse("intra_eu:declaration_xlsx", args=[declaration.pk]))
    assert xlsx.content[:2] == b"PK"


def test_read_only_cannot_file(client, django_user_model, de_invoice, declarant) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(django_user_model, "reader", "readonly"))
    response = client.post(
        reverse("intra_eu:declaration_prepare"), {"kind": "recap", "month": f"{LAST_MONTH:%Y-%m}"}
    )
    assert response.status_code == 403
    assert not Declaration.objects.exists()


def test_settings_page(client, django_user_model, seller) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(django_user_model, "boss", "manager"))
    response = client.post(
        reverse("intra_eu:settings"),
        {
            "nic": "12",
            "approval_number": "A",
            "department": "",
            "default_nature": "11",
            "proof_days": "30",
        },
    )
    assert response.status_code == 200 and "5 derniers chiffres" in response.content.decode()
    response = client.post(
        reverse("intra_eu:settings"),
        {
            "nic": "00012",
            "approval_number": "A",
            "department": "2A",
            "default_nature": "11",
            "proof_days": "30",
        },
    )
    assert response.status_code == 302


def test_no_xml_while_lines_have_errors(
    client, assistant, seller, clients, product, declarant
) -> None:  # type: ignore[no-untyped-def]
    from .conftest import issued_invoice

    product.hs_national = ""
    product.save()
    issued_invoice(clients["de"], product, LAST_MONTH)
    client.post(
        reverse("intra_eu:declaration_prepare"),
        {"kind": "emebi_dispatch", "month": f"{LAST_MONTH:%Y-%m}"},
    )
    declaration = Declaration.objects.get()
    page = client.get(reverse("intra_eu:declaration", args=[declaration.pk]))
    assert "code NC à 8 chiffres" in page.content.decode()
    response = client.get(reverse("intra_eu:declaration_xml", args=[declaration.pk]))
    assert response.status_code == 302
    assert (
        client.get(reverse("intra_eu:declaration_xlsx", args=[declaration.pk])).status_code == 200
    )
