"""The files of a declaration: the DEB-sur-le-web XML (``documents.instat``) and the XLSX,
built from the lines the area computed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.documents import instat, tabular
from comptoir.sales.models import SellerProfile

from .models import DeclarantSettings, Declaration


def declarant_id() -> str:
    """VAT number followed by the establishment's NIC (the file's PSIId)."""
    seller = SellerProfile.current()
    vat = (seller.vat_number if seller else "").replace(" ", "").upper()
    return vat + DeclarantSettings.current().nic


def setup_problems() -> list[str]:
    """What the declarant's settings lack for a file the portal accepts."""
    declarant = DeclarantSettings.current()
    seller = SellerProfile.current()
    problems: list[str] = []
    if seller is None or not seller.vat_number.upper().startswith("FR"):
        problems.append(_("Our company's French VAT number is missing (Our company)."))
    if len(declarant.nic) != 5 or not declarant.nic.isdigit():
        problems.append(_("The establishment NIC (5 digits) is missing in the declarant settings."))
    if not declarant.approval_number:
        problems.append(
            _("The customs approval number for file upload is missing in the declarant settings.")
        )
    return problems


def _items(kind: str, lines: list[dict[str, Any]]) -> tuple[instat.InstatItem, ...]:
    statistical = kind != Declaration.Kind.RECAP
    return tuple(
        instat.InstatItem(
            regime=line["regime"],
            invoiced_amount=int(line["invoiced_amount"]),
            partner_vat=line["partner_vat"] if line["regime"] != "11" else "",
            cn8=line["cn8"] if statistical else "",
            supplementary_unit=line["supplementary_unit"] or "",
            partner_country=line["partner_country"],
            origin_country=line["origin_country"],
            net_mass=line["net_mass"],
            quantity_su=line["quantity_su"],
            nature=line["nature"],
            mode=line["mode"],
            department=line["department"],
        )
        for line in lines
    )


def xml_file(kind: str, month: dt.date, lines: list[dict[str, Any]]) -> bytes:
    seller = SellerProfile.current()
    return instat.render(
        instat.InstatFile(
            envelope_id=DeclarantSettings.current().approval_number or "-",
            declarant_id=declarant_id(),
            declarant_name=seller.legal_name if seller else "-",
            period=f"{month:%Y-%m}",
            flow="A" if kind == Declaration.Kind.EMEBI_ARRIVAL else "D",
            type_code=instat.TYPE_RECAP if kind == Declaration.Kind.RECAP else instat.TYPE_EMEBI,
            items=_items(kind, lines),
            created=timezone.localtime(),
        )
    )


def xlsx_header(kind: str) -> list[str]:
    if kind == Declaration.Kind.RECAP:
        return [
            _("Client"),
            _("VAT number"),
            _("Regime"),
            _("Amount (EUR)"),
            _("Documents"),
        ]
    return [
        _("CN8 code"),
        _("Regime"),
        _("Nature of transaction"),
        _("Mode of transport"),
        _("Partner country"),
        _("Partner VAT number"),
        _("Country of origin"),
        _("Net mass (kg)"),
        _("Supplementary unit"),
        _("Quantity in supplementary units"),
        _("Invoiced amount (EUR)"),
        _("Statistical value (EUR)"),
        _("Department"),
        _("Documents"),
    ]


def xlsx_rows(kind: str, lines: list[dict[str, Any]]) -> list[list[object]]:
    if kind == Declaration.Kind.RECAP:
        return [
            [
                line["client"],
                line["partner_vat"],
                line["regime"],
                int(line["signed_amount"]),
                " ".join(line["documents"]),
            ]
            for line in lines
        ]
    return [
        [
            line["cn8"],
            line["regime"],
            line["nature"],
            line["mode"],
            line["partner_country"],
            line["partner_vat"],
            line["origin_country"],
            line["net_mass"] if line["net_mass"] is not None else "",
            line["supplementary_unit"],
            line["quantity_su"] if line["quantity_su"] is not None else "",
            int(line["signed_amount"]),
            line["statistical_value"] if line["statistical_value"] is not None else "",
            line["department"],
            " ".join(line["documents"]),
        ]
        for line in lines
    ]


def xlsx_file(kind: str, month: dt.date, lines: list[dict[str, Any]]) -> bytes:
    title = f"{kind} {month:%Y-%m}"
    return tabular.write_xlsx(xlsx_header(kind), xlsx_rows(kind, lines), title)
