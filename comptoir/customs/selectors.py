"""Reads of the customs area: lists, the tariff lookups, the comparison with the broker,
what is late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models import F, Q, QuerySet

from comptoir.shipping.models import Shipment
from comptoir.trade import import_duties as core

from .models import (
    Carnet,
    CarnetItem,
    ExportDeclaration,
    ImportEntry,
    ImportLine,
    SpecialProcedure,
    TariffRate,
)

#: An export without its proof of exit this many days after the declaration is late.
PROOF_OF_EXIT_DAYS = 30


def rates_for_codes(codes: Iterable[str]) -> QuerySet[TariffRate]:
    """Every rate whose code is a prefix of one of ``codes`` (a heading covers its codes)."""
    prefixes: set[str] = set()
    for code in codes:
        for length in range(2, len(code) + 1, 2):
            prefixes.add(code[:length])
    return TariffRate.objects.filter(code__in=prefixes)


def tariff_list(params: Mapping[str, str]) -> QuerySet[TariffRate]:
    rates = TariffRate.objects.all()
    code = "".join(ch for ch in params.get("code", "") if ch.isdigit())
    if code:
        prefixes = [code[:n] for n in range(2, len(code), 2)]
        rates = rates.filter(Q(code__startswith=code) | Q(code__in=prefixes))
    if params.get("kind"):
        rates = rates.filter(kind=params["kind"])
    if params.get("origin"):
        rates = rates.filter(origin=params["origin"].strip().upper()[:2])
    if params.get("agreement"):
        rates = rates.filter(agreement__iexact=params["agreement"].strip())
    if params.get("on"):
        try:
            day = dt.date.fromisoformat(params["on"])
        except ValueError:
            day = None
        if day is not None:
            rates = rates.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            )
    return rates


def entry_list(params: Mapping[str, str]) -> QuerySet[ImportEntry]:
    entries = ImportEntry.objects.select_related("supplier", "broker", "shipment")
    if params.get("status"):
        entries = entries.filter(status=params["status"])
    q = params.get("q", "").strip()
    if q:
        entries = entries.filter(
            Q(number__icontains=q)
            | Q(mrn__icontains=q)
            | Q(invoice_reference__icontains=q)
            | Q(supplier__name__icontains=q)
        )
    return entries


def entry_for_page(pk: int) -> ImportEntry:
    return ImportEntry.objects.select_related("supplier", "broker", "shipment").get(pk=pk)


def lines(entry: ImportEntry) -> QuerySet[ImportLine]:
    return entry.lines.select_related("product").order_by("position", "pk")


def broker_figures(entry: ImportEntry) -> list[core.BrokerFigures]:
    figures = [
        core.BrokerFigures(
            0,
            entry.broker_customs_value,
            entry.broker_duty,
            entry.broker_anti_dumping,
            entry.broker_vat,
        )
    ]
    for line in lines(entry):
        if any(
            v is not None
            for v in (
                line.broker_customs_value,
                line.broker_duty,
                line.broker_anti_dumping,
                line.broker_vat,
            )
        ):
            figures.append(
                core.BrokerFigures(
                    line.position,
                    line.broker_customs_value,
                    line.broker_duty,
                    line.broker_anti_dumping,
                    line.broker_vat,
                )
            )
    return figures


def stored_result(entry: ImportEntry) -> core.EntryResult:
    """Our figures as stored on the entry (computed when it last changed)."""
    rows = list(lines(entry))
    results = tuple(
        core.LineResult(
            ZERO,
            line.customs_value,
            line.duty,
            line.anti_dumping,
            line.other_taxes,
            line.vat_base,
            line.vat,
            line.landed_cost,
            line.landed_cost_per_unit,
            (),
        )
        for line in rows
    )
    return core.EntryResult(
        results,
        entry.customs_value,
        entry.duty,
        entry.anti_dumping,
        entry.other_taxes,
        sum((line.vat_base for line in rows), ZERO),
        entry.vat,
        entry.postponed_vat,
        entry.cash_to_customs,
        entry.vat if entry.postponed_vat else ZERO,
        entry.broker_fees,
        entry.landed_cost,
    )


ZERO = Decimal(0)


def differences(entry: ImportEntry) -> list[core.Difference]:
    """The broker's figures that differ from ours, per item and in total."""
    # positions in the stored result run 1..n in the order of the lines
    result = stored_result(entry)
    positions = [line.position for line in lines(entry)]
    index = {position: i + 1 for i, position in enumerate(positions)}
    figures = [
        core.BrokerFigures(
            index.get(f.position, 0) if f.position else 0,
            f.customs_value,
            f.duty,
            f.anti_dumping,
            f.vat,
        )
        for f in broker_figures(entry)
    ]
    found = core.compare(result, figures, tolerance=entry.tolerance)
    back = {i: p for p, i in index.items()}
    return [
        core.Difference(back.get(d.position, 0), d.figure, d.ours, d.theirs, d.within_tolerance)
        for d in found
    ]


def export_list(params: Mapping[str, str], today: dt.date) -> QuerySet[ExportDeclaration]:
    declarations = ExportDeclaration.objects.select_related("shipment", "shipment__partner")
    proof = params.get("proof", "")
    if proof == "missing":
        declarations = declarations.filter(exit_confirmed_on__isnull=True)
    elif proof == "late":
        declarations = exports_without_proof(today)
    elif proof == "received":
        declarations = declarations.filter(exit_confirmed_on__isnull=False)
    q = params.get("q", "").strip()
    if q:
        declarations = declarations.filter(
            Q(mrn__icontains=q)
            | Q(invoice_reference__icontains=q)
            | Q(shipment__number__icontains=q)
        )
    return declarations


def exports_without_proof(today: dt.date) -> QuerySet[ExportDeclaration]:
    """Declarations older than 30 days whose exit is not confirmed: the VAT exemption of the
    sale has no proof (CGI art. 262 I)."""
    return (
        ExportDeclaration.objects.select_related("shipment", "shipment__partner", "task")
        .filter(
            exit_confirmed_on__isnull=True,
            declared_on__lt=today - dt.timedelta(days=PROOF_OF_EXIT_DAYS),
        )
        .order_by("declared_on", "pk")
    )


def exports_of_shipment(shipment: Shipment) -> QuerySet[ExportDeclaration]:
    return ExportDeclaration.objects.filter(shipment=shipment).order_by("declared_on", "pk")


def imports_of_shipment(shipment: Shipment) -> QuerySet[ImportEntry]:
    return ImportEntry.objects.filter(shipment=shipment).order_by("declared_on", "pk")


def carnet_list(params: Mapping[str, str]) -> QuerySet[Carnet]:
    carnets = Carnet.objects.all()
    if params.get("status"):
        carnets = carnets.filter(status=params["status"])
    return carnets


def carnets_with_goods_abroad() -> QuerySet[Carnet]:
    abroad = CarnetItem.objects.filter(returned_quantity__lt=F("quantity")).values("carnet")
    return Carnet.objects.filter(pk__in=abroad).exclude(status=Carnet.Status.CLOSED)


def procedure_list(params: Mapping[str, str]) -> QuerySet[SpecialProcedure]:
    procedures = SpecialProcedure.objects.select_related("shipment")
    if params.get("kind"):
        procedures = procedures.filter(kind=params["kind"])
    if params.get("open"):
        procedures = procedures.filter(returned_on__isnull=True).exclude(kind="samples")
    return procedures


def procedures_overdue(today: dt.date) -> QuerySet[SpecialProcedure]:
    return SpecialProcedure.objects.filter(
        returned_on__isnull=True, expected_return_on__lt=today
    ).exclude(kind="samples")
