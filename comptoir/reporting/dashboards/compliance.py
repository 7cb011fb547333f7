"""The compliance dashboard: what has to be settled today, each figure linking to the list
that shows the documents.

Exports without proof of exit after 30 days, intra-EU invoices without proof of transport,
sanctions screening hits to review (by list and age), export licences ending within 30, 60
and 90 days and how much of them is used, suppliers' declarations of origin ending, ATA
carnets to clear. These are states on a day, not flows over a period: the period filter
does not apply; the country filter keeps the documents of that country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.roles import Actor
from comptoir.common.dates import today as local_today
from comptoir.compliance import selectors as compliance_selectors
from comptoir.compliance.models import HitStatus, Source
from comptoir.customs import selectors as customs_selectors
from comptoir.customs.models import Carnet
from comptoir.export_control import selectors as export_control_selectors
from comptoir.intra_eu import selectors as intra_eu_selectors
from comptoir.origin import selectors as origin_selectors
from comptoir.trade import origin as origin_rules

from ..dashboard import Column, Dashboard, Figure, Row, Section, Table
from ..filters import ReportFilters
from ..registry import DashboardSpec, register
from ._ops import EurRates, link, money, percent, total_of

KEY = "compliance"
#: rows listed per table (the figure links to the whole list)
LISTED = 20
#: hit ages, in days: (label, lowest age, highest age or None)
AGES: tuple[tuple[str, int, int | None], ...] = (
    ("0-7", 0, 7),
    ("8-30", 8, 30),
    ("31-90", 31, 90),
    ("90+", 91, None),
)
LICENCE_WINDOWS = (30, 60, 90)


def _section(
    title: str,
    figures: tuple[Figure, ...],
    key: str,
    table_title: str,
    columns: tuple[Column, ...],
    rows: Iterable[Row],
    note: str = "",
) -> Section:
    """A compliance section: its key figures and the one table of what is to settle."""
    return Section(
        title, figures=figures, tables=(Table(key, table_title, columns, tuple(rows), note=note),)
    )


def _exports_section(day: dt.date, country: str) -> Section:
    late = customs_selectors.exports_without_proof(day)
    if country:
        late = late.filter(shipment__destination_country=country)
    rates = EurRates(day)
    by_currency = (
        late.order_by()
        .values("shipment__currency")
        .annotate(n=Count("pk"), value=Sum("shipment__value"))
        .order_by("shipment__currency")
    )
    count, value = 0, Decimal(0)
    for row in by_currency:
        count += row["n"]
        value += rates.to_eur(row["value"] or 0, row["shipment__currency"]) or Decimal(0)
    rows = []
    for declaration in late.select_related(None).values(
        "pk",
        "mrn",
        "declared_on",
        "shipment__number",
        "shipment__partner__name",
        "shipment__destination_country",
        "shipment__value",
        "shipment__currency",
    )[:LISTED]:
        rows.append(
            Row(
                (
                    declaration["mrn"],
                    declaration["shipment__number"] or "",
                    declaration["shipment__partner__name"],
                    declaration["shipment__destination_country"],
                    declaration["declared_on"],
                    (day - declaration["declared_on"]).days,
                    money(declaration["shipment__value"]),
                    declaration["shipment__currency"],
                ),
                link=link("customs:export_detail", declaration["pk"]),
            )
        )
    list_link = link("customs:export_list", proof="late")
    missing = (
        f" ({_('no EUR rate for %s') % ', '.join(sorted(rates.missing))})" if rates.missing else ""
    )
    return _section(
        _("Exports without proof of exit"),
        (
            Figure(
                "exports_without_exit",
                _("Exports without proof of exit after %(days)d days")
                % {"days": customs_selectors.PROOF_OF_EXIT_DAYS},
                count,
                link=list_link,
                better="down",
                note=_(
                    "Export declarations older than 30 days whose exit is not confirmed: the "
                    "VAT exemption of the sale has no proof yet (CGI art. 262 I)."
                ),
            ),
            Figure(
                "exports_without_exit_value",
                _("Value of those exports"),
                money(value),
                kind="money",
                currency="EUR",
                link=list_link,
                note=_(
                    "Value of the goods on the shipments, in EUR at today's rate for other "
                    "currencies."
                )
                + missing,
            ),
        ),
        "exports_without_exit",
        _("The oldest exports without proof of exit"),
        (
            Column("mrn", _("MRN")),
            Column("shipment", _("Shipment")),
            Column("client", _("Client")),
            Column("country", _("Destination")),
            Column("declared", _("Declared on"), "date"),
            Column("age", _("Days"), "days"),
            Column("value", _("Value of the goods"), "money"),
            Column("currency", _("Currency")),
        ),
        rows,
    )


def _intra_eu_section(day: dt.date, country: str) -> Section:
    params = {"status": "missing", "country": country} if country else {"status": "missing"}
    proofs = intra_eu_selectors.proof_rows(params, day)
    value = total_of(r.invoice.net_total * r.invoice.eur_rate for r in proofs)
    rows = [
        Row(
            (
                p.invoice.number or "",
                p.invoice.client.name,
                str(p.invoice.tax.get("arrival_country", "")) if p.invoice.tax else "",
                p.invoice.issue_date,
                p.age_days,
                money(p.invoice.net_total * p.invoice.eur_rate),
                "; ".join(p.missing),
            ),
            link=link("intra_eu:invoice_proof", p.invoice.pk),
        )
        for p in proofs[:LISTED]
    ]
    list_link = link("intra_eu:proof_list", status="missing", country=country)
    return _section(
        _("Intra-EU sales without proof of transport"),
        (
            Figure(
                "intra_eu_without_proof",
                _("Intra-EU invoices without proof of transport"),
                len(proofs),
                link=list_link,
                better="down",
                note=_(
                    "Issued intra-EU invoices whose supply is older than the delay set in the "
                    "intra-EU settings and whose evidence does not yet give the presumption "
                    "of transport (Reg. 282/2011 art. 45a), as the proof list shows them "
                    "(at most the %(n)d oldest invoices are read)."
                )
                % {"n": intra_eu_selectors.MAX_LIST},
            ),
            Figure(
                "intra_eu_without_proof_value",
                _("Net amount of those invoices"),
                money(value),
                kind="money",
                currency="EUR",
                link=list_link,
                note=_("In EUR at each invoice's own rate."),
            ),
        ),
        "intra_eu_without_proof",
        _("Intra-EU invoices still lacking a proof"),
        (
            Column("invoice", _("Invoice")),
            Column("client", _("Client")),
            Column("country", _("Country of arrival")),
            Column("date", _("Date"), "date"),
            Column("age", _("Days since the supply"), "days"),
            Column("amount", _("Net amount"), "money", "EUR"),
            Column("missing", _("Still missing")),
        ),
        rows,
    )


def _hits_section(day: dt.date, country: str) -> Section:
    hits = compliance_selectors.hit_list({"status": HitStatus.OPEN}).order_by()
    if country:
        hits = hits.filter(Q(company__country=country) | Q(contact__company__country=country))
    by_age: dict[str, Any] = {}
    for label, low, high in AGES:
        newest = day - dt.timedelta(days=low)
        condition = Q(created_at__date__lte=newest)
        if high is not None:
            condition &= Q(created_at__date__gte=day - dt.timedelta(days=high))
        by_age[f"age_{label}"] = Count("pk", filter=condition)
    grouped = {
        row["source"]: row for row in hits.values("source").annotate(n=Count("pk"), **by_age)
    }
    sources = dict(Source.choices)
    rows = []
    for source in Source.values:
        row = grouped.get(source)
        if row is None:
            continue
        rows.append(
            Row(
                (str(sources[source]), row["n"], *(row[f"age_{label}"] for label, _l, _h in AGES)),
                link=link("compliance:hit_list", status=HitStatus.OPEN, source=source),
            )
        )
    total = sum(r["n"] for r in grouped.values())
    return _section(
        _("Sanctions screening"),
        (
            Figure(
                "open_hits",
                _("Screening hits to review"),
                total,
                link=link("compliance:hit_list", status=HitStatus.OPEN),
                better="down",
                note=_(
                    "Possible matches of our companies or contacts with the EU, UN or US "
                    "sanctions lists, not yet reviewed."
                ),
            ),
        ),
        "open_hits",
        _("Hits to review by list and age"),
        (
            Column("list", _("List")),
            Column("open", _("To review"), "number"),
            *(
                Column(f"age_{label}", _("%(days)s days") % {"days": label}, "number")
                for label, _l, _h in AGES
            ),
        ),
        rows,
        note=_("Age: days since the hit was found."),
    )


def _licences_section(day: dt.date, country: str) -> Section:
    licences = export_control_selectors.licences_in_force_with_usage(day)
    if country:
        licences = licences.filter(countries__icontains=country)
    in_force = export_control_selectors.licence_list({"valid": "1"})
    if country:
        in_force = in_force.filter(countries__icontains=country)
    windows = in_force.aggregate(
        **{
            f"within_{n}": Count("pk", filter=Q(valid_until__lte=day + dt.timedelta(days=n)))
            for n in LICENCE_WINDOWS
        }
    )
    rows = _licence_rows(licences, day)
    list_link = link("export_control:licence_list", valid="1")
    figures = tuple(
        Figure(
            f"licences_{n}",
            _("Licences ending within %(days)d days") % {"days": n},
            windows[f"within_{n}"],
            link=list_link,
            better="down",
        )
        for n in LICENCE_WINDOWS
    )
    return _section(
        _("Export licences"),
        figures,
        "licences",
        _("Licences in force: end and use"),
        (
            Column("licence", _("Licence")),
            Column("valid_until", _("Valid until"), "date"),
            Column("days", _("Days left"), "days"),
            Column("quantity", _("Quantity used"), "percent"),
            Column("value", _("Value used"), "percent"),
            Column("value_used", _("Value taken"), "money"),
            Column("currency", _("Currency")),
        ),
        rows,
        note=_(
            "Licences valid today and not suspended, the soonest end first; use: the "
            "allocations of shipments not cancelled against the quantity and value "
            "authorised (empty when the licence sets no limit)."
        ),
    )


def _licence_rows(licences: Any, day: dt.date) -> list[Row]:
    rows = []
    for licence in licences.values(
        "pk",
        "number",
        "valid_until",
        "quantity_limit",
        "quantity_used",
        "value_limit",
        "value_used",
        "currency",
    )[:LISTED]:
        until = licence["valid_until"]
        rows.append(
            Row(
                (
                    licence["number"],
                    until,
                    (until - day).days if until else None,
                    percent(licence["quantity_used"] or 0, licence["quantity_limit"]),
                    percent(licence["value_used"] or 0, licence["value_limit"]),
                    money(licence["value_used"] or 0),
                    licence["currency"],
                ),
                link=link("export_control:licence_detail", licence["pk"]),
            )
        )
    return rows


def _declarations_section(day: dt.date, country: str) -> Section:
    declarations = origin_selectors.declaration_list({"state": "expiring"}, day)
    expired = origin_selectors.declaration_list({"state": "expired"}, day).filter(
        valid_to__gte=day - dt.timedelta(days=365)
    )
    if country:
        declarations = declarations.filter(supplier__country=country)
        expired = expired.filter(supplier__country=country)
    rows = [
        Row(
            (
                d["supplier__name"],
                d["reference"],
                d["valid_to"],
                (d["valid_to"] - day).days,
            ),
            link=link("origin:declaration_detail", d["pk"]),
        )
        for d in declarations.values("pk", "supplier__name", "reference", "valid_to")[:LISTED]
    ]
    return _section(
        _("Suppliers' declarations of origin"),
        (
            Figure(
                "declarations_expiring",
                _("Suppliers' declarations ending within %(days)d days")
                % {"days": origin_rules.REMINDER_DAYS},
                declarations.count(),
                link=link("origin:declaration_list", state="expiring"),
                better="down",
                note=_(
                    "A long-term declaration covers the goods only while it is valid: ask the "
                    "supplier for the next one before it ends."
                ),
            ),
            Figure(
                "declarations_expired",
                _("Declarations ended in the last 12 months"),
                expired.count(),
                link=link("origin:declaration_list", state="expired"),
                better="down",
            ),
        ),
        "declarations_expiring",
        _("Declarations ending soon"),
        (
            Column("supplier", _("Supplier")),
            Column("reference", _("Reference")),
            Column("valid_to", _("Valid until"), "date"),
            Column("days", _("Days left"), "days"),
        ),
        rows,
    )


def _carnets_section(day: dt.date) -> Section:
    abroad = customs_selectors.carnets_with_goods_abroad()
    annotated = abroad.annotate(
        items_out=Count("items", filter=Q(items__returned_quantity__lt=F("items__quantity")))
    ).order_by("valid_until", "number")
    soon = day + dt.timedelta(days=30)
    counts = abroad.aggregate(
        total=Count("pk"),
        expired=Count("pk", filter=Q(valid_until__lt=day)),
        ending=Count("pk", filter=Q(valid_until__gte=day, valid_until__lte=soon)),
    )
    rows = [
        Row(
            (
                c["number"],
                c["event"],
                c["valid_until"],
                (c["valid_until"] - day).days,
                c["items_out"],
                str(dict(Carnet.Status.choices).get(c["status"], c["status"])),
            ),
            link=link("customs:carnet_detail", c["pk"]),
        )
        for c in annotated.values("pk", "number", "event", "valid_until", "items_out", "status")[
            :LISTED
        ]
    ]
    return _section(
        _("ATA carnets to clear"),
        (
            Figure(
                "carnets_to_clear",
                _("Carnets with goods not back"),
                counts["total"],
                link=link("customs:carnet_list", status=Carnet.Status.OPEN),
                better="down",
                note=_(
                    "Carnets not closed with items whose quantity back is below the quantity "
                    "that left: bring them back or regularise before the carnet ends."
                ),
            ),
            Figure(
                "carnets_expired",
                _("Of which the carnet has ended"),
                counts["expired"],
                link=link("customs:carnet_list", status=Carnet.Status.OPEN),
                better="down",
            ),
            Figure(
                "carnets_ending",
                _("Of which the carnet ends within 30 days"),
                counts["ending"],
                link=link("customs:carnet_list", status=Carnet.Status.OPEN),
                better="down",
            ),
        ),
        "carnets_to_clear",
        _("Carnets to clear"),
        (
            Column("carnet", _("Carnet")),
            Column("event", _("Event")),
            Column("valid_until", _("Valid until"), "date"),
            Column("days", _("Days left"), "days"),
            Column("items", _("Items not back"), "number"),
            Column("status", _("Status")),
        ),
        rows,
    )


def build(filters: ReportFilters, actor: Actor) -> Dashboard:
    day = local_today()
    country = filters.country.upper()
    return Dashboard(
        KEY,
        _("Compliance"),
        (
            _exports_section(day, country),
            _intra_eu_section(day, country),
            _hits_section(day, country),
            _licences_section(day, country),
            _declarations_section(day, country),
            _carnets_section(day),
        ),
        notes=(
            gettext_lazy(
                "What is to settle today, whatever the period. The country filter keeps the "
                "exports going to it, the intra-EU invoices arriving in it, the hits and the "
                "declarations of its companies and the licences naming it; ATA carnets are "
                "all shown."
            ),
        ),
    )


register(
    DashboardSpec(
        key=KEY,
        title=gettext_lazy("Compliance"),
        description=gettext_lazy(
            "Exports without proof of exit, intra-EU sales without proof of transport, "
            "screening hits to review, licences and declarations ending, ATA carnets to clear."
        ),
        build=build,
        filters=("country",),
        order=50,
    )
)
