"""The Combined Nomenclature file, codes and paths (trade.nomenclature)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.nomenclature import (
    CnCsvError,
    CnTree,
    format_cn,
    hs_subheading,
    parse_cn_csv,
    validate_cn8,
)

HEADER = "level,code,display_code,parent,description_en,description_fr,supplementary_unit\n"
SMALL = HEADER + (
    "section,XV,XV,,BASE METALS,MÉTAUX COMMUNS,\n"
    "chapter,73,73,XV,ARTICLES OF IRON OR STEEL,OUVRAGES EN FONTE FER OU ACIER,\n"
    '7323,7323,7323,73,"Table, kitchen or other household articles","Articles de ménage",\n'
    "subheading,732391,7323 91,7323,Of cast iron not enamelled,en fonte non émaillés,\n"
    "cn8,73239100,7323 91 00,732391,Other,autres,PST\n"
).replace("7323,7323,7323,73", "heading,7323,7323,73")
BUNDLED = Path(__file__).resolve().parents[2] / "catalog" / "data" / "cn2026.csv.gz"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "cn" / "cn2026.csv"


def test_a_small_file_reads_and_names_a_leaf_with_its_parents():
    tree = CnTree(parse_cn_csv(SMALL))
    assert tree.get("7323 91 00").supplementary_unit == "PST"  # type: ignore[union-attr]
    assert [e.code for e in tree.path("73239100")] == ["73", "7323", "732391", "73239100"]
    assert tree.label_path("73239100", "fr").endswith(
        "7323 91 en fonte non émaillés > 7323 91 00 autres"
    )
    assert tree.label_path("73239100", "en").startswith("73 ARTICLES OF IRON OR STEEL > ")
    assert tree.path("99999999") == [] and tree.cn8_codes() == ["73239100"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("cn8,7323910,7323 91 0,732391,Other,autres,", "must have 8 digits"),
        ("cn8,73239900,7323 99 00,732399,Other,autres,", "parent 732399 of 73239900 is missing"),
        ("cn8,73239900,7323 99 00,7324,Other,autres,", "not the start of the code"),
        ("cn8,73239150,7323 91 50,732391,Other,,", "in English and in French"),
        ("cn8,73239100,7323 91 00,732391,Other,autres,", "already on row 6"),
        ("heading,7324,7324,73,Sanitary ware,Articles d'hygiène,PST", "only an 8-digit code"),
        ("groupe,7324,7324,73,x,y,", "is not one of"),
    ],
)
def test_every_bad_row_is_named_with_its_line(row, expected):
    with pytest.raises(CnCsvError) as caught:
        parse_cn_csv(SMALL + row + "\n")
    assert caught.value.errors[0][0] == 7 and expected in caught.value.errors[0][1]


def test_a_file_without_its_columns_or_codes_is_refused():
    with pytest.raises(CnCsvError, match="missing column"):
        parse_cn_csv("code,description\n01,x\n")
    with pytest.raises(CnCsvError, match="no 8-digit code"):
        parse_cn_csv(HEADER + "section,XV,XV,,BASE METALS,MÉTAUX COMMUNS,\n")
    with pytest.raises(CnCsvError, match="empty"):
        parse_cn_csv("")


def test_codes_are_checked_and_formatted():
    assert validate_cn8("7323.91.00") == "73239100" and hs_subheading("7323 91 00") == "732391"
    assert format_cn("73239100") == "7323 91 00" and format_cn("7323") == "7323"
    for bad in ("", "732391", "7323910a", "７３２３９１００"):
        with pytest.raises(TradeInputError) as caught:
            validate_cn8(bad)
        assert caught.value.field == "cn_code"


@given(st.from_regex(r"\A[0-9]{8}\Z"))
def test_formatting_keeps_the_digits(code: str) -> None:
    assert validate_cn8(format_cn(code)) == code


@pytest.mark.skipif(
    not SHARED.exists(), reason="the shared reference data is not next to the repository"
)
def test_the_2026_nomenclature_reads_whole():
    entries = parse_cn_csv(SHARED.read_text(encoding="utf-8"))
    counts = {level: sum(e.level == level for e in entries) for level in ("chapter", "cn8")}
    assert counts == {"chapter": 97, "cn8": 9791}
    tree = CnTree(entries)
    assert "T-shirts" in tree.label_path("61091000", "en")
    assert tree.label_path("61091000", "fr").startswith("61 VÊTEMENTS")


# ------------------------------------------------------------------ short labels, units

from comptoir.trade.nomenclature import (  # noqa: E402
    SHORT_PARENT_CHARS,
    CnEntry,
    short_label,
    unit_notation,
)


def test_a_leaf_that_says_what_the_goods_are_is_printed_alone():
    tree = CnTree(parse_cn_csv(SMALL))
    path = tree.path("73239100")
    assert short_label(path[:3], "fr") == "en fonte non émaillés"
    assert short_label([], "en") == ""


def test_an_other_leaf_takes_the_first_label_above_that_says_something():
    tree = CnTree(parse_cn_csv(SMALL))
    assert short_label(tree.path("73239100"), "en") == ("Of cast iron not enamelled — other")
    assert short_label(tree.path("73239100"), "fr") == "en fonte non émaillés — autres"
    vague = [
        CnEntry("heading", "3405", "3405", "34", "Polishes and creams " * 10, "Cirages " * 20),
        CnEntry("subheading", "340590", "3405 90", "3405", "Other", "autres"),
        CnEntry("cn8", "34059090", "3405 90 90", "340590", "Other", "autres"),
    ]
    label = short_label(vague, "en")
    assert label.startswith("Polishes and creams") and label.endswith("… — other")
    assert len(label) <= SHORT_PARENT_CHARS + len(" — other") + 1
    only_other = [CnEntry("cn8", "99999999", "9999 99 99", "999999", "Other", "autres")]
    assert short_label(only_other, "fr") == "autres"


@given(
    st.lists(
        st.sampled_from(["Other", "autres", "Of cotton", "en fonte", "Table articles " * 12]),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["en", "fr"]),
)
def test_a_short_label_is_never_empty_nor_longer_than_a_line(labels: list[str], language: str):
    path = [
        CnEntry("cn8", f"{i:08d}", f"{i:08d}", "", label, label) for i, label in enumerate(labels)
    ]
    printed = short_label(path, language)
    assert printed and len(printed) <= SHORT_PARENT_CHARS + 3 + max(len(x) for x in labels) + 1
    assert printed.endswith(labels[-1][1:])  # the leaf's own words always end it


def test_supplementary_units_print_as_the_cn_writes_them():
    assert unit_notation("PST") == "p/st"
    assert unit_notation("M2") == "m²"
    assert unit_notation("L_ALC_100PCT") == "l alc. 100 %"
    assert unit_notation("NEW_UNIT") == "new unit"


@pytest.mark.skipif(not BUNDLED.exists(), reason="the bundled CN is not there")
def test_every_unit_of_the_bundled_cn_has_its_printed_form():
    import gzip

    from comptoir.trade.nomenclature import UNIT_NOTATION

    entries = parse_cn_csv(gzip.decompress(BUNDLED.read_bytes()).decode("utf-8"))
    assert {e.supplementary_unit for e in entries if e.supplementary_unit} <= set(UNIT_NOTATION)
    tree = CnTree(entries)
    other = [c for c in tree.cn8_codes() if tree.get(c).description_en == "Other"]  # type: ignore[union-attr]
    assert len(other) > 1000
    assert all(short_label(tree.path(code), "fr") != "autres" for code in other)
