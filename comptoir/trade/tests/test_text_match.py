"""Alerts matching texts: accents, case, plurals in French and English, phrases, exclusions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.text_match import (
    AlertRule,
    TermError,
    compile_alerts,
    fold,
    matches,
    parse_terms,
    words,
)


def rule(terms: str, excluded: str = "", key: object = 1) -> AlertRule:
    return AlertRule(key, parse_terms(terms), parse_terms(excluded))


def test_fold_case_accents_and_ligatures() -> None:
    assert fold("Réglementation ŒUVRE Façade") == "reglementation oeuvre facade"
    assert words("L'acier, anti-dumping: 7,5 %!") == ["l", "acier", "anti", "dumping", "7", "5"]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("casseroles", "Une casserole en fonte"),
        ("casserole", "Demand for CASSEROLES grows in Dubai"),
        ("réglementation", "Nouvelles reglementations européennes"),
        ("reglementations", "La réglementation change"),
        ("duties", "A new anti-dumping duty on steel"),
        ("duty", "Customs duties raised"),
        ("Japon", "Les exportations vers le japon"),
        ("cocotte", "Cocottes émaillées"),
    ],
)
def test_plurals_and_accents_match(term: str, text: str) -> None:
    assert matches(rule(term), text)


def test_unquoted_words_anywhere_quoted_phrase_in_sequence() -> None:
    assert matches(rule("fonte casserole"), "Casserole émaillée en fonte")
    assert not matches(rule('"casserole fonte"'), "Casserole émaillée en fonte")
    assert matches(rule('"droits de douane"'), "Les Droits de Douane augmentent")
    assert not matches(rule('"droits de douane"'), "les droits sur la douane")
    # a hyphenated word is a short phrase of its parts
    assert matches(rule("anti-dumping"), "an anti dumping duty")
    assert not matches(rule("anti-dumping"), "anti-fraud rules on dumping")


def test_excluded_words_stop_a_match() -> None:
    alert = rule("casserole", "aluminium")
    assert matches(alert, "Casseroles en fonte")
    assert not matches(alert, "Casseroles en aluminium")


def test_no_match_without_the_word() -> None:
    assert not matches(rule("casserole"), "Poêles et woks en acier")
    assert not matches(rule("duty"), "")


def test_terms_errors_name_the_line() -> None:
    with pytest.raises(TermError) as bad:
        parse_terms('casserole\n"droits de douane')
    assert bad.value.line == 2
    assert "quote" in bad.value.message
    with pytest.raises(TermError):
        parse_terms("casserole\n!!!")
    with pytest.raises(TermError):
        parse_terms("\n".join(f"w{i}" for i in range(101)))
    assert parse_terms("\n\n  \n") == ()


def test_matcher_gives_the_keys_of_the_alerts_matched() -> None:
    matcher = compile_alerts(
        [
            rule("casserole", key="a"),
            rule('"anti-dumping duty"', key="b"),
            rule("Le Creuset\nStaub", "recette", key="c"),
            rule("japon", key="d"),
        ]
    )
    assert matcher.match("EU imposes anti-dumping duties on Chinese casseroles") == {"a", "b"}
    assert matcher.match("Staub opens a shop in Tokyo") == {"c"}
    assert matcher.match("Une recette Staub") == set()
    assert matcher.match("Nothing here") == set()


WORDS = ["casserole", "fonte", "duty", "reglementation", "japon", "acier", "poêle", "émail"]
texts = st.lists(st.sampled_from([*WORDS, "de", "la", "and", "new", "Dubai"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(WORDS), st.booleans())
def test_a_word_of_the_text_always_matches_in_any_case_and_plural(
    text: list[str], word: str, upper: bool
) -> None:
    written = " ".join([*text, (word + "s").upper() if upper else word])
    assert matches(rule(word), written)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), texts, texts)
def test_a_phrase_inside_a_text_matches(
    phrase: list[str], before: list[str], after: list[str]
) -> None:
    quoted = '"' + " ".join(phrase) + '"'
    assert matches(rule(quoted), " ".join([*before, *phrase, *after]))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=2),
            st.booleans(),
            st.lists(st.sampled_from(WORDS), max_size=1),
        ),
        min_size=1,
        max_size=8,
    ),
    texts,
)
def test_the_compiled_index_agrees_with_the_plain_rule(
    alerts: list[tuple[list[str], bool, list[str]]], text: list[str]
) -> None:
    rules = [
        rule(('"%s"' if quoted else "%s") % " ".join(ws), "\n".join(ex), key=n)
        for n, (ws, quoted, ex) in enumerate(alerts)
    ]
    written = " ".join(text)
    expected = {r.key for r in rules if matches(r, written)}
    assert compile_alerts(rules).match(written) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    assert isinstance(compile_alerts([rule("casserole")]).match(text), set)


def test_scope_terms_must_occur_too() -> None:
    scoped = AlertRule(1, parse_terms("prix"), scope=parse_terms('"Le Creuset"'))
    assert matches(scoped, "Le Creuset baisse ses prix")
    assert not matches(scoped, "Staub baisse ses prix")
    only_scope = AlertRule(2, (), scope=parse_terms('"Le Creuset"'))
    assert compile_alerts([scoped, only_scope]).match("Le Creuset au Japon") == {2}
    assert not matches(AlertRule(3, ()), "anything")
