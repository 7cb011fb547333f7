"""The official sanctions files, read into one shape: which list, its publication date and
its entries (reference, kind, names and aliases, dates of birth, countries, programme).

Recognised from the content, not from the file name:

* EU — the consolidated list of persons, groups and entities subject to EU financial
  sanctions ("FSF", XML ``export`` in the namespace ``http://eu.europa.ec/fpi/fsd/export``:
  ``sanctionEntity`` with ``subjectType``, ``nameAlias``, ``birthdate``, ``citizenship``,
  ``address``, ``regulation``);
* UN — the Security Council consolidated list (XML ``CONSOLIDATED_LIST`` with
  ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``);
* OFAC — the US Treasury's Specially Designated Nationals list, ``sdn.xml`` (``sdnList`` with
  ``publshInformation`` and ``sdnEntry``);
* UK — the FCDO's UK Sanctions List (XML ``Designations/Designation``; since 28 January 2026
  the one official UK list, OFSI's consolidated list being retired), or its CSV export.

XML is read with ``defusedxml`` (no entity expansion, no external entities): the files come
from outside.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET

from comptoir.common import countries as country_names

EU, UN, OFAC, UK = "eu", "un", "ofac", "uk"
SOURCES = (EU, UN, OFAC, UK)

#: Bounds: a real file is 1 to 40 MB and 1,000 to 20,000 entries.
MAX_FILE_BYTES = 120 * 1024 * 1024
MAX_ENTRIES = 100_000
MAX_NAMES_PER_ENTRY = 200

PERSON, ENTITY, OTHER = "person", "entity", "other"


class FormatError(ValueError):
    """The file is not one of the lists, or is broken; the message says why, in English
    (the service translates the few it raises itself)."""


@dataclass
class ParsedEntry:
    ref: str
    kind: str
    names: list[str] = field(default_factory=list)
    birth_dates: list[dt.date] = field(default_factory=list)
    birth_years: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    listed_on: dt.date | None = None
    remarks: str = ""

    def add_name(self, *parts: str | None) -> None:
        name = " ".join(p.strip() for p in parts if p and p.strip())
        name = re.sub(r"\s+", " ", name)
        if name and name not in self.names and len(self.names) < MAX_NAMES_PER_ENTRY:
            self.names.append(name[:300])

    def add_country(self, value: str | None) -> None:
        code = country_code(value)
        if code and code not in self.countries:
            self.countries.append(code)

    def add_birth(self, day: dt.date | None = None, year: int | None = None) -> None:
        if day and day not in self.birth_dates:
            self.birth_dates.append(day)
        if year and 1850 < year < 2100 and year not in self.birth_years:
            self.birth_years.append(year)

    def fingerprint(self) -> str:
        """What a reviewer judged: a false positive stays judged until this changes."""
        parts = [
            self.kind,
            "|".join(sorted(self.names)),
            "|".join(sorted(d.isoformat() for d in self.birth_dates)),
            "|".join(str(y) for y in sorted(self.birth_years)),
            "|".join(sorted(self.countries)),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@dataclass
class ParsedList:
    source: str
    published: dt.date | None
    entries: list[ParsedEntry]
    file_format: str


# ----------------------------------------------------------------------------- helpers

_COUNTRY_BY_NAME: dict[str, str] | None = None


def country_code(value: str | None) -> str:
    """An ISO 3166 alpha-2 code from a code or an English country name ("" if unknown)."""
    global _COUNTRY_BY_NAME
    if not value:
        return ""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    if _COUNTRY_BY_NAME is None:
        _COUNTRY_BY_NAME = {
            country_names.country_name(code, "en").lower(): code
            for code in country_names.country_codes()
        }
        _COUNTRY_BY_NAME.update(
            {
                "russia": "RU",
                "russian federation": "RU",
                "iran": "IR",
                "iran (islamic republic of)": "IR",
                "syria": "SY",
                "syrian arab republic": "SY",
                "north korea": "KP",
                "korea, north": "KP",
                "democratic people's republic of korea": "KP",
                "south korea": "KR",
                "korea, south": "KR",
                "united kingdom": "GB",
                "united states": "US",
                "venezuela": "VE",
                "bolivia": "BO",
                "turkey": "TR",
                "turkiye": "TR",
                "türkiye": "TR",
                "vietnam": "VN",
                "viet nam": "VN",
                "burma": "MM",
                "laos": "LA",
                "moldova": "MD",
                "tanzania": "TZ",
                "congo, democratic republic of the": "CD",
                "democratic republic of the congo": "CD",
                "palestinian": "PS",
                "west bank": "PS",
                "gaza": "PS",
            }
        )
    return _COUNTRY_BY_NAME.get(text.lower(), "")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> Iterator[Element]:
    for child in element:
        if _local(child.tag) == name:
            yield child


def _descendants(element: Element, name: str) -> Iterator[Element]:
    for child in element.iter():
        if _local(child.tag) == name:
            yield child


def _text(element: Element, name: str) -> str:
    for child in _children(element, name):
        return (child.text or "").strip()
    return ""


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def parse_day(value: str | None) -> tuple[dt.date | None, int | None]:
    """A date in the lists' many forms -> (the date if complete, the year if known)."""
    text = (value or "").strip()
    if not text:
        return None, None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d %b %Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            day = dt.datetime.strptime(text[:19], fmt).date()
            return day, day.year
        except ValueError:
            continue
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return None, int(year.group(1)) if year else None


