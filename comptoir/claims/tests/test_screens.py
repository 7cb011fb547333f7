"""The claim pages in English and French: list, form, detail, statistics, letters as PDF read by
their text, files served to signed-in users only, and no write on GET."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from comptoir.claims import letters, services
from comptoir.claims.models import Claim
from comptoir.parties.models import Task

from .conftest import TODAY
from .test_services import _png, facts

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def claim(world, assistant):  # type: ignore[no-untyped-def]
    made = services.create_claim(
        shipment=world.road,
        facts=facts(
            world.carrier,
            handled_by=assistant,
            insurer=world.insurer,
            insurance_policy="POL-2026-118",
        ),
        user=assistant,
    )
    return made


def _form_data(world, **changes):  # type: ignore[no-untyped-def]
    data = {
        "kind": "damage",
        "apparent": "on",
        "description": "Two pallets tipped over.",
        "discovered_on": TODAY.isoformat(),
        "delivery_date": TODAY.isoformat(),
        "convention": "",
        "weight_affected_kg": "300",
        "packages_affected": "2",
        "consignment_weight_kg": "2400",
        "carrier": str(world.carrier.pk),
        "currency": "EUR",
        "amount_claimed": "2600",
        "sdr_rate": "1.18",
        "sdr_rate_date": TODAY.isoformat(),
    }
    data.update(changes)
    return data


def test_open_a_claim_from_the_form(world, assistant_client, assistant):  # type: ignore[no-untyped-def]
    url = reverse("claims:claim_create", args=[world.road.pk])
    page = assistant_client.get(url)
    assert page.status_code == 200
    assert "CMR art. 1" in page.content.decode()
    response = assistant_client.post(url, _form_data(world, handled_by=str(assistant.pk)))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert response["Location"] == claim.get_absolute_url()
    assert claim.liability_cap == Decimal("2948.82")  # 8.33 x 300 x 1.18
    assert Task.objects.filter(assigned_to=assistant).count() == 3


def test_the_form_names_the_time_bar_in_french(world, assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.post(reverse("set_language"), {"language": "fr"})
    old = (TODAY.replace(year=TODAY.year - 2)).isoformat()
    response = assistant_client.post(
        reverse("claims:claim_create", args=[world.road.pk]),
        _form_data(world, delivery_date=old, discovered_on=old),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Prescrit depuis le" in body
    assert not Claim.objects.exists()


def test_pages_in_english_and_french_without_writes(claim, assistant_client):  # type: ignore[no-untyped-def]
    urls = [
        reverse("claims:claim_list"),
        reverse("claims:claim_statistics"),
        reverse("claims:claim_statistics") + "?by=route",
        reverse("claims:claim_statistics") + "?by=kind&since=2020-01-01",
        claim.get_absolute_url(),
        reverse("claims:claim_edit", args=[claim.pk]),
    ]
    assistant_client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
    assistant_client.post(reverse("set_language"), {"language": "en"})
    english = assistant_client.get(claim.get_absolute_url()).content.decode()
    assert "Rules, deadlines and the carrier" in english and "1,249.50 SDR" in english
    assistant_client.post(reverse("set_language"), {"language": "fr"})
    french = assistant_client.get(claim.get_absolute_url()).content.decode()
    assert "Règles, délais et limite du transporteur" in french
    assert "Prescription" in french
    stats = assistant_client.get(reverse("claims:claim_statistics")).content.decode()
    assert "Taux de récupération" in stats and "Spedition Huber GmbH" in stats


def test_status_amounts_and_letter_sent_from_the_page(claim, assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.post(reverse("set_language"), {"language": "en"})
    assistant_client.post(
        reverse("claims:letter_sent", args=[claim.pk, "reserves"]), {"sent_on": TODAY.isoformat()}
    )
    assistant_client.post(
        reverse("claims:claim_amounts", args=[claim.pk]),
        {"amount_claimed": "1440", "recovered_carrier": "1000", "recovered_insurer": "300"},
    )
    assistant_client.post(reverse("claims:claim_status", args=[claim.pk]), {"status": "settled"})
    claim.refresh_from_db()
    assert claim.reserves_sent_on == TODAY
    assert claim.recovered == Decimal("1300") and claim.status == "settled"
    refused = assistant_client.post(
        reverse("claims:claim_status", args=[claim.pk]), {"status": "open"}, follow=True
    )
    assert "cannot become" in refused.content.decode()


def test_reader_sees_but_cannot_change(claim, reader_client):  # type: ignore[no-untyped-def]
    reader_client.post(reverse("set_language"), {"language": "en"})
    page = reader_client.get(claim.get_absolute_url()).content.decode()
    assert "Record as sent" not in page
    response = reader_client.post(
        reverse("claims:claim_status", args=[claim.pk]), {"status": "closed"}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "open"


def test_letters_in_the_carrier_language_read_by_their_text(claim, world, assistant_client):  # type: ignore[no-untyped-def]
    response = assistant_client.get(reverse("claims:letter_pdf", args=[claim.pk, "reserves"]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "REGISTERED LETTER WITH ACKNOWLEDGEMENT" in text.replace("\n", " ").upper()
    assert claim.number in text and "article 30 of the CMR" in text.replace("\n", " ")
    assert "3 cartons crushed" in text
    claim_text = pdf_text(letters.letter_pdf(claim, "claim")).replace("\n", " ")
    assert "1,440.00 EUR" in claim_text and "articles 17 and 23" in claim_text
    assert "article 32 §2" in claim_text
    insurer_text = pdf_text(letters.letter_pdf(claim, "insurer")).replace("\n", " ")
    # the insurer writes in French: the letter is in French, subrogation included
    assert "POL-2026-118" in insurer_text and "subrogeons" in insurer_text
    assert "1 440,00 EUR" in insurer_text.replace("\u202f", " ").replace("\xa0", " ")
    image = pypdfium2.PdfDocument(letters.letter_pdf(claim, "claim"))[0].render(scale=0.5)
    assert image.to_pil().convert("L").getextrema()[0] < 100  # not a blank page
    with translation.override("en"):
        assert claim.carrier.language == "en"


def test_french_domestic_letter_cites_l133_3(world, assistant):  # type: ignore[no-untyped-def]
    domestic = services.create_claim(
        shipment=world.domestic,
        facts=facts(world.french_carrier, reserves_document="consignment_note"),
        user=assistant,
    )
    text = pdf_text(letters.letter_pdf(domestic, "reserves")).replace("\n", " ")
    assert "L133-3" in text and "protestation motivée" in text
    assert "LETTRE RECOMMANDÉE" in text.upper()


def test_files_only_for_signed_in_users(
    claim, assistant, assistant_client, client, settings, tmp_path
):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    upload = io.BytesIO(_png())
    upload.name = "pallet.png"
    response = assistant_client.post(
        reverse("claims:claim_attach", args=[claim.pk]), {"file": upload}
    )
    assert response.status_code == 302
    attachment = claim.attachments.get()
    url = reverse("claims:claim_file", args=[claim.pk, attachment.pk])
    served = assistant_client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assistant_client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_the_shipment_page_shows_its_claims_and_the_open_button(claim, world, assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.post(reverse("set_language"), {"language": "en"})
    page = assistant_client.get(world.road.get_absolute_url()).content.decode()
    assert 'id="shipment-claims"' in page and claim.number in page
    assert reverse("claims:claim_create", args=[world.road.pk]) in page
    other = assistant_client.get(world.air.get_absolute_url()).content.decode()
    assert "No claim on this shipment." in other


def test_reader_gets_no_open_button(claim, world, reader_client):  # type: ignore[no-untyped-def]
    page = reader_client.get(world.road.get_absolute_url()).content.decode()
    assert claim.number in page
    assert reverse("claims:claim_create", args=[world.road.pk]) not in page
