"""A forwarder's status report (CSV or XLSX) read into tracking events.

Forwarders, carriers and couriers send the status of the shipments they carry as a table:
one row per event, with a reference, a date and a status. No two of them name their columns
alike, so the columns are recognised by their header in French or English (``N° B/L``,
``Container``, ``Date/heure``, ``Statut``, ``UN/LOCODE``...), the other columns are left
aside and said so.

Each row is read on its own (:func:`read_report`): the shipment it concerns (our shipment
number, its B/L, AWB or CMR number, a container, or the reference), the moment (with its
time zone, or in the zone chosen for the file), the step it reaches when its status says one
(:func:`step_for`: ``Gate in``, ``Loaded on vessel``/``LOD``, ``Departed``/``DEP``,
``Arrived``/``ARR``, ``Discharged``, ``Customs cleared``, ``Delivered``/``DLV``, ``POD`` and
their French words; an estimated, delayed or failed event reaches no step). Then the rows are
played shipment by shipment in time order against what the shipment already knows
(:func:`plan_import`): a step is dated by its first event, a step dated before an earlier
step (or after a later one) is refused with the rule, an event already there is skipped.
The same plan gives the preview and, inside the service's transaction, the writes
(:func:`comptoir.shipping.services.import_status_report`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.documents import tabular
from comptoir.trade import containers as iso6346

from .models import STEPS_IN_ORDER, Container, Milestone, Shipment, Step, TrackingEvent

#: Largest status report file accepted (bytes); rows are bounded by ``tabular.MAX_ROWS``.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Rows one report may hold (the header aside).
MAX_ROWS = tabular.MAX_ROWS
#: A date without a time is taken at noon in its zone (the day stays the same anywhere).
DATE_ONLY_TIME = dt.time(12, 0)
#: Pseudo-step of a customs clearance that does not say export or import: before the
#: departure it is the export clearance, after it the import clearance.
CLEARANCE = "clearance"

_FINAL = {Shipment.Status.CLOSED, Shipment.Status.CANCELLED}

# --------------------------------------------------------------------------- columns

#: Words that only say "number" around a column's name (``N° B/L``, ``Container no.``).
_FILLER = {"n", "no", "nr", "num", "numero", "number", "nbr", "nb", "de", "du", "d", "of", "the"}


def normalise(text: str) -> str:
    """Lower case, without accents, punctuation as spaces: ``N° B/L`` -> ``n b l``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    plain = plain.replace("°", " ").replace("º", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _header_key(header: str) -> str:
    return " ".join(w for w in normalise(header).split() if w not in _FILLER)


#: Column -> the headers that name it (written as :func:`_header_key` gives them).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "shipment": (
        "shipment",
        "our shipment",
        "shipment id",
        "expedition",
        "notre expedition",
        "dossier",
        "file",
        "job",
        "comptoir",
    ),
    "transport_document": (
        "b l",
        "bl",
        "hbl",
        "mbl",
        "bill lading",
        "house bill lading",
        "master bill lading",
        "connaissement",
        "awb",
        "mawb",
        "hawb",
        "air waybill",
        "lta",
        "lettre transport aerien",
        "cmr",
        "lettre voiture",
        "transport document",
        "document transport",
        "b l awb cmr",
        "bl awb cmr",
        "tracking",
        "tracking id",
        "suivi",
        "consignment",
        "waybill",
    ),
    "container": (
        "container",
        "conteneur",
        "containeur",
        "cntr",
        "ctr",
        "container id",
        "equipment",
        "equipement",
    ),
    "reference": (
        "reference",
        "ref",
        "your reference",
        "votre reference",
        "customer reference",
        "client reference",
        "reference client",
        "ref client",
        "shipper reference",
        "reference expediteur",
        "order",
        "commande",
        "po",
        "purchase order",
    ),
    "datetime": (
        "date",
        "date time",
        "datetime",
        "date heure",
        "date et heure",
        "event date",
        "event date time",
        "date evenement",
        "date statut",
        "status date",
        "actual date",
        "date reelle",
        "timestamp",
        "horodatage",
        "when",
        "quand",
    ),
    "time": ("time", "heure", "hour", "event time", "heure evenement", "local time"),
    "time_zone": ("time zone", "timezone", "tz", "fuseau", "fuseau horaire", "utc offset"),
    "code": (
        "code",
        "status code",
        "code statut",
        "event code",
        "code evenement",
        "edi code",
        "milestone code",
    ),
    "status": (
        "status",
        "statut",
        "event",
        "evenement",
        "milestone",
        "etape",
        "activity",
        "activite",
        "description",
        "libelle",
        "status description",
        "event description",
        "description evenement",
        "libelle statut",
    ),
    "place": (
        "place",
        "location",
        "lieu",
        "city",
        "ville",
        "port",
        "airport",
        "aeroport",
        "localisation",
        "site",
        "terminal",
        "event location",
        "lieu evenement",
    ),
    "locode": (
        "un locode",
        "locode",
        "unlocode",
        "location code",
        "code lieu",
        "port code",
        "code port",
    ),
    "remarks": (
        "remarks",
        "remark",
        "remarques",
        "remarque",
        "comments",
        "comment",
        "commentaire",
        "commentaires",
        "observations",
        "observation",
        "notes",
        "note",
        "details",
        "detail",
        "info",
        "information",
        "informations",
    ),
    "eta": (
        "eta",
        "new eta",
        "nouvelle eta",
        "estimated arrival",
        "estimated time arrival",
        "arrivee prevue",
        "date arrivee prevue",
    ),
}
_ALIAS_TO_COLUMN = {
    alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}