def _parse_xml(data: bytes) -> Element:
    try:
        root: Element = SafeET.fromstring(data)
    except Exception as exc:  # defusedxml raises several kinds (ParseError, forbidden DTD)
        raise FormatError(f"The XML cannot be read: {exc}") from None
    return root


def _check_count(entries: list[ParsedEntry]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise FormatError(f"More than {MAX_ENTRIES} entries: not a sanctions list.")


# ----------------------------------------------------------------------------- EU (FSF)


def _parse_eu(root: Element) -> ParsedList:
    published, _y = parse_day(root.get("generationDate"))
    entries: list[ParsedEntry] = []
    for item in _children(root, "sanctionEntity"):
        ref = item.get("euReferenceNumber") or item.get("logicalId") or ""
        subject = next(_children(item, "subjectType"), None)
        code = (subject.get("code") if subject is not None else "") or ""
        kind = {"person": PERSON, "enterprise": ENTITY}.get(code, OTHER)
        entry = ParsedEntry(ref=ref, kind=kind)
        for alias in _children(item, "nameAlias"):
            whole = alias.get("wholeName") or ""
            if whole:
                entry.add_name(whole)
            else:
                entry.add_name(
                    alias.get("firstName"), alias.get("middleName"), alias.get("lastName")
                )
        for birth in _children(item, "birthdate"):
            day, year = parse_day(birth.get("birthdate"))
            entry.add_birth(day, year or (int(birth.get("year") or 0) or None))
            entry.add_country(birth.get("countryIso2Code"))
        for tag in ("citizenship", "address"):
            for place in _children(item, tag):
                code2 = place.get("countryIso2Code") or ""
                if code2 and code2 != "00":
                    entry.add_country(code2)
        for regulation in _children(item, "regulation"):
            programme = regulation.get("programme") or ""
            if programme and programme not in entry.programmes:
                entry.programmes.append(programme)
            if entry.listed_on is None:
                entry.listed_on, _y = parse_day(regulation.get("publicationDate"))
        entry.remarks = _text(item, "remark")[:2000]
        if entry.names:
            entries.append(entry)
        _check_count(entries)
    return ParsedList(EU, published, entries, "EU FSF XML")


# ----------------------------------------------------------------------------- UN


def _parse_un(root: Element) -> ParsedList:
    published, _y = parse_day((root.get("dateGenerated") or "")[:10])
    entries: list[ParsedEntry] = []
    for group, tag, kind in (("INDIVIDUALS", "INDIVIDUAL", PERSON), ("ENTITIES", "ENTITY", ENTITY)):
        for holder in _children(root, group):
            for item in _children(holder, tag):
                ref = _text(item, "REFERENCE_NUMBER") or _text(item, "DATAID")
                entry = ParsedEntry(ref=ref, kind=kind)
                entry.add_name(
                    *(_text(item, f"{n}_NAME") for n in ("FIRST", "SECOND", "THIRD", "FOURTH"))
                )
                entry.add_name(_text(item, "NAME_ORIGINAL_SCRIPT"))
                for alias in _children(item, f"{tag}_ALIAS"):
                    quality = _text(alias, "QUALITY").lower()
                    if quality in ("", "good", "a.k.a.", "f.k.a.") or kind == ENTITY:
                        entry.add_name(_text(alias, "ALIAS_NAME"))
                for birth in _children(item, "INDIVIDUAL_DATE_OF_BIRTH"):
                    day, year = parse_day(_text(birth, "DATE"))
                    if year is None:
                        year = int(_text(birth, "YEAR") or 0) or None
                    entry.add_birth(day, year)
                    for bound in ("FROM_YEAR", "TO_YEAR"):
                        entry.add_birth(None, int(_text(birth, bound) or 0) or None)
                for nationality in _children(item, "NATIONALITY"):
                    for value in _children(nationality, "VALUE"):
                        entry.add_country(value.text)
                for address in _children(item, f"{tag}_ADDRESS"):
                    entry.add_country(_text(address, "COUNTRY"))
                entry.programmes = [p for p in [_text(item, "UN_LIST_TYPE")] if p]
                entry.listed_on, _y = parse_day(_text(item, "LISTED_ON"))
                entry.remarks = _text(item, "COMMENTS1")[:2000]
                if entry.names:
                    entries.append(entry)
                _check_count(entries)
    return ParsedList(UN, published, entries, "UN consolidated XML")


# ----------------------------------------------------------------------------- OFAC SDN


def _parse_ofac(root: Element) -> ParsedList:
    published = None
    for info in _children(root, "publshInformation"):
        try:  # OFAC writes the US way: month/day/year
            published = dt.datetime.strptime(_text(info, "Publish_Date"), "%m/%d/%Y").date()
        except ValueError:
            published = None
    entries: list[ParsedEntry] = []
    for item in _children(root, "sdnEntry"):
        kind = {"individual": PERSON, "entity": ENTITY}.get(_text(item, "sdnType").lower(), OTHER)
        entry = ParsedEntry(ref=_text(item, "uid"), kind=kind)
        entry.add_name(_text(item, "firstName"), _text(item, "lastName"))
        for aka in _descendants(item, "aka"):
            if _text(aka, "category").lower() == "weak" and kind == PERSON:
                continue  # OFAC: weak a.k.a.s are not to be screened alone
            entry.add_name(_text(aka, "firstName"), _text(aka, "lastName"))
        for birth in _descendants(item, "dateOfBirthItem"):
            entry.add_birth(*parse_day(_text(birth, "dateOfBirth")))
        for tag in ("nationality", "citizenship"):
            for place in _descendants(item, tag):
                entry.add_country(_text(place, "country"))
        for address in _descendants(item, "address"):
            entry.add_country(_text(address, "country"))
        entry.programmes = [(p.text or "").strip() for p in _descendants(item, "program")]
        entry.remarks = _text(item, "remarks")[:2000]
        if entry.names:
            entries.append(entry)
        _check_count(entries)
    return ParsedList(OFAC, published, entries, "OFAC SDN XML")


# ----------------------------------------------------------------------------- UK (FCDO)


def _parse_uk_xml(root: Element) -> ParsedList:
    published, _y = parse_day(_text(root, "DateGenerated") or root.get("DateGenerated"))
    entries: list[ParsedEntry] = []
    for item in _descendants(root, "Designation"):
        kind = {"individual": PERSON, "entity": ENTITY}.get(
            _text(item, "IndividualEntityShip").lower(), OTHER
        )
        entry = ParsedEntry(ref=_text(item, "UniqueID"), kind=kind)
        for name in _descendants(item, "Name"):
            if len(name):
                entry.add_name(*(_text(name, f"Name{n}") for n in range(1, 7)))
        for name in _descendants(item, "NameNonLatinScript"):
            entry.add_name(name.text)
        for dob in _descendants(item, "DOB"):
            entry.add_birth(*parse_day(dob.text))
        for nationality in _descendants(item, "Nationality"):
            entry.add_country(nationality.text)
        for country in _descendants(item, "AddressCountry"):
            entry.add_country(country.text)
        regime = _text(item, "RegimeName")
        entry.programmes = [regime] if regime else []
        entry.listed_on, _y = parse_day(_text(item, "DateDesignated"))
        entry.remarks = _text(item, "OtherInformation")[:2000]
        if entry.names:
            entries.append(entry)
        _check_count(entries)
    return ParsedList(UK, published, entries, "UK Sanctions List XML")


def _parse_uk_csv(text: str) -> ParsedList:
    """The CSV export: a first line "Report Date: dd-Mon-yyyy" (or none), then a header with
    "Unique ID", "Name 1".."Name 6", "Name type", "Designation Type", "D.O.B",
    "Nationality(/ies)", "Regime Name", "Date Designated"; one row per name."""
    lines = text.splitlines()
    published = None
    if lines and lines[0].lower().startswith("report date"):
        published, _y = parse_day(lines[0].split(":", 1)[1].strip().replace("-", " "))
        lines = lines[1:]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    by_ref: dict[str, ParsedEntry] = {}

    def cell(row: dict[str, Any], *names: str) -> str:
        for name in names:
            if row.get(name):
                return str(row[name]).strip()
        return ""

    for row in reader:
        ref = cell(row, "Unique ID", "UniqueID")
        if not ref:
            continue
        kind_text = cell(row, "Designation Type", "Individual, Entity, Ship").lower()
        entry = by_ref.get(ref)
        if entry is None:
            entry = by_ref[ref] = ParsedEntry(
                ref=ref,
                kind={"individual": PERSON, "entity": ENTITY}.get(kind_text, OTHER),
            )
            if len(by_ref) > MAX_ENTRIES:
                raise FormatError(f"More than {MAX_ENTRIES} entries: not a sanctions list.")
        entry.add_name(*(cell(row, f"Name {n}") for n in range(1, 7)))
        entry.add_name(cell(row, "Name Non-Latin Script"))
        for piece in re.split(r"[|;]", cell(row, "D.O.B", "DOB")):
            entry.add_birth(*parse_day(piece))
        for piece in re.split(r"[|;]", cell(row, "Nationality(/ies)", "Nationality")):
            entry.add_country(piece)
        for piece in re.split(r"[|;]", cell(row, "Address Country")):
            entry.add_country(piece)
        regime = cell(row, "Regime Name", "Regime")
        if regime and regime not in entry.programmes:
            entry.programmes.append(regime)
        if entry.listed_on is None:
            entry.listed_on, _y = parse_day(cell(row, "Date Designated"))
    entries = [e for e in by_ref.values() if e.names]
    return ParsedList(UK, published, entries, "UK Sanctions List CSV")


# ----------------------------------------------------------------------------- detection


def detect(data: bytes) -> str:
    """Which list this file is, from its first kilobytes."""
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    if "http://eu.europa.ec/fpi/fsd/export" in head or re.search(r"<export[\s>]", head):
        return EU
    if "<CONSOLIDATED_LIST" in head:
        return UN
    if "<sdnList" in head:
        return OFAC
    if "<Designations" in head or "<Designation>" in head:
        return UK
    first = head.splitlines()[:3]
    if any("Unique ID" in line and "Name 6" in line for line in first) or (
        first and first[0].lower().startswith("report date")
    ):
        return UK
    raise FormatError(
        "Not a sanctions list this version reads: expected the EU consolidated list (FSF XML), "
        "the UN consolidated list (XML), OFAC's sdn.xml or the UK Sanctions List (XML or CSV)."
    )


def parse(data: bytes) -> ParsedList:
    """Read one official file, whole, or raise :class:`FormatError`."""
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    source = detect(data)
    if source == UK and not data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        return _parse_uk_csv(data.decode("utf-8-sig", errors="replace"))
    root = _parse_xml(data)
    parser = {EU: _parse_eu, UN: _parse_un, OFAC: _parse_ofac, UK: _parse_uk_xml}[source]
    parsed = parser(root)
    if not parsed.entries:
        raise FormatError("The file holds no entry with a name.")
    return parsed
