"""Writes of the customs area: the tariff table (by hand and by CSV import), import
declarations computed line by line and checked against the broker's, export declarations
and their proof of exit, ATA carnets and the other special procedures, and the daily job
that opens tasks for what is late.

Every service checks the role matrix first (``CUSTOMS_TARIFF`` or ``CUSTOMS_DECLARATION``),
writes in one transaction and names the author for the history. Tasks are opened through
``parties.services``; shipments are read through the shipping selectors and never written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, Role, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common import countries
from comptoir.common.dates import today as local_today
from comptoir.documents import tabular
from comptoir.parties import services as parties
from comptoir.shipping.models import Shipment
from comptoir.trade import import_duties as core
from comptoir.trade import mrn as mrn_rules
from comptoir.trade import special_procedures
from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import EU_MEMBER_STATES
from comptoir.trade.money import round_money
from comptoir.trade.texts import Text

from . import selectors
from .attachments import check_upload
from .inputs import (
    BrokerValues,
    CarnetItemValues,
    CarnetValues,
    EntryValues,
    ExitValues,
    ExportValues,
    LineValues,
    ProcedureValues,
    TariffValues,
    VisitValues,
)
from .models import (
    Carnet,
    CarnetItem,
    CarnetVisit,
    ExportDeclaration,
    ImportEntry,
    ImportLine,
    ProcedureKind,
    RateKind,
    SpecialProcedure,
    SpecificUnit,
    TariffRate,
    VatRate,
)

ZERO = Decimal(0)
#: An export without its proof of exit this many days after the declaration is chased.
PROOF_OF_EXIT_DAYS = selectors.PROOF_OF_EXIT_DAYS
#: Rows one tariff import may hold; bytes of the file.
MAX_TARIFF_ROWS = 5_000
MAX_TARIFF_BYTES = 2 * 1024 * 1024
#: Lines of one import declaration, items of one carnet.
MAX_LINES = 200
#: Carnet reminders: this many days before its expiry, items still abroad.
CARNET_REMINDER_DAYS = 30


def _message(exc: TradeInputError) -> str:
    return translate(exc.message) if isinstance(exc.message, Text) else _(exc.message)


def _refuse(exc: TradeInputError, field_for: dict[str, str] | None = None) -> ValidationError:
    name = exc.field or "__all__"
    return ValidationError({(field_for or {}).get(name, name): _message(exc)})


def _save(instance: Any, user: Actor, reason: str = "") -> None:
    stamp(instance, user, reason)
    instance.save()


def _country(value: str) -> str:
    return value.strip().upper()


# ============================================================================ tariff

_UNITS = set(SpecificUnit.values)


def _check_tariff(values: TariffValues) -> dict[str, str]:
    errors: dict[str, str] = {}
    code = values.code.strip()
    if not code.isdigit() or not 2 <= len(code) <= 10 or len(code) % 2:
        errors["code"] = _("A CN code of 2, 4, 6, 8 or 10 digits, without dots or spaces.")
    if values.kind not in RateKind.values:
        errors["kind"] = _("Choose the kind of rate.")
    origin = _country(values.origin)
    if origin and (len(origin) != 2 or not origin.isalpha()):
        errors["origin"] = _("The ISO code of the country, 2 letters (CN, US…), or empty.")
    if values.kind == RateKind.PREFERENTIAL and not values.agreement.strip():
        errors["agreement"] = _("A preferential rate names its trade agreement (EU-JP, CETA…).")
    if values.kind != RateKind.PREFERENTIAL and values.agreement.strip():
        errors["agreement"] = _("Only a preferential rate names a trade agreement.")
    if values.kind in (RateKind.ANTI_DUMPING, RateKind.COUNTERVAILING) and not origin:
        errors["origin"] = _("An anti-dumping or countervailing rate is set for one origin.")
    if values.producer.strip() and values.kind not in (
        RateKind.ANTI_DUMPING,
        RateKind.COUNTERVAILING,
    ):
        errors["producer"] = _("Only anti-dumping and countervailing rates name a producer.")
    if not 0 <= values.ad_valorem_pct <= 1000:
        errors["ad_valorem_pct"] = _("A percentage between 0 and 1000.")
    if values.specific_amount < 0:
        errors["specific_amount"] = _("The amount must not be negative.")
    if values.specific_amount and values.specific_unit not in _UNITS:
        errors["specific_unit"] = _("Say what the specific duty is per (kg, 100 kg, item…).")
    if values.specific_unit and values.specific_unit not in _UNITS:
        errors["specific_unit"] = _("Unknown unit.")
    if values.valid_from and values.valid_to and values.valid_to < values.valid_from:
        errors["valid_to"] = _("The end of validity is before its start.")
    return errors


def _overlaps(values: TariffValues, others: Iterable[TariffRate | TariffValues]) -> bool:
    """Whether another rate for the same code, kind, origin, agreement and producer is
    valid on a common day (two rates for one case: the lookup could not choose)."""
    start = values.valid_from or dt.date.min
    end = values.valid_to or dt.date.max
    key = (
        values.code.strip(),
        values.kind,
        _country(values.origin),
        values.agreement.strip().upper(),
        values.producer.strip().upper(),
    )
    for other in others:
        if (
            other.code,
            other.kind,
            other.origin,
            other.agreement.upper(),
            other.producer.upper(),
        ) != key:
            continue
        if (other.valid_from or dt.date.min) <= end and start <= (other.valid_to or dt.date.max):
            return True
    return False


def _apply_tariff(rate: TariffRate, values: TariffValues) -> None:
    rate.code = values.code.strip()
    rate.kind = values.kind
    rate.origin = _country(values.origin)
    rate.agreement = values.agreement.strip().upper()
    rate.producer = values.producer.strip()
    rate.ad_valorem_pct = values.ad_valorem_pct
    rate.specific_amount = values.specific_amount
    rate.specific_unit = values.specific_unit if values.specific_amount else ""
    rate.valid_from = values.valid_from
    rate.valid_to = values.valid_to
    rate.source = values.source.strip()[:200]


def save_rate(*, values: TariffValues, user: Actor, rate: TariffRate | None = None) -> TariffRate:
    """Add a rate to the tariff table, or correct one."""
    require(user, Action.CREATE if rate is None else Action.CHANGE, Record.CUSTOMS_TARIFF)
    errors = _check_tariff(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        others = TariffRate.objects.select_for_update().filter(code=values.code.strip())
        if rate is not None:
            others = others.exclude(pk=rate.pk)
        if _overlaps(values, others):
            raise ValidationError(
                {
                    "valid_from": _(
                        "Another rate for this code, kind, origin and agreement is valid on "
                        "some of these days: end it first."
                    )
                }
            )
        rate = rate or TariffRate()
        _apply_tariff(rate, values)
        _save(rate, user, "tariff rate saved")
    return rate


def delete_rate(*, rate: TariffRate, user: Actor) -> None:
    require(user, Action.DELETE, Record.CUSTOMS_TARIFF)
    with transaction.atomic():
        stamp(rate, user, "tariff rate deleted")
        rate.delete()


#: The columns of the tariff CSV (import and export), in order.
TARIFF_COLUMNS = (
    "code",
    "kind",
    "origin",
    "agreement",
    "producer",
    "ad_valorem_pct",
    "specific_amount",
    "specific_unit",
    "valid_from",
    "valid_to",
    "source",
)


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    reason: str


class TariffImportError(ValidationError):
    """The file was refused; ``rows`` lists every bad row (line, column, reason)."""

    def __init__(self, message: str, rows: list[RowError]) -> None:
        super().__init__(message)
        self.rows = rows


def _decimal(text: str) -> Decimal:
    cleaned = text.strip().replace("\u202f", "").replace(" ", "").replace("%", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not cleaned:
        return ZERO
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _date(text: str) -> dt.date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(cleaned)


def _kind(text: str) -> str:
    cleaned = text.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"erga_omnes": "third_country", "mfn": "third_country", "ad": "anti_dumping"}
    return aliases.get(cleaned, cleaned)


def import_tariff(*, stream: IO[bytes], filename: str, user: Actor) -> int:
    """Load a tariff CSV/XLSX, all or nothing: every bad row is listed (line, column,
    reason in the user's language) and nothing is saved; otherwise every row is added.

    Columns: see :data:`TARIFF_COLUMNS` (``code`` and ``kind`` required). Dates in
    YYYY-MM-DD or DD/MM/YYYY; decimals with a dot or a comma.
    """
    require(user, Action.CREATE, Record.CUSTOMS_TARIFF)
    raw = stream.read(MAX_TARIFF_BYTES + 1)
    if len(raw) > MAX_TARIFF_BYTES:
        raise TariffImportError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_TARIFF_BYTES // (1024 * 1024)},
            [],
        )
    try:
        header, records = tabular.read_table(io.BytesIO(raw), filename, MAX_TARIFF_ROWS)
    except tabular.TableError as exc:
        raise TariffImportError(str(exc), []) from None
    missing = [c for c in ("code", "kind") if c not in header]
    if missing:
        raise TariffImportError(
            _("Missing columns: %(columns)s (expected: %(all)s).")
            % {"columns": ", ".join(missing), "all": ", ".join(TARIFF_COLUMNS)},
            [],
        )
    problems: list[RowError] = []
    rows: list[TariffValues] = []
    for index, record in enumerate(records, start=2):
        if not any(v.strip() for v in record.values()):
            continue
        values: dict[str, Any] = {}
        bad = False
        for column in ("ad_valorem_pct", "specific_amount"):
            try:
                values[column] = _decimal(record.get(column, ""))
            except (InvalidOperation, ValueError):
                problems.append(RowError(index, column, _("Not a number.")))
                bad = True
        for column in ("valid_from", "valid_to"):
            try:
                values[column] = _date(record.get(column, ""))
            except ValueError:
                problems.append(RowError(index, column, _("Not a date (YYYY-MM-DD).")))
                bad = True
        if bad:
            continue
        row = TariffValues(
            code=record.get("code", "").strip().replace(".", "").replace(" ", ""),
            kind=_kind(record.get("kind", "")),
            origin=record.get("origin", ""),
            agreement=record.get("agreement", ""),
            producer=record.get("producer", ""),
            specific_unit=record.get("specific_unit", "").strip().lower().replace(" ", ""),
            source=record.get("source", ""),
            **values,
        )
        row_errors = _check_tariff(row)
        problems.extend(RowError(index, column, reason) for column, reason in row_errors.items())
        if row_errors:
            continue
        existing = TariffRate.objects.filter(code=row.code.strip())
        if _overlaps(row, rows) or _overlaps(row, existing):
            problems.append(
                RowError(
                    index,
                    "valid_from",
                    _(
                        "Another rate for this code, kind, origin and agreement is valid on "
                        "some of these days."
                    ),
                )
            )
            continue
        rows.append(row)
    if problems:
        raise TariffImportError(
            _("Nothing was imported: %(count)d row(s) to correct.")
            % {"count": len({p.line for p in problems})},
            problems,
        )
    if not rows:
        raise TariffImportError(_("The file has no rate."), [])
    with transaction.atomic():
        for row in rows:
            rate = TariffRate()
            _apply_tariff(rate, row)
            _save(rate, user, "tariff import")
    return len(rows)


# ============================================================== import declarations


def _next_number(prefix: str, year: int) -> str:
    start = f"{prefix}-{year}-"
    last = (
        ImportEntry.objects.select_for_update()
        .filter(number__startswith=start)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{start}{count:04d}"


def _check_entry(values: EntryValues) -> None:
    errors: dict[str, str] = {}
    if values.shipment is not None and values.shipment.direction != "import":
        errors["shipment"] = _("Choose an inbound shipment (direction: import).")
    if values.currency.strip().upper() not in countries.currency_codes():
        errors["currency"] = _("Unknown currency code.")
    if values.exchange_rate <= 0:
        errors["exchange_rate"] = _("The exchange rate must be greater than zero.")
    if values.currency == "EUR" and values.exchange_rate != 1:
        errors["exchange_rate"] = _("An invoice in EUR takes the rate 1.")
    if values.rate_date and values.rate_date > values.declared_on:
        errors["rate_date"] = _("The customs rate cannot be dated after the declaration.")
    for name in (
        "freight_to_border",
        "insurance_to_border",
        "transport_to_destination",
        "broker_fees",
        "tolerance",
    ):
        if getattr(values, name) < 0:
            errors[name] = _("The amount must not be negative.")
    if errors:
        raise ValidationError(errors)


def _check_line(values: LineValues) -> None:
    errors: dict[str, str] = {}
    code = values.cn_code.strip()
    if not code.isdigit() or len(code) not in (8, 10):
        errors["cn_code"] = _("The CN code has 8 digits (TARIC: 10).")
    origin = _country(values.origin)
    if len(origin) != 2 or not origin.isalpha():
        errors["origin"] = _("The ISO code of the country of origin, 2 letters.")
    elif origin in EU_MEMBER_STATES:
        errors["origin"] = _("Goods of EU origin are not imported: check the origin.")
    if values.agreement.strip() and not values.proof_of_origin.strip():
        errors["proof_of_origin"] = _(
            "A preference is claimed with a proof of origin: give it (statement on origin, "
            "EUR.1…) or leave the agreement empty."
        )
    if values.quantity <= 0:
        errors["quantity"] = _("The quantity must be greater than zero.")
    if values.vat_rate not in VatRate.values:
        errors["vat_rate"] = _("Choose the VAT rate.")
    if values.specific_unit and values.specific_unit not in _UNITS:
        errors["specific_unit"] = _("Unknown unit.")
    if errors:
        raise ValidationError(errors)


def _tariff_rows(codes: Iterable[str]) -> list[core.TariffRow]:
    return [
        core.TariffRow(
            code=r.code,
            kind=r.kind,
            ad_valorem_pct=r.ad_valorem_pct,
            specific_amount=r.specific_amount,
            specific_unit=r.specific_unit,
            origin=r.origin,
            agreement=r.agreement,
            producer=r.producer,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            source=r.source,
            key=r.pk,
        )
        for r in selectors.rates_for_codes(codes)
    ]


def _rates_from_tariff(line: ImportLine, entry: ImportEntry, rows: list[core.TariffRow]) -> None:
    match = core.lookup(
        rows,
        cn_code=line.cn_code,
        origin=line.origin,
        day=entry.declared_on,
        agreement=line.agreement,
        proof_of_origin=bool(line.proof_of_origin.strip()),
        producer=line.producer,
    )
    notes = [translate(n) for n in match.notes]
    if match.duty is not None:
        line.duty_pct = match.duty.ad_valorem_pct
        line.specific_amount = match.duty.specific_amount
        line.specific_unit = match.duty.specific_unit
        notes.insert(
            0,
            _("Duty: %(code)s %(kind)s%(source)s")
            % {
                "code": match.duty.code,
                "kind": RateKind(match.duty.kind).label,
                "source": f" ({match.duty.source})" if match.duty.source else "",
            },
        )
    else:
        line.duty_pct = ZERO
        line.specific_amount = ZERO
        line.specific_unit = ""
    line.preference_applied = match.preference_applied
    if match.anti_dumping is not None:
        line.anti_dumping_pct = match.anti_dumping.ad_valorem_pct
        notes.append(
            _("%(kind)s: %(pct)s %% (%(who)s)")
            % {
                "kind": RateKind(match.anti_dumping.kind).label,
                "pct": formats.number_format(match.anti_dumping.ad_valorem_pct),
                "who": match.anti_dumping.producer or _("all other companies"),
            }
        )
    else:
        line.anti_dumping_pct = ZERO
    line.tariff_notes = "\n".join(notes)


def _line_input(line: ImportLine, entry: ImportEntry) -> core.LineInput:
    return core.LineInput(
        invoice_amount=line.invoice_amount,
        currency=entry.currency,
        exchange_rate=entry.exchange_rate,
        quantity=line.quantity,
        net_mass_kg=line.net_mass_kg,
        freight_to_border=line.freight_share,
        insurance_to_border=line.insurance_share,
        additions=line.additions,
        transport_after_border_in_price=line.transport_after_border_in_price,
        other_deductions=line.other_deductions,
        duty_pct=line.duty_pct,
        specific_amount=line.specific_amount,
        specific_unit=line.specific_unit,
        anti_dumping_pct=line.anti_dumping_pct,
        other_taxes=line.other_taxes,
        transport_to_destination=getattr(line, "_destination_share", ZERO),
        vat_rate_pct=Decimal(line.vat_rate),
    )


def compute(entry: ImportEntry, lines: list[ImportLine]) -> core.EntryResult:
    """Our figures for the entry (no write): the rates from the tariff table where the line
    takes them, the entry's freight, insurance and carriage shared by invoice value."""
    if not lines:
        raise TradeInputError(Text("A declaration has at least one line."), "lines")
    rows = _tariff_rows({line.cn_code for line in lines})
    weights = [line.invoice_amount for line in lines]
    freight = core.allocate(entry.freight_to_border, weights)
    insurance = core.allocate(entry.insurance_to_border, weights)
    destination = core.allocate(entry.transport_to_destination, weights)
    for line, f, i, d in zip(lines, freight, insurance, destination, strict=True):
        line.freight_share = f
        line.insurance_share = i
        line._destination_share = d  # type: ignore[attr-defined]
        if line.rates_from_tariff:
            _rates_from_tariff(line, entry, rows)
    return core.compute_entry(
        [_line_input(line, entry) for line in lines],
        postponed_vat=entry.postponed_vat,
        broker_fees=entry.broker_fees,
        vat_recoverable=entry.vat_recoverable,
    )


_LINE_FIELDS = {"net_mass_kg": "net_mass_kg", "specific_unit": "specific_unit"}


def _recompute(entry: ImportEntry, user: Actor, reason: str) -> None:
    lines = list(entry.lines.order_by("position", "pk"))
    if not lines:
        for name in (
            "customs_value",
            "duty",
            "anti_dumping",
            "other_taxes",
            "vat",
            "cash_to_customs",
            "landed_cost",
        ):
            setattr(entry, name, ZERO)
        _save(entry, user, reason)
        return
    try:
        result = compute(entry, lines)
    except TradeInputError as exc:
        raise _refuse(exc, _LINE_FIELDS) from None
    for line, figures, landed in zip(lines, result.lines, result.landed_per_line, strict=True):
        line.customs_value = figures.customs_value
        line.duty = figures.duty
        line.anti_dumping = figures.anti_dumping
        line.vat_base = figures.vat_base
        line.vat = figures.vat
        line.landed_cost = landed
        line.landed_cost_per_unit = round_money(landed / line.quantity, "EUR")
        _save(line, user, reason)
    entry.customs_value = result.customs_value
    entry.duty = result.duty
    entry.anti_dumping = result.anti_dumping
    entry.other_taxes = result.other_taxes
    entry.vat = result.vat
    entry.cash_to_customs = result.cash_to_customs
    entry.landed_cost = result.landed_cost
    _save(entry, user, reason)


def _apply_entry(entry: ImportEntry, values: EntryValues) -> None:
    for name in (
        "shipment",
        "supplier",
        "broker",
        "declared_on",
        "exchange_rate",
        "rate_date",
        "freight_to_border",
        "insurance_to_border",
        "transport_to_destination",
        "postponed_vat",
        "vat_recoverable",
        "broker_fees",
        "tolerance",
    ):
        setattr(entry, name, getattr(values, name))
    entry.currency = values.currency.strip().upper()
    entry.invoice_reference = values.invoice_reference.strip()[:60]
    entry.incoterm = values.incoterm.strip().upper()[:3]


def _apply_line(line: ImportLine, values: LineValues) -> None:
    for name in (
        "product",
        "quantity",
        "net_mass_kg",
        "invoice_amount",
        "additions",
        "transport_after_border_in_price",
        "other_deductions",
        "other_taxes",
        "vat_rate",
        "rates_from_tariff",
        "duty_pct",
        "specific_amount",
        "specific_unit",
        "anti_dumping_pct",
    ):
        setattr(line, name, getattr(values, name))
    line.description = values.description.strip()[:300]
    line.cn_code = values.cn_code.strip()
    line.origin = _country(values.origin)
    line.agreement = values.agreement.strip().upper()
    line.proof_of_origin = values.proof_of_origin.strip()[:120]
    line.producer = values.producer.strip()[:120]


def create_entry(
    *, values: EntryValues, lines: Iterable[LineValues] = (), user: Actor
) -> ImportEntry:
    """An import declaration with its lines, computed."""
    require(user, Action.CREATE, Record.CUSTOMS_DECLARATION)
    _check_entry(values)
    given = list(lines)
    if len(given) > MAX_LINES:
        raise ValidationError({"lines": _("At most %(n)d lines.") % {"n": MAX_LINES}})
    for index, line_values in enumerate(given):
        try:
            _check_line(line_values)
        except ValidationError as exc:
            raise ValidationError(
                {f"lines.{index}.{name}": messages for name, messages in exc.message_dict.items()}
            ) from None
    with transaction.atomic():
        entry = ImportEntry(created_by=author(user))
        _apply_entry(entry, values)
        entry.number = _next_number("IM", values.declared_on.year)
        _save(entry, user, "created")
        for position, line_values in enumerate(given, start=1):
            line = ImportLine(entry=entry, position=position)
            _apply_line(line, line_values)
            _save(line, user, "created")
        _recompute(entry, user, "computed")
    return entry


def update_entry(*, entry: ImportEntry, values: EntryValues, user: Actor) -> ImportEntry:
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    _check_entry(values)
    with transaction.atomic():
        _apply_entry(entry, values)
        _reopen(entry)
        _recompute(entry, user, "declaration changed")
    return entry


def _reopen(entry: ImportEntry) -> None:
    """A change after the check: the entry is to check again."""
    if entry.status == ImportEntry.Status.CHECKED:
        entry.status = ImportEntry.Status.DRAFT
        entry.checked_on = None


def save_line(
    *, entry: ImportEntry, values: LineValues, user: Actor, line: ImportLine | None = None
) -> ImportLine:
    """Add a line to the declaration, or correct one; the whole entry is computed again."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    _check_line(values)
    with transaction.atomic():
        if line is None:
            if entry.lines.count() >= MAX_LINES:
                raise ValidationError(_("At most %(n)d lines.") % {"n": MAX_LINES})
            last = entry.lines.order_by("-position").values_list("position", flat=True).first()
            line = ImportLine(entry=entry, position=(last or 0) + 1)
        _apply_line(line, values)
        _save(line, user, "line saved")
        _reopen(entry)
        _recompute(entry, user, "line saved")
    return line


def delete_line(*, line: ImportLine, user: Actor) -> None:
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    entry = line.entry
    with transaction.atomic():
        stamp(line, user, "line removed")
        line.delete()
        _reopen(entry)
        _recompute(entry, user, "line removed")


def entry_from_shipment(*, shipment: Shipment, values: EntryValues, user: Actor) -> ImportEntry:
    """A declaration prefilled from an inbound shipment's lines: CN code from the product
    (or the line's HS code), origin, quantity, net mass, value in the shipment's currency."""
    from comptoir.shipping import selectors as shipping_selectors

    if shipment.direction != "import":
        raise ValidationError({"shipment": _("Choose an inbound shipment (direction: import).")})
    lines: list[LineValues] = []
    for ship_line in shipping_selectors.lines(shipment):
        product = ship_line.product
        code = (product.cn8 if product is not None else "") or ship_line.hs_code
        code = "".join(ch for ch in code if ch.isdigit())
        if len(code) == 6:
            code += "00"
        lines.append(
            LineValues(
                product=product,
                description=ship_line.description,
                cn_code=code,
                origin=ship_line.origin_country or shipment.origin_country,
                quantity=ship_line.quantity,
                net_mass_kg=ship_line.net_weight_kg,
                invoice_amount=ship_line.value,
            )
        )
    given = EntryValues(
        **{
            **{f: getattr(values, f) for f in values.__dataclass_fields__},
            "shipment": shipment,
            "incoterm": values.incoterm or shipment.incoterm,
            "supplier": values.supplier or shipment.partner,
            "broker": values.broker or shipment.customs_broker,
        }
    )
    return create_entry(values=given, lines=lines, user=user)


def record_broker(*, entry: ImportEntry, values: BrokerValues, user: Actor) -> ImportEntry:
    """The broker's declaration figures (DAU/H1): MRN, date, totals and, where given, the
    figures per item; the entry then lists the differences with our computation."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    errors: dict[str, str] = {}
    mrn = ""
    if values.mrn.strip():
        try:
            mrn = mrn_rules.validate_mrn(values.mrn)
        except TradeInputError as exc:
            errors["mrn"] = _message(exc)
    if values.declared_on and values.declared_on > local_today():
        errors["declared_on"] = _("The date cannot be in the future.")
    for name in ("customs_value", "duty", "anti_dumping", "vat", "broker_fees"):
        value = getattr(values, name)
        if value is not None and value < 0:
            errors[name] = _("The amount must not be negative.")
    positions = dict(entry.lines.values_list("position", "pk"))
    for figures in values.lines:
        if figures.position not in positions:
            errors["lines"] = _("The declaration has no item %(n)d.") % {"n": figures.position}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry.mrn = mrn
        entry.broker_declared_on = values.declared_on
        entry.broker_customs_value = values.customs_value
        entry.broker_duty = values.duty
        entry.broker_anti_dumping = values.anti_dumping
        entry.broker_vat = values.vat
        if values.broker_fees is not None:
            entry.broker_fees = values.broker_fees
        for figures in values.lines:
            line = entry.lines.get(pk=positions[figures.position])
            line.broker_customs_value = figures.customs_value
            line.broker_duty = figures.duty
            line.broker_anti_dumping = figures.anti_dumping
            line.broker_vat = figures.vat
            _save(line, user, "broker's figures")
        _reopen(entry)
        _recompute(entry, user, "broker's figures")
    return entry


def set_check(*, entry: ImportEntry, status: str, note: str, user: Actor) -> ImportEntry:
    """Mark the entry checked (our figures agree, or the differences are explained) or
    disputed with the broker (the note says what to correct)."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    if status not in (ImportEntry.Status.CHECKED, ImportEntry.Status.DISPUTED):
        raise ValidationError({"status": _("Choose checked or disputed.")})
    if not entry.has_broker_figures:
        raise ValidationError(_("Enter the broker's figures first."))
    differences = selectors.differences(entry)
    beyond = [d for d in differences if not d.within_tolerance]
    if status == ImportEntry.Status.CHECKED and beyond and not note.strip():
        raise ValidationError(
            {"note": _("Some differences exceed the tolerance: explain them to mark it checked.")}
        )
    if status == ImportEntry.Status.DISPUTED and not note.strip():
        raise ValidationError({"note": _("Say what the broker must correct.")})
    with transaction.atomic():
        entry.status = status
        entry.status_note = note.strip()
        entry.checked_on = local_today()
        _save(entry, user, f"marked {status}")
    return entry


# ============================================================== export declarations


def _check_export(values: ExportValues, shipment: Shipment) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    mrn = office = exit_office = ""
    if shipment.direction != "export":
        errors["shipment"] = _("An export declaration is for an outbound shipment.")
    elif shipment.destination_country in EU_MEMBER_STATES:
        errors["shipment"] = _(
            "The goods stay in the EU: no export declaration (intra-EU supply, art. 262 ter I CGI)."
        )
    try:
        mrn = mrn_rules.validate_mrn(values.mrn)
    except TradeInputError as exc:
        errors["mrn"] = _message(exc)
    try:
        office = mrn_rules.validate_office(values.office_of_export, "office_of_export")
    except TradeInputError as exc:
        errors["office_of_export"] = _message(exc)
    if values.office_of_exit.strip():
        try:
            exit_office = mrn_rules.validate_office(values.office_of_exit, "office_of_exit")
        except TradeInputError as exc:
            errors["office_of_exit"] = _message(exc)
    if values.declared_on > local_today():
        errors["declared_on"] = _("The date cannot be in the future.")
    if mrn and office and mrn[2:4] != office[:2]:
        errors["mrn"] = _(
            "The MRN was given in %(mrn)s but the office of export is in %(office)s."
        ) % {"mrn": mrn[2:4], "office": office[:2]}
    if errors:
        raise ValidationError(errors)
    return mrn, office, exit_office


def create_export(*, shipment: Shipment, values: ExportValues, user: Actor) -> ExportDeclaration:
    """Record the export declaration of an outbound shipment (its MRN checked)."""
    require(user, Action.CREATE, Record.CUSTOMS_DECLARATION)
    mrn, office, exit_office = _check_export(values, shipment)
    if ExportDeclaration.objects.filter(mrn=mrn).exists():
        raise ValidationError({"mrn": _("This MRN is already recorded.")})
    with transaction.atomic():
        declaration = ExportDeclaration(
            shipment=shipment,
            mrn=mrn,
            office_of_export=office,
            office_of_exit=exit_office,
            declared_on=values.declared_on,
            invoice_reference=values.invoice_reference.strip()[:60],
            notes=values.notes.strip(),
            created_by=author(user),
        )
        _save(declaration, user, "declared")
    return declaration


def record_exit(
    *,
    declaration: ExportDeclaration,
    values: ExitValues,
    user: Actor,
    upload: UploadedFile | None = None,
) -> ExportDeclaration:
    """The proof of exit: the date the goods left the EU and the document (the ECS exit
    notice, or an alternative proof), which justifies the VAT exemption (CGI art. 262 I)."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    errors: dict[str, str] = {}
    if values.exit_confirmed_on < declaration.declared_on:
        errors["exit_confirmed_on"] = _("The goods cannot leave before they are declared.")
    if values.exit_confirmed_on > local_today():
        errors["exit_confirmed_on"] = _("The date cannot be in the future.")
    if values.exit_evidence not in ("exit_notice", "alternative"):
        errors["exit_evidence"] = _("Choose the kind of proof.")
    exit_office = declaration.office_of_exit
    if values.office_of_exit.strip():
        try:
            exit_office = mrn_rules.validate_office(values.office_of_exit, "office_of_exit")
        except TradeInputError as exc:
            errors["office_of_exit"] = _message(exc)
    content_type = ""
    if upload is not None:
        try:
            content_type = check_upload(upload)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if values.exit_evidence == "alternative" and upload is None and not declaration.proof_file:
        errors["file"] = _("An alternative proof is kept as a document: attach it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        declaration.exit_confirmed_on = values.exit_confirmed_on
        declaration.exit_evidence = values.exit_evidence
        declaration.office_of_exit = exit_office
        if upload is not None:
            declaration.proof_file.save(upload.name or "proof", upload, save=False)
            declaration.proof_name = (upload.name or "proof")[:200]
            declaration.proof_content_type = content_type
        _save(declaration, user, "exit confirmed")
        if declaration.task is not None:
            parties.close_tasks(tasks=[declaration.task], user=user, reason="proof of exit")
    return declaration


# ================================================================== ATA carnets


def _check_items(items: Iterable[CarnetItemValues], prefix: str = "items") -> None:
    errors: dict[str, str] = {}
    for index, item in enumerate(items):
        if not item.description.strip():
            errors[f"{prefix}.{index}.description"] = _("Describe the goods.")
        if item.quantity <= 0:
            errors[f"{prefix}.{index}.quantity"] = _("The quantity must be greater than zero.")
        if item.value < 0:
            errors[f"{prefix}.{index}.value"] = _("The amount must not be negative.")
        origin = _country(item.origin)
        if len(origin) != 2 or not origin.isalpha():
            errors[f"{prefix}.{index}.origin"] = _("The ISO code of the country, 2 letters.")
    if errors:
        raise ValidationError(errors)


def create_carnet(*, values: CarnetValues, user: Actor) -> Carnet:
    """An ATA carnet and its general list; valid one year at most from its issue."""
    require(user, Action.CREATE, Record.CUSTOMS_DECLARATION)
    errors: dict[str, str] = {}
    if not values.number.strip():
        errors["number"] = _("The carnet number is required.")
    elif Carnet.objects.filter(number=values.number.strip().upper()).exists():
        errors["number"] = _("This carnet is already recorded.")
    try:
        valid_until = special_procedures.carnet_expiry(values.issued_on, values.valid_until)
    except TradeInputError as exc:
        errors[exc.field or "valid_until"] = _message(exc)
        valid_until = values.issued_on
    if values.purpose not in ("exhibition", "professional", "samples"):
        errors["purpose"] = _("Choose the intended use.")
    if len(values.items) > MAX_LINES:
        errors["items"] = _("At most %(n)d lines.") % {"n": MAX_LINES}
    if errors:
        raise ValidationError(errors)
    _check_items(values.items)
    with transaction.atomic():
        carnet = Carnet(
            number=values.number.strip().upper()[:30],
            issuing_chamber=values.issuing_chamber.strip()[:120],
            holder=values.holder.strip()[:200],
            representative=values.representative.strip()[:200],
            purpose=values.purpose,
            event=values.event.strip()[:200],
            issued_on=values.issued_on,
            valid_until=valid_until,
            vouchers_bought=values.vouchers_bought,
            handled_by=values.handled_by,
            notes=values.notes.strip(),
        )
        _save(carnet, user, "issued")
        for position, item in enumerate(values.items, start=1):
            _save(_item(carnet, position, item), user, "general list")
    return carnet


def _item(carnet: Carnet, position: int, values: CarnetItemValues) -> CarnetItem:
    return CarnetItem(
        carnet=carnet,
        position=position,
        description=values.description.strip()[:300],
        marks=values.marks.strip()[:200],
        quantity=values.quantity,
        weight_kg=values.weight_kg,
        value=values.value,
        origin=_country(values.origin),
    )


def add_carnet_item(*, carnet: Carnet, values: CarnetItemValues, user: Actor) -> CarnetItem:
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    if carnet.visits.exists():
        raise ValidationError(
            _("The goods have travelled: the general list cannot change any more.")
        )
    if carnet.items.count() >= MAX_LINES:
        raise ValidationError(_("At most %(n)d lines.") % {"n": MAX_LINES})
    _check_items([values])
    with transaction.atomic():
        last = carnet.items.order_by("-position").values_list("position", flat=True).first()
        item = _item(carnet, (last or 0) + 1, values)
        _save(item, user, "general list")
    return item


def record_visit(*, carnet: Carnet, values: VisitValues, user: Actor) -> CarnetVisit:
    """A country the goods enter under the carnet (and leave): vouchers are counted."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    errors: dict[str, str] = {}
    country = _country(values.country)
    if len(country) != 2 or not country.isalpha():
        errors["country"] = _("The ISO code of the country, 2 letters.")
    elif country in EU_MEMBER_STATES:
        errors["country"] = _("Within the EU the goods travel without the carnet's vouchers.")
    if values.entered_on < carnet.issued_on or values.entered_on > carnet.valid_until:
        errors["entered_on"] = _("The carnet is valid from %(start)s to %(end)s.") % {
            "start": formats.date_format(carnet.issued_on, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(carnet.valid_until, "SHORT_DATE_FORMAT"),
        }
    if values.left_on is not None and values.left_on < values.entered_on:
        errors["left_on"] = _("The goods cannot leave before they enter.")
    used = sum(carnet.visits.values_list("vouchers_used", flat=True)) + values.vouchers_used
    if carnet.vouchers_bought and used > carnet.vouchers_bought:
        errors["vouchers_used"] = _(
            "Only %(n)d vouchers were bought with this carnet: ask the chamber for more."
        ) % {"n": carnet.vouchers_bought}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        visit = CarnetVisit(
            carnet=carnet,
            country=country,
            entered_on=values.entered_on,
            left_on=values.left_on,
            vouchers_used=values.vouchers_used,
            office=values.office.strip()[:120],
        )
        _save(visit, user, "visit")
    return visit


def record_return(
    *, carnet: Carnet, returned: dict[int, Decimal], on: dt.date, user: Actor
) -> Carnet:
    """Re-entry into the EU checked item by item: ``returned`` gives, per item number, the
    quantity now back. When every item is back the carnet is closed."""
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    items = {item.position: item for item in carnet.items.all()}
    errors: dict[str, str] = {}
    if on < carnet.issued_on:
        errors["on"] = _("The goods cannot come back before the carnet is issued.")
    if on > local_today():
        errors["on"] = _("The date cannot be in the future.")
    for position, quantity in returned.items():
        item = items.get(position)
        if item is None:
            errors[f"item_{position}"] = _("The carnet has no item %(n)d.") % {"n": position}
        elif quantity < 0 or item.returned_quantity + quantity > item.quantity:
            errors[f"item_{position}"] = _("Item %(n)d: at most %(max)s more can come back.") % {
                "n": position,
                "max": formats.number_format(item.missing),
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for position, quantity in returned.items():
            if not quantity:
                continue
            item = items[position]
            item.returned_quantity += quantity
            item.returned_on = on
            _save(item, user, "back in the EU")
        if all(item.missing == 0 for item in items.values()):
            carnet.status = Carnet.Status.CLOSED
            _save(carnet, user, "every item back")
            if carnet.task is not None:
                parties.close_tasks(tasks=[carnet.task], user=user, reason="every item back")
    return carnet


# ============================================================ special procedures


def create_procedure(*, values: ProcedureValues, user: Actor) -> SpecialProcedure:
    """Goods sent under a special procedure: the date they must be back by (the one given,
    or three years for returned goods relief, UCC art. 203)."""
    require(user, Action.CREATE, Record.CUSTOMS_DECLARATION)
    errors: dict[str, str] = {}
    if values.kind not in ProcedureKind.values:
        errors["kind"] = _("Choose the procedure.")
    country = _country(values.country)
    if len(country) != 2 or not country.isalpha():
        errors["country"] = _("The ISO code of the country, 2 letters.")
    if values.quantity <= 0:
        errors["quantity"] = _("The quantity must be greater than zero.")
    if values.value < 0:
        errors["value"] = _("The amount must not be negative.")
    expected = values.expected_return_on
    if values.kind in (ProcedureKind.REPAIR, ProcedureKind.EXHIBITION) and expected is None:
        errors["expected_return_on"] = _("Say when the goods must be back.")
    if values.kind == ProcedureKind.RETURNED_GOODS:
        limit = special_procedures.returned_goods_deadline(values.exported_on)
        expected = min(expected or limit, limit)
    if expected is not None and expected < values.exported_on:
        errors["expected_return_on"] = _("The return cannot be before the export.")
    mrn = ""
    if values.export_mrn.strip():
        try:
            mrn = mrn_rules.validate_mrn(values.export_mrn, "export_mrn")
        except TradeInputError as exc:
            errors["export_mrn"] = _message(exc)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        procedure = SpecialProcedure(
            kind=values.kind,
            shipment=values.shipment,
            description=values.description.strip()[:300],
            quantity=values.quantity,
            value=values.value,
            country=country,
            export_mrn=mrn,
            exported_on=values.exported_on,
            expected_return_on=None if values.kind == ProcedureKind.SAMPLES else expected,
            handled_by=values.handled_by,
            notes=values.notes.strip(),
        )
        _save(procedure, user, "created")
    return procedure


def procedure_returned(
    *, procedure: SpecialProcedure, on: dt.date, document: str, user: Actor
) -> SpecialProcedure:
    require(user, Action.CHANGE, Record.CUSTOMS_DECLARATION)
    if procedure.kind == ProcedureKind.SAMPLES:
        raise ValidationError(_("Samples without commercial value do not come back."))
    if on < procedure.exported_on or on > local_today():
        raise ValidationError({"on": _("The date is not between the export and today.")})
    with transaction.atomic():
        procedure.returned_on = on
        procedure.return_document = document.strip()[:120]
        _save(procedure, user, "back")
        if procedure.task is not None:
            parties.close_tasks(tasks=[procedure.task], user=user, reason="back")
    return procedure


# ====================================================================== daily job


def _assignee(*candidates: User | None) -> User | None:
    for user in candidates:
        if user is not None and user.is_active:
            return user
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__role__in=[Role.MANAGER, Role.ADMINISTRATOR])
        .order_by("pk")
        .first()
    )


def _task(assignee: User, title: Callable[[], str], due: dt.date, url: str) -> Any:
    """A task in the assignee's language (``title`` is called under it)."""
    language = getattr(getattr(assignee, "profile", None), "language", "") or "fr"
    with translation.override(language):
        text = title()
    return parties.open_task(title=text[:200], due=due, assigned_to=assignee, user=None, notes=url)


def _exit_title(declaration: ExportDeclaration) -> str:
    return _(
        "Export %(mrn)s (shipment %(shipment)s): no proof of exit after %(days)d days — ask "
        "the forwarder for the exit notice (VAT exemption, CGI art. 262 I)"
    ) % {"mrn": declaration.mrn, "shipment": declaration.shipment, "days": PROOF_OF_EXIT_DAYS}


def _carnet_title(carnet: Carnet) -> str:
    return _(
        "ATA carnet %(number)s expires on %(day)s with goods not back: re-import them or "
        "regularise with the chamber of commerce"
    ) % {
        "number": carnet.number,
        "day": formats.date_format(carnet.valid_until, "SHORT_DATE_FORMAT"),
    }


def _procedure_title(procedure: SpecialProcedure, today: dt.date) -> str:
    return _("%(goods)s (%(kind)s) should have been back by %(day)s") % {
        "goods": procedure.description[:80],
        "kind": procedure.get_kind_display(),
        "day": formats.date_format(procedure.expected_return_on or today, "SHORT_DATE_FORMAT"),
    }


def chase_customs(day: dt.date | None = None) -> int:
    """The daily job: a task for each export still without its proof of exit 30 days after
    its declaration, each carnet expiring with goods still abroad (and those expired: marked
    to regularise), each temporary export not back by its date. One task per record."""
    today = day or local_today()
    count = 0
    with transaction.atomic():
        for declaration in selectors.exports_without_proof(today).filter(task__isnull=True):
            assignee = _assignee(declaration.created_by, declaration.shipment.created_by)
            if assignee is None:
                continue
            declaration.task = _task(
                assignee,
                partial(_exit_title, declaration),
                today,
                declaration.get_absolute_url(),
            )
            _save(declaration, None, "proof of exit chased")
            count += 1
        soon = today + dt.timedelta(days=CARNET_REMINDER_DAYS)
        for carnet in selectors.carnets_with_goods_abroad().filter(valid_until__lte=soon):
            if carnet.valid_until < today and carnet.status == Carnet.Status.OPEN:
                carnet.status = Carnet.Status.CLAIMED
                _save(carnet, None, "expired with goods abroad")
            if carnet.task is not None:
                continue
            assignee = _assignee(carnet.handled_by)
            if assignee is None:
                continue
            carnet.task = _task(
                assignee,
                partial(_carnet_title, carnet),
                min(today, carnet.valid_until),
                carnet.get_absolute_url(),
            )
            _save(carnet, None, "goods abroad at expiry")
            count += 1
        for procedure in selectors.procedures_overdue(today).filter(task__isnull=True):
            assignee = _assignee(procedure.handled_by)
            if assignee is None:
                continue
            procedure.task = _task(
                assignee,
                partial(_procedure_title, procedure, today),
                today,
                reverse("customs:procedure_list"),
            )
            _save(procedure, None, "not back in time")
            count += 1
    return count