#: Columns that name the shipment, tried in this order.
IDENTIFIERS = ("shipment", "transport_document", "container", "reference")


def column_labels() -> dict[str, str]:
    """Each column in the user's words, for the import page and the errors."""
    return {
        "shipment": _("shipment no."),
        "transport_document": _("B/L, AWB or CMR no."),
        "container": _("container"),
        "reference": _("reference"),
        "datetime": _("date and time"),
        "time": _("time"),
        "time_zone": _("time zone"),
        "code": _("status code"),
        "status": _("status"),
        "place": _("place"),
        "locode": _("UN/LOCODE"),
        "remarks": _("remarks"),
        "eta": _("ETA"),
    }


def recognise_columns(header: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The columns recognised (column -> header as written) and the headers left aside."""
    found: dict[str, str] = {}
    ignored: list[str] = []
    for name in header:
        if not name:
            continue
        column = _ALIAS_TO_COLUMN.get(_header_key(name))
        if column is None or column in found:
            ignored.append(name)
        else:
            found[column] = name
    return found, ignored


# --------------------------------------------------------------------------- statuses

S = Step
#: Status codes read whole (IATA Cargo-IMP/FSU, DCSA track and trace, usual short codes).
STATUS_CODES: dict[str, str] = {
    "rdy": S.READY,
    "pu": S.PICKUP,
    "pup": S.PICKUP,
    "pkp": S.PICKUP,
    "col": S.PICKUP,
    "rcs": S.PICKUP,  # IATA: received from shipper
    "gtin": S.PICKUP,  # DCSA: gate in (full, at the terminal of loading)
    "exc": S.EXPORT_CLEARANCE,
    "lod": S.DEPARTURE,
    "load": S.DEPARTURE,  # DCSA: loaded
    "aboard": S.DEPARTURE,
    "dep": S.DEPARTURE,  # IATA: departed
    "depa": S.DEPARTURE,  # DCSA: departed
    "vd": S.DEPARTURE,  # EDI 315: vessel departure
    "ts": S.TRANSHIPMENT,
    "t s": S.TRANSHIPMENT,
    "tsp": S.TRANSHIPMENT,
    "tfd": S.TRANSHIPMENT,  # IATA: transferred to another carrier
    "arr": S.ARRIVAL,  # IATA: arrived
    "arri": S.ARRIVAL,  # DCSA: arrived
    "rcf": S.ARRIVAL,  # IATA: received from flight
    "va": S.ARRIVAL,  # EDI 315: vessel arrival
    "disc": S.ARRIVAL,  # DCSA: discharged
    "dis": S.ARRIVAL,
    "uv": S.ARRIVAL,  # EDI 315: unloaded from vessel
    "ccd": CLEARANCE,  # IATA: customs cleared
    "clr": CLEARANCE,
    "bae": CLEARANCE,  # French customs: "bon à enlever"
    "imc": S.IMPORT_CLEARANCE,
    "dlv": S.DELIVERY,  # IATA: delivered
    "del": S.DELIVERY,
    "d1": S.DELIVERY,  # EDI 214: delivered
    "pod": S.PROOF_OF_DELIVERY,
}

#: Phrases found inside a status text (whole words), longest first when matched.
STATUS_PHRASES: dict[str, str] = {
    # goods ready
    "cargo ready": S.READY,
    "goods ready": S.READY,
    "ready for pickup": S.READY,
    "ready for collection": S.READY,
    "marchandise prete": S.READY,
    "marchandises pretes": S.READY,
    "prete a enlever": S.READY,
    "pret a enlever": S.READY,
    "mise a disposition": S.READY,
    # picked up / received by the carrier
    "picked up": S.PICKUP,
    "pick up": S.PICKUP,
    "pickup": S.PICKUP,
    "collected": S.PICKUP,
    "gate in": S.PICKUP,
    "gated in": S.PICKUP,
    "received from shipper": S.PICKUP,
    "cargo received": S.PICKUP,
    "received at warehouse": S.PICKUP,
    "enlevement": S.PICKUP,
    "enleve": S.PICKUP,
    "enlevee": S.PICKUP,
    "enlevees": S.PICKUP,
    "enleves": S.PICKUP,
    "ramasse": S.PICKUP,
    "ramassage": S.PICKUP,
    "pris en charge": S.PICKUP,
    "prise en charge": S.PICKUP,
    "entree terminal": S.PICKUP,
    # export clearance
    "export cleared": S.EXPORT_CLEARANCE,
    "export clearance": S.EXPORT_CLEARANCE,
    "export customs cleared": S.EXPORT_CLEARANCE,
    "export declaration": S.EXPORT_CLEARANCE,
    "export released": S.EXPORT_CLEARANCE,
    "dedouane export": S.EXPORT_CLEARANCE,
    "dedouanee export": S.EXPORT_CLEARANCE,
    "dedouanement export": S.EXPORT_CLEARANCE,
    "declaration export": S.EXPORT_CLEARANCE,
    "bae export": S.EXPORT_CLEARANCE,
    # departure
    "loaded on vessel": S.DEPARTURE,
    "loaded on board": S.DEPARTURE,
    "shipped on board": S.DEPARTURE,
    "on board": S.DEPARTURE,
    "loaded": S.DEPARTURE,
    "vessel departure": S.DEPARTURE,
    "vessel departed": S.DEPARTURE,
    "flight departed": S.DEPARTURE,
    "departed": S.DEPARTURE,
    "departure": S.DEPARTURE,
    "sailed": S.DEPARTURE,
    "dispatched": S.DEPARTURE,
    "depart": S.DEPARTURE,
    "parti": S.DEPARTURE,
    "partie": S.DEPARTURE,
    "charge a bord": S.DEPARTURE,
    "charge": S.DEPARTURE,
    "chargee": S.DEPARTURE,
    "embarque": S.DEPARTURE,
    "embarquee": S.DEPARTURE,
    "appareille": S.DEPARTURE,
    "expedie": S.DEPARTURE,
    "expediee": S.DEPARTURE,
    # transhipment
    "transhipment": S.TRANSHIPMENT,
    "transshipment": S.TRANSHIPMENT,
    "transhipped": S.TRANSHIPMENT,
    "transshipped": S.TRANSHIPMENT,
    "transbordement": S.TRANSHIPMENT,
    "transborde": S.TRANSHIPMENT,
    "transbordee": S.TRANSHIPMENT,
    # arrival
    "vessel arrival": S.ARRIVAL,
    "vessel arrived": S.ARRIVAL,
    "flight arrived": S.ARRIVAL,
    "received from flight": S.ARRIVAL,
    "arrived": S.ARRIVAL,
    "arrival": S.ARRIVAL,
    "discharged": S.ARRIVAL,
    "unloaded": S.ARRIVAL,
    "arrive": S.ARRIVAL,
    "arrivee": S.ARRIVAL,
    "arrivees": S.ARRIVAL,
    "decharge": S.ARRIVAL,
    "dechargee": S.ARRIVAL,
    "debarque": S.ARRIVAL,
    "debarquee": S.ARRIVAL,
    "accoste": S.ARRIVAL,
    # customs (export or import by the departure)
    "customs cleared": CLEARANCE,
    "cleared customs": CLEARANCE,
    "customs released": CLEARANCE,
    "released by customs": CLEARANCE,
    "customs clearance completed": CLEARANCE,
    "cleared": CLEARANCE,
    "dedouane": CLEARANCE,
    "dedouanee": CLEARANCE,
    "dedouanement": CLEARANCE,
    "mainlevee": CLEARANCE,
    "bon a enlever": CLEARANCE,
    "import cleared": S.IMPORT_CLEARANCE,
    "import clearance": S.IMPORT_CLEARANCE,
    "import customs cleared": S.IMPORT_CLEARANCE,
    "released for free circulation": S.IMPORT_CLEARANCE,
    "dedouane import": S.IMPORT_CLEARANCE,
    "dedouanee import": S.IMPORT_CLEARANCE,
    "dedouanement import": S.IMPORT_CLEARANCE,
    "mise en libre pratique": S.IMPORT_CLEARANCE,
    # delivery
    "delivered": S.DELIVERY,
    "delivery completed": S.DELIVERY,
    "livre": S.DELIVERY,
    "livree": S.DELIVERY,
    "livrees": S.DELIVERY,
    "livres": S.DELIVERY,
    "livraison effectuee": S.DELIVERY,
    # proof of delivery
    "pod": S.PROOF_OF_DELIVERY,
    "pod received": S.PROOF_OF_DELIVERY,
    "proof of delivery": S.PROOF_OF_DELIVERY,
    "signed cmr": S.PROOF_OF_DELIVERY,
    "cmr signed": S.PROOF_OF_DELIVERY,
    "preuve de livraison": S.PROOF_OF_DELIVERY,
    "recepisse": S.PROOF_OF_DELIVERY,
    "cmr emargee": S.PROOF_OF_DELIVERY,
    "bon de livraison signe": S.PROOF_OF_DELIVERY,
}
_PHRASES_LONGEST_FIRST = sorted(STATUS_PHRASES, key=lambda p: (-len(p.split()), -len(p)))

#: Words that make a status an announcement or a failure, not the step itself ("Estimated
#: arrival", "Delivery attempt failed", "Départ retardé", "Gate in empty").
NOT_DONE_WORDS = frozenset(
    "not failed failure attempt attempted planned expected estimated eta etd scheduled "
    "delay delayed pending awaiting waiting hold held blocked refused rejected cancelled "
    "canceled missed rolled empty booking booked "
    "non pas echec prevu prevue prevus prevues estime estimee retard retarde retardee "
    "tentative attente bloque bloquee refuse refusee annule annulee reporte reportee vide "
    "reservation reserve".split()
)
#: A status text is judged clause by clause ("Departed Le Havre - ETA 20/03": departure).
_CLAUSES = re.compile(r"\s[-–—]\s|[,;|()]|\.\s")


def _phrase_step(text: str) -> str:
    for clause in _CLAUSES.split(text):
        words = normalise(clause).split()
        if not words or NOT_DONE_WORDS.intersection(words):
            continue
        padded = f" {' '.join(words)} "
        for phrase in _PHRASES_LONGEST_FIRST:
            if f" {phrase} " in padded:
                return STATUS_PHRASES[phrase]
    return ""


def step_for(code: str, status: str = "") -> str:
    """The step a status reaches ('' for an event that dates no step).

    The code is read whole first (``DEP``, ``LOD``, ``DLV``...), then the words of the code
    and of the status text. ``clearance`` is returned for a customs release that does not
    say export or import (decided by the departure, :func:`plan_import`)."""
    key = normalise(code)
    if key in STATUS_CODES:
        return STATUS_CODES[key]
    whole = normalise(status)
    if whole in STATUS_CODES and len(whole) <= 5:
        return STATUS_CODES[whole]
    return _phrase_step(code) or _phrase_step(status)


# --------------------------------------------------------------------------- dates

_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2})[:h](\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2}|[a-z]{3,9}\.?)[/.-](\d{2}|\d{4})"
    r"(?:[T ,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"^(\d{1,2})[:h](\d{2})(?::(\d{2}))?$", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "janv", "janvier", "january"),
            ("feb", "fev", "fevr", "fevrier", "february"),
            ("mar", "mars", "march"),
            ("apr", "avr", "avril", "april"),
            ("may", "mai"),
            ("jun", "juin", "june"),
            ("jul", "juil", "juillet", "july"),
            ("aug", "aou", "aout", "august"),
            ("sep", "sept", "septembre", "september"),
            ("oct", "octobre", "october"),
            ("nov", "novembre", "november"),
            ("dec", "decembre", "december"),
        ],
        start=1,
    )
    for name in names
}
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, in the user's language."""


def _zone(text: str) -> dt.tzinfo | None:
    """A zone named in a cell: an IANA name (``Asia/Shanghai``), ``UTC`` or an offset."""
    text = text.strip()
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > dt.timedelta(hours=14):
            raise BadValue(_("“%(value)s” is not a time zone.") % {"value": text})
        return dt.timezone(-delta if sign == "-" else delta)
    try:
        return zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadValue(
            _("“%(value)s” is not a time zone: write e.g. Europe/Paris, Asia/Shanghai or +08:00.")
            % {"value": text}
        ) from None


def parse_moment(text: str, time_text: str, zone: dt.tzinfo) -> tuple[dt.datetime, bool]:
    """The moment a cell (and an optional time cell) gives, aware; and whether it had no
    time (then it is noon in its zone). Dates are ISO (2026-03-05) or day first
    (05/03/2026, 05.03.26, 05-MAR-2026); a zone or offset written in the cell wins over
    ``zone``."""
    raw = " ".join(text.split())
    match = _ISO.match(raw)
    if match:
        year, month, day, hour, minute, second, offset = match.groups()
    else:
        match = _DMY.match(raw)
        if not match:
            raise BadValue(
                _("“%(value)s” is not a date: write 2026-03-05 14:30 or 05/03/2026 14:30.")
                % {"value": text}
            )
        day, month, year, hour, minute, second, offset = match.groups()
        if not month.isdigit():
            month_number = _MONTHS.get(normalise(month))
            if month_number is None:
                raise BadValue(_("“%(value)s” is not a date: unknown month.") % {"value": text})
            month = str(month_number)
        if len(year) == 2:
            year = "20" + year
    if hour is None and time_text.strip():
        time_match = _TIME.match(time_text.strip())
        if not time_match:
            raise BadValue(_("“%(value)s” is not a time: write 14:30.") % {"value": time_text})
        hour, minute, second = time_match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        at = DATE_ONLY_TIME if hour is None else dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise BadValue(_("“%(value)s” is not a date.") % {"value": text}) from None
    tz = _zone(offset) if offset else zone
    assert tz is not None
    return dt.datetime.combine(date, at).replace(tzinfo=tz), hour is None


# --------------------------------------------------------------------------- reading


def container_problem(value: str) -> str:
    """Why a container number fails ISO 6346 ('' when it passes); the same words as
    :func:`comptoir.shipping.services.container_number`."""
    code = iso6346.normalise(value)
    if not re.fullmatch(r"[A-Z]{3}[UJZ]\d{7}", code):
        return _(
            "%(value)s is not a container number: 4 letters (owner code and U, J or Z) "
            "then 7 digits, e.g. MSCU1234566 (ISO 6346)."
        ) % {"value": value}
    expected = iso6346.check_digit(code[:10])
    if int(code[10]) != expected:
        return _(
            "%(value)s: the check digit should be %(expected)d, not %(given)s "
            "(ISO 6346): a character was probably mistyped."
        ) % {"value": code, "expected": expected, "given": code[10]}
    return ""


@dataclass(frozen=True)
class RowProblem:
    """A row not imported: its line in the file (the header is line 1), the column, why."""

    line: int
    column: str
    message: str


@dataclass
class ReportRow:
    """A row read: what it says, before it meets the shipment."""

    line: int
    identifier: tuple[str, str]  # (column, value as written)
    occurred_at: dt.datetime
    date_only: bool
    step: str  # a Step value, CLEARANCE or ''
    description: str
    location: str = ""
    locode: str = ""
    container_number: str = ""
    eta: dt.date | None = None
    shipment: Shipment | None = None


@dataclass
class PlannedEvent:
    """A row that will be imported, with the step it dates (if any)."""

    row: ReportRow
    step: str
    dates_step: bool

    @property
    def step_label(self) -> str:
        return str(Step(self.step).label) if self.step in STEPS_IN_ORDER else ""


@dataclass
class StatusReport:
    """What a report holds or did: the preview before importing, the report after."""

    filename: str
    time_zone: str
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    events: list[PlannedEvent] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    #: the file could not be read at all (no row was looked at)
    fatal: bool = False
    imported: int = 0
    shipments: int = 0
    steps_dated: int = 0

    @property
    def importable(self) -> int:
        return len(self.events)

    def as_dict(self) -> dict[str, object]:
        """The report as JSON (API, command line)."""
        return {
            "filename": self.filename,
            "time_zone": self.time_zone,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "rows_read": self.rows_read,
            "importable": self.importable,
            "imported": self.imported,
            "shipments": self.shipments,
            "steps_dated": self.steps_dated,
            "duplicates": self.duplicates,
            "errors": [
                {"line": p.line, "column": p.column, "message": p.message} for p in self.problems
            ],
            "events": [
                {
                    "line": e.row.line,
                    "shipment": str(e.row.shipment) if e.row.shipment else "",
                    "occurred_at": e.row.occurred_at.isoformat(),
                    "step": e.step,
                    "dates_step": e.dates_step,
                    "description": e.row.description,
                    "location": e.row.location,
                    "locode": e.row.locode,
                    "container": e.row.container_number,
                }
                for e in self.events[:200]
            ],
        }


def _cell(row: dict[str, str], columns: dict[str, str], column: str) -> str:
    header = columns.get(column)
    return row.get(header.strip().lower(), "").strip() if header else ""


def _read_row(
    line: int,
    row: dict[str, str],
    columns: dict[str, str],
    zone: dt.tzinfo,
    problems: list[RowProblem],
    labels: dict[str, str],
) -> ReportRow | None:
    errors: list[RowProblem] = []
    identifier = next(
        ((c, _cell(row, columns, c)) for c in IDENTIFIERS if _cell(row, columns, c)), None
    )
    if identifier is None:
        errors.append(
            RowProblem(
                line,
                labels["shipment"],
                _("No shipment no., B/L, AWB, CMR, container or reference on this row."),
            )
        )
    occurred_at, date_only = None, False
    raw_date = _cell(row, columns, "datetime")
    try:
        row_zone = _zone(_cell(row, columns, "time_zone")) or zone
    except BadValue as exc:
        errors.append(RowProblem(line, labels["time_zone"], str(exc)))
        row_zone = zone
    if not raw_date:
        errors.append(RowProblem(line, labels["datetime"], _("The date is missing.")))
    else:
        try:
            occurred_at, date_only = parse_moment(raw_date, _cell(row, columns, "time"), row_zone)
        except BadValue as exc:
            errors.append(RowProblem(line, labels["datetime"], str(exc)))
    if occurred_at is not None and occurred_at > timezone.now() + dt.timedelta(days=1):
        errors.append(
            RowProblem(line, labels["datetime"], _("An event cannot be dated in the future."))
        )
    code, status = _cell(row, columns, "code"), _cell(row, columns, "status")
    remarks = _cell(row, columns, "remarks")
    text = " ".join(part for part in (code if not status else "", status) if part) or remarks
    if not text:
        errors.append(RowProblem(line, labels["status"], _("Say what happened (status).")))
    description = text if not remarks or text == remarks else f"{text} — {remarks}"
    container = _cell(row, columns, "container")
    container_number = ""
    if container:
        container_number = iso6346.normalise(container)
        problem = container_problem(container)
        if problem:
            errors.append(RowProblem(line, labels["container"], problem))
    locode = _cell(row, columns, "locode").replace(" ", "").upper()
    if locode and not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", locode):
        errors.append(
            RowProblem(
                line,
                labels["locode"],
                _("%(value)s is not a UN/LOCODE (country and 3 letters, e.g. FRLEH).")
                % {"value": locode},
            )
        )
    eta = None
    if raw_eta := _cell(row, columns, "eta"):
        try:
            eta = parse_moment(raw_eta, "", row_zone)[0].date()
        except BadValue as exc:
            errors.append(RowProblem(line, labels["eta"], str(exc)))
    if errors:
        problems.extend(errors)
        return None
    assert identifier is not None and occurred_at is not None
    return ReportRow(
        line=line,
        identifier=identifier,
        occurred_at=occurred_at,
        date_only=date_only,
        step=step_for(code, status),
        description=description[:300],
        location=_cell(row, columns, "place")[:120],
        locode=locode,
        container_number=container_number,
        eta=eta,
    )


def read_report(stream: IO[bytes], filename: str, time_zone: str) -> StatusReport:
    """Read a status report file row by row (nothing is written)."""
    report = StatusReport(filename=filename, time_zone=time_zone)
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        report.fatal = True
        report.problems.append(
            RowProblem(
                0, _("time zone"), _("“%(value)s” is not a time zone.") % {"value": time_zone}
            )
        )
        return report
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        report.fatal = True
        report.problems.append(
            RowProblem(
                0,
                "",
                _("The file is larger than %(mb)s MB: split it into several files.")
                % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        )
        return report
    try:
        header, rows = tabular.read_table(io.BytesIO(raw), filename, max_rows=MAX_ROWS)
    except tabular.TableError as exc:
        report.fatal = True
        report.problems.append(RowProblem(0, "", str(exc)))
        return report
    report.columns, report.ignored_columns = recognise_columns(header)
    labels = column_labels()
    missing = []
    if not any(c in report.columns for c in IDENTIFIERS):
        missing.append(labels["shipment"] + " / " + labels["transport_document"])
    if "datetime" not in report.columns:
        missing.append(labels["datetime"])
    if "status" not in report.columns and "code" not in report.columns:
        missing.append(labels["status"])
    if missing:
        report.fatal = True
        report.problems.append(
            RowProblem(
                1,
                ", ".join(missing),
                _("Column(s) not found: %(cols)s. Columns read: %(found)s.")
                % {
                    "cols": ", ".join(missing),
                    "found": ", ".join(h for h in header if h) or "—",
                },
            )
        )
        return report
    parsed: list[ReportRow] = []
    for line, row in enumerate(rows, start=2):
        if not any(v.strip() for v in row.values()):
            continue
        report.rows_read += 1
        read = _read_row(line, row, report.columns, zone, report.problems, labels)
        if read is not None:
            parsed.append(read)
    _attach_shipments(parsed, report.problems)
    report.events = [PlannedEvent(row, row.step, False) for row in parsed if row.shipment]
    return report


# --------------------------------------------------------------------------- shipments


def _chunks(values: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-/.]", "", text).upper()


def _attach_shipments(rows: list[ReportRow], problems: list[RowProblem]) -> None:
    """Find each row's shipment in a few queries (by number, transport document, container,
    reference); a row whose shipment is unknown, ambiguous, closed or cancelled is refused."""
    labels = column_labels()
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        column, value = row.identifier
        wanted[column].add(
            value.upper()
            if column == "shipment"
            else _squeeze(value)
            if column == "transport_document"
            else iso6346.normalise(value)
            if column == "container"
            else value.lower()
        )
    found: dict[tuple[str, str], list[Shipment]] = defaultdict(list)
    for chunk in _chunks(wanted["shipment"]):
        for shipment in Shipment.objects.filter(number__in=chunk):
            found["shipment", (shipment.number or "").upper()].append(shipment)
    if wanted["transport_document"]:
        # B/L numbers are written with or without spaces and dashes: compare them squeezed.
        documents = Shipment.objects.exclude(transport_document_number="").exclude(
            status__in=_FINAL
        )
        keys = wanted["transport_document"]
        for shipment in documents.only("pk", "transport_document_number", "number", "status"):
            key = _squeeze(shipment.transport_document_number)
            if key in keys:
                found["transport_document", key].append(shipment)
    for chunk in _chunks(wanted["container"]):
        for container in (
            Container.objects.filter(number__in=chunk)
            .exclude(shipment__status__in=_FINAL)
            .select_related("shipment")
        ):
            found["container", container.number].append(container.shipment)
    for chunk in _chunks(wanted["reference"]):
        query = Q()
        for value in chunk:
            query |= Q(reference__iexact=value)
        for shipment in Shipment.objects.filter(query).exclude(status__in=_FINAL):
            found["reference", shipment.reference.lower()].append(shipment)
    by_pk: dict[int, Shipment] = {}
    for row in rows:
        column, value = row.identifier
        key = (
            value.upper()
            if column == "shipment"
            else _squeeze(value)
            if column == "transport_document"
            else iso6346.normalise(value)
            if column == "container"
            else value.lower()
        )
        matches = {s.pk: s for s in found.get((column, key), [])}
        if not matches:
            problems.append(
                RowProblem(
                    row.line,
                    labels[column],
                    _("No shipment under way has %(column)s “%(value)s”.")
                    % {"column": labels[column], "value": value},
                )
            )
            continue
        if len(matches) > 1:
            problems.append(
                RowProblem(
                    row.line,
                    labels[column],
                    _("%(count)d shipments have %(column)s “%(value)s”: give the shipment no.")
                    % {"count": len(matches), "column": labels[column], "value": value},
                )
            )
            continue
        shipment = by_pk.setdefault(*next(iter(matches.items())))
        if shipment.status in _FINAL:
            problems.append(
                RowProblem(
                    row.line,
                    labels[column],
                    _("Shipment %(shipment)s is %(status)s: no more events.")
                    % {"shipment": shipment, "status": shipment.get_status_display()},
                )
            )
            continue
        row.shipment = shipment


# --------------------------------------------------------------------------- the plan


@dataclass
class ShipmentChanges:
    """What importing does to one shipment: its milestones dated, its new status."""

    shipment: Shipment
    milestones: dict[str, Milestone]
    changed_steps: set[str] = field(default_factory=set)
    created_steps: set[str] = field(default_factory=set)
    eta: dt.date | None = None


@dataclass
class ImportPlan:
    report: StatusReport
    changes: dict[int, ShipmentChanges] = field(default_factory=dict)


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _order_problem(step: str, when: dt.datetime, milestones: dict[str, Milestone]) -> str | None:
    """The same rule as :func:`comptoir.shipping.services.record_event`: a step cannot happen
    before an earlier step, nor after a later one that already did."""
    rank = STEPS_IN_ORDER.index(step)
    for other in milestones.values():
        if other.actual_at is None or other.step == step:
            continue
        other_rank = STEPS_IN_ORDER.index(other.step)
        if (other_rank < rank and when < other.actual_at) or (
            other_rank > rank and when > other.actual_at
        ):
            return _(
                "%(step)s on %(when)s contradicts %(other)s on %(other_when)s: the steps "
                "of a shipment happen in order (ready, pick-up, clearance, departure, "
                "arrival, delivery)."
            ) % {
                "step": Step(step).label,
                "when": _when(when),
                "other": Step(other.step).label,
                "other_when": _when(other.actual_at),
            }
    return None


def _resolve_step(row: ReportRow, shipment: Shipment, milestones: dict[str, Milestone]) -> str:
    step = row.step
    if step == CLEARANCE:
        departure = milestones.get(Step.DEPARTURE.value)
        left = departure is not None and departure.actual_at is not None
        step = Step.IMPORT_CLEARANCE if left else Step.EXPORT_CLEARANCE
    # An arrival or a departure at a port that is neither the shipment's port of loading nor
    # its port (or place) of discharge is a transhipment.
    if row.locode and step == Step.ARRIVAL and shipment.discharge_locode:
        if row.locode not in {shipment.discharge_locode, shipment.delivery_locode}:
            step = Step.TRANSHIPMENT
    if row.locode and step == Step.DEPARTURE and shipment.loading_locode:
        if row.locode != shipment.loading_locode:
            step = Step.TRANSHIPMENT
    return str(step)


def plan_import(report: StatusReport) -> ImportPlan:
    """Play the rows of each shipment in time order against what it already knows.

    Fills ``report.events`` (the rows that will be imported, with the step each dates),
    ``report.duplicates`` (events already there, or twice in the file) and
    ``report.problems`` (a step out of order). Nothing is written."""
    plan = ImportPlan(report)
    rows = [e.row for e in report.events]
    report.events = []
    by_shipment: dict[int, list[ReportRow]] = defaultdict(list)
    for row in rows:
        assert row.shipment is not None
        by_shipment[row.shipment.pk].append(row)
    ids = list(by_shipment)
    milestones: dict[int, dict[str, Milestone]] = defaultdict(dict)
    seen: set[tuple[int, dt.datetime, str]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for stored in Milestone.objects.filter(shipment_id__in=chunk):
            milestones[stored.shipment_id][stored.step] = stored
        for shipment_id, occurred_at, description in TrackingEvent.objects.filter(
            shipment_id__in=chunk
        ).values_list("shipment_id", "occurred_at", "description"):
            seen.add((shipment_id, occurred_at, description.strip().lower()))
    labels = column_labels()
    for shipment_id, shipment_rows in by_shipment.items():
        shipment = shipment_rows[0].shipment
        assert shipment is not None
        changes = ShipmentChanges(shipment, milestones[shipment_id])
        plan.changes[shipment_id] = changes
        for row in sorted(shipment_rows, key=lambda r: (r.occurred_at, r.line)):
            key = (shipment_id, row.occurred_at, row.description.strip().lower())
            if key in seen:
                report.duplicates.append(row.line)
                continue
            step = _resolve_step(row, shipment, changes.milestones) if row.step else ""
            dates_step = False
            if step:
                milestone = changes.milestones.get(step)
                current = milestone.actual_at if milestone is not None else None
                if current is None or row.occurred_at < current:
                    problem = _order_problem(step, row.occurred_at, changes.milestones)
                    if problem:
                        report.problems.append(RowProblem(row.line, labels["datetime"], problem))
                        continue
                    if milestone is None:
                        milestone = Milestone(shipment=shipment, step=step)
                        changes.milestones[step] = milestone
                        changes.created_steps.add(step)
                    milestone.actual_at = row.occurred_at
                    if row.location:
                        milestone.location = row.location
                    changes.changed_steps.add(step)
                    dates_step = True
            if row.eta is not None:
                changes.eta = row.eta
            seen.add(key)
            report.events.append(PlannedEvent(row, step, dates_step))
    report.events.sort(key=lambda e: e.row.line)
    report.problems.sort(key=lambda p: p.line)
    report.duplicates.sort()
    report.shipments = len({e.row.shipment.pk for e in report.events if e.row.shipment})
    report.steps_dated = sum(len(c.changed_steps) for c in plan.changes.values())
    return plan


def preview(stream: IO[bytes], filename: str, time_zone: str) -> StatusReport:
    """Read and check a report without writing anything (the page's preview)."""
    report = read_report(stream, filename, time_zone)
    if not report.fatal:
        plan_import(report)
    return report
