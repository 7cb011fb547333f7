"""Every document of the set, checked by the text its PDF really contains, in French and in
English (the partner's language), and one rendered to an image."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest

from comptoir.shipping.models import Shipment
from comptoir.shipping_documents import services

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text.casefold()  # the box titles are printed in capitals


def issued(shipment: Shipment, kind: str, language: str) -> str:
    partner = shipment.partner
    partner.language = language
    partner.save()
    document = services.issue_document(shipment=shipment, kind=kind, user=None)
    assert document.language == language
    return text_of(bytes(document.pdf))


#: (shipment fixture, kind, texts in English, texts in French) - with the figures both share.
CASES = [
    (
        "casa",
        "packing_list",
        ["Packing list", "Shipper / exporter", "Marks and numbers", "73239200", "208.000"],
        ["Liste de colisage", "Expéditeur / exportateur", "Marques et numéros", "208,000"],
    ),
    (
        "casa",
        "shipping_instructions",
        ["Shipping instructions", "Transit Rhône SA", "Insurance by us", "documentary credit"],
        [
            "Instructions d’expédition",
            "Transit Rhône SA",
            "Assurance à notre charge",
            "crédit documentaire",
        ],
    ),
    (
        "casa",
        "bl_instructions",
        [
            "Bill of lading instructions",
            "CMA CGM TANGER",
            "MACAS",
            "MSCU1234566",
            "SL-778812",
            "Freight prepaid",
            "To order",
        ],
        [
            "Instructions pour le connaissement",
            "Port de déchargement",
            "MSCU1234566",
            "Fret payé",
            "À ordre",
        ],
    ),
    (
        "casa",
        "origin_request",
        ["Certificate of origin request", "chamber of commerce", "Country of origin", "France"],
        ["Demande de certificat d’origine", "chambre de commerce", "France"],
    ),
    (
        "casa",
        "eur1",
        ["EUR.1 / EUR-MED movement certificate", "to be confirmed by the customs area", "Morocco"],
        ["Certificat de circulation EUR.1 / EUR-MED", "à confirmer par le service douane", "Maroc"],
    ),
    (
        "casa",
        "insurance_request",
        ["Insurance certificate request", "Sum insured", "ICC (C)", "110 %", "UCP 600 art. 28 (e)"],
        [
            "Demande de certificat d’assurance",
            "Somme assurée",
            "ICC (C)",
            "110 %",
            "RUU 600 art. 28 (e)",
        ],
    ),
    (
        "geneva",
        "cmr",
        [
            "CMR consignment note",
            "1 · Sender",
            "2 · Consignee",
            "3 · Place of delivery of the goods",
            "4 · Place and date of taking over the goods",
            "5 · Documents attached",
            "6 · Marks and Nos",
            "7 · Number of packages",
            "8 · Method of packing",
            "9 · Nature of the goods",
            "10 · Statistical number",
            "11 · Gross weight kg",
            "12 · Volume m³",
            "13 · Sender's instructions",
            "14 · Directions as to payment for carriage",
            "15 · Cash on delivery",
            "16 · Carrier",
            "17 · Successive carriers",
            "18 · Carrier's reservations",
            "19 · Special agreements",
            "20 · To be paid by",
            "21 · Established in / on",
            "22 · Signature and stamp of the sender",
            "23 · Signature and stamp of the carrier",
            "24 · Goods received",
            "Carriage paid (franco)",
        ],
        [
            "Lettre de voiture CMR",
            "1 · Expéditeur",
            "13 · Instructions de l’expéditeur",
            "14 · Prescriptions d’affranchissement",
            "24 · Marchandises reçues",
            "Franco",
        ],
    ),
    (
        "tokyo",
        "awb_instructions",
        [
            "Air waybill instructions",
            "Airport of departure",
            "Chargeable weight kg",
            "Shipper's Declaration (IATA DGR)",
        ],
        ["Instructions pour la LTA", "Aéroport de départ", "Poids taxable kg", "IATA DGR"],
    ),
    (
        "tokyo",
        "dangerous_goods",
        [
            "Dangerous goods declaration",
            "IATA DGR",
            "UN 2037",
            "GAS CARTRIDGE 190 G",
            "2.1",
            "Proper shipping name",
        ],
        [
            "Déclaration de marchandises dangereuses",
            "IATA DGR",
            "UN 2037",
            "Désignation officielle de transport",
        ],
    ),
]


@pytest.mark.parametrize(("fixture", "kind", "english", "french"), CASES, ids=[c[1] for c in CASES])
def test_every_document_in_english_and_french(
    request: pytest.FixtureRequest, fixture: str, kind: str, english: list[str], french: list[str]
) -> None:
    shipment = request.getfixturevalue(fixture)
    text = issued(shipment, kind, "en")
    assert [t for t in english if t.casefold() not in text] == []
    assert shipment.number.casefold() in text
    text = issued(shipment, kind, "fr")
    assert [t for t in french if t.casefold() not in text] == []


def test_the_cmr_renders_to_an_image(geneva: Shipment) -> None:
    document = services.issue_document(shipment=geneva, kind="cmr", user=None)
    pdf = pypdfium2.PdfDocument(bytes(document.pdf))
    assert len(pdf) == 1  # the 24 boxes hold on one A4 page
    image = pdf[0].render(scale=60 / 72).to_pil()
    assert image.size[0] > 400 and image.size[1] > 600
    # the page is not blank: dark pixels of text and box borders
    dark = sum(image.convert("L").histogram()[:128])
    assert dark > 2000
