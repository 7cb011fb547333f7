"""The INSTAT/XML file of the French customs portal "DEB sur le web": EMEBI (statistical
survey of intra-EU trade in goods, with its fiscal part) and the état récapitulatif TVA.

Plain data in, XML bytes out; the areas build the data. The element order follows the DGDDI
specification of the file (2022 version); :func:`validate` checks a file against
``data/instat_deb_fr.xsd``, Comptoir's schema written from that specification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_PATH = Path(__file__).parent / "data" / "instat_deb_fr.xsd"
#: declarationTypeCode: 4 = état récapitulatif (fiscal part only), 5 = EMEBI with its
#: fiscal part (companies selected by the customs for the statistical survey).
TYPE_RECAP = "4"
TYPE_EMEBI = "5"


@dataclass(frozen=True)
class InstatItem:
    regime: str  # statisticalProcedureCode
    invoiced_amount: int  # whole euros
    partner_vat: str = ""
    cn8: str = ""
    supplementary_unit: str = ""
    partner_country: str = ""
    origin_country: str = ""
    net_mass: int | None = None
    quantity_su: int | None = None
    nature: str = ""  # two digits
    mode: str = ""
    department: str = ""


@dataclass(frozen=True)
class InstatFile:
    envelope_id: str  # the customs approval number for the file upload
    declarant_id: str  # VAT number + NIC
    declarant_name: str
    period: str  # YYYY-MM
    flow: str  # "A" or "D"
    type_code: str  # TYPE_RECAP or TYPE_EMEBI
    items: tuple[InstatItem, ...]
    created: dt.datetime
    software: str = "Comptoir"


def _sub(parent: etree._Element, tag: str, text: str | int | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def render(data: InstatFile) -> bytes:
    root = etree.Element("INSTAT")
    envelope = _sub(root, "Envelope")
    _sub(envelope, "envelopeId", data.envelope_id)
    when = _sub(envelope, "DateTime")
    _sub(when, "date", data.created.date().isoformat())
    _sub(when, "time", data.created.time().replace(microsecond=0).isoformat())
    party = _sub(envelope, "Party")
    party.set("partyType", "PSI")
    party.set("partyRole", "PSI")
    _sub(party, "partyId", data.declarant_id)
    _sub(party, "partyName", data.declarant_name[:80])
    _sub(envelope, "softwareUsed", data.software)
    declaration = _sub(envelope, "Declaration")
    _sub(declaration, "declarationId", data.period.replace("-", ""))
    _sub(declaration, "referencePeriod", data.period)
    _sub(declaration, "PSIId", data.declarant_id)
    function = _sub(declaration, "Function")
    _sub(function, "functionCode", "O")
    _sub(declaration, "declarationTypeCode", data.type_code)
    _sub(declaration, "flowCode", data.flow)
    _sub(declaration, "currencyCode", "EUR")
    statistical = data.type_code == TYPE_EMEBI
    for number, item in enumerate(data.items, start=1):
        element = _sub(declaration, "Item")
        _sub(element, "itemNumber", number)
        with_goods = statistical and item.cn8 != ""
        if with_goods:
            cn8 = _sub(element, "CN8")
            _sub(cn8, "CN8Code", item.cn8)
            if item.supplementary_unit:
                _sub(cn8, "SUCode", item.supplementary_unit)
            _sub(element, "MSConsDestCode", item.partner_country)
            _sub(element, "countryOfOriginCode", item.origin_country)
            _sub(element, "netMass", item.net_mass)
            if item.supplementary_unit and item.quantity_su is not None:
                _sub(element, "quantityInSU", item.quantity_su)
        _sub(element, "invoicedAmount", item.invoiced_amount)
        if item.partner_vat:
            _sub(element, "partnerId", item.partner_vat)
        _sub(element, "statisticalProcedureCode", item.regime)
        if with_goods:
            nature = _sub(element, "NatureOfTransaction")
            _sub(nature, "natureOfTransactionACode", item.nature[:1])
            if item.nature[1:2]:
                _sub(nature, "natureOfTransactionBCode", item.nature[1:2])
            _sub(element, "modeOfTransportCode", item.mode)
            _sub(element, "regionCode", item.department)
    raw: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return raw


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate(raw: bytes) -> list[str]:
    """The schema's complaints about a file (line: message), or [] when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        document = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        return [str(exc)]
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]
