"""The four official formats, recognised from their content and read whole."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.compliance import formats

from .conftest import sample


def test_each_official_format_is_recognised_and_read():
    eu = formats.parse(sample("eu_fsf_sample.xml"))
    assert (eu.source, eu.published) == ("eu", dt.date(2026, 11, 28))
    person = eu.entries[0]
    assert person.ref == "EU.9001.01" and person.kind == "person"
    assert "Виктор Иванович Козловский" in person.names
    assert person.birth_dates == [dt.date(1961, 3, 14)] and person.countries == ["RU"]
    assert eu.entries[1].kind == "entity" and eu.entries[1].programmes == ["RUS"]

    un = formats.parse(sample("un_consolidated_sample.xml"))
    assert (un.source, un.published) == ("un", dt.date(2026, 11, 30))
    umar = un.entries[0]
    assert umar.names[0] == "UMAR ABDULLAH AL-MANSURI"
    assert "Omar al-Mansoori" in umar.names and "Abu Abdullah" not in umar.names  # low quality
    assert umar.birth_years == [1958] and umar.countries == ["YE"]
    assert un.entries[1].countries == ["KP"]

    ofac = formats.parse(sample("ofac_sdn_sample.xml"))
    assert (ofac.source, ofac.published) == ("ofac", dt.date(2026, 12, 1))  # month/day/year
    taher = ofac.entries[1]
    assert taher.names == ["Mohammad Reza TAHERKHANI", "Muhammad Reza TAHER KHANI"]  # no weak aka
    assert taher.birth_dates == [dt.date(1965, 6, 12)] and taher.countries == ["IR"]

    uk = formats.parse(sample("uk_sanctions_list_sample.xml"))
    assert (uk.source, uk.published) == ("uk", dt.date(2026, 12, 2))
    assert uk.entries[0].names[:2] == ["Aleksandr Petrovich VOLKOV", "Alexander VOLKOV"]
    assert uk.entries[1].names == ["BALTIC MARITIME LOGISTICS LLC", "BALTMORLOGISTIKA"]

    csv_list = formats.parse(sample("uk_sanctions_list_sample.csv"))
    assert csv_list.source == "uk" and csv_list.file_format == "UK Sanctions List CSV"
    assert [e.ref for e in csv_list.entries] == ["RUS9001", "RUS9002"]
    assert len(csv_list.entries[0].names) == 3  # one row per name, gathered


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,country\nAcme,FR\n", "Not a sanctions list"),
        (b"<html><body>Not found</body></html>", "Not a sanctions list"),
        (b"<sdnList><sdnEntry><uid>1</uid>", "cannot be read"),
        (b'<?xml version="1.0"?><sdnList></sdnList>', "no entry"),
    ],
)
def test_what_is_not_a_list_is_refused_with_the_reason(data: bytes, message: str):
    with pytest.raises(formats.FormatError, match=message):
        formats.parse(data)


def test_xml_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><sdnList><sdnEntry><uid>1</uid>'
        b"<lastName>&b;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>"
    )
    with pytest.raises(formats.FormatError):
        formats.parse(bomb)


def test_size_and_count_are_bounded(monkeypatch):
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 100)
    with pytest.raises(formats.FormatError, match="larger than"):
        formats.parse(sample("ofac_sdn_sample.xml"))
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 10**8)
    monkeypatch.setattr(formats, "MAX_ENTRIES", 1)
    with pytest.raises(formats.FormatError, match="More than 1 entries"):
        formats.parse(sample("ofac_sdn_sample.xml"))
