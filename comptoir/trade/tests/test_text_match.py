"""Alerts matching texts: accents, case, plurals in French and English, phrases, exclusions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.text_match import (
    AlertRule,
    Term,
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


# --------------------------------------------------------------------------- the compiled
# matcher against the plain rule, on French and English words with every spelling trap

TRAPS = [
    *("casserole Casseroles CASSEROLÉ casserolé cocottes cocotte émaillée emaillees").split(),
    *("réglementation reglementations Réglementations droits DROIT douane douanes").split(),
    *("duty duties Duty customs tariff tariffs steel iron cast-iron fonte acier").split(),
    *("anti-dumping antidumping anti dumping l'acier d'origine œuvre OEUVRE Æther").split(),
    *("Japon japon Japan Dubai Creuset le de la and the of a 7,5 2026 x ok").split(),
    "e\u0301te\u0301",  # "été" written with combining accents
    "été",
    "ﬁlm",  # a ligature NFKD spells out
    "film",
    "straße",
    "STRASSE",
    "ΟΔΟΣ",
    "½",
    "¨",  # becomes a space and a combining mark once folded
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\u00a0", "\u2009", ", ", ". ", "-", "'", "\t", "/"]


@st.composite
def trade_texts(draw: st.DrawFn, pool: list[str]) -> str:
    tokens = draw(st.lists(st.sampled_from(pool), max_size=25))
    out = []
    for token in tokens:
        out.append(token)
        out.append(draw(st.sampled_from([*SEPARATORS, ""])))
    return "".join(out)


@st.composite
def term_lines(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        words_ = draw(st.lists(st.sampled_from(TRAPS), min_size=1, max_size=4))
        quoted = draw(st.booleans())
        pieces.append('"{}"'.format(" ".join(words_)) if quoted else words_[0])
    return " ".join(pieces)


def _terms_or_none(lines: list[str]) -> tuple[Term, ...] | None:
    try:
        return parse_terms("\n".join(lines))
    except TermError:
        return None


@st.composite
def alert_rules(draw: st.DrawFn) -> list[AlertRule]:
    rules = []
    for key in range(draw(st.integers(1, 8))):
        terms = _terms_or_none(draw(st.lists(term_lines(), max_size=4))) or ()
        excluded = _terms_or_none(draw(st.lists(term_lines(), max_size=2))) or ()
        scope = _terms_or_none(draw(st.lists(term_lines(), max_size=2))) or ()
        rules.append(AlertRule(key, terms, excluded, scope))
    return rules


def reference(rules: list[AlertRule], text: str) -> set[object]:
    """The straightforward matcher: every alert checked on its own with the plain rule."""
    return {r.key for r in rules if matches(r, text)}


@settings(max_examples=150, deadline=None)
@given(alert_rules(), st.lists(trade_texts(TRAPS), min_size=1, max_size=3))
def test_the_fast_matcher_gives_exactly_what_the_plain_rule_gives(
    rules: list[AlertRule], texts_: list[str]
) -> None:
    matcher = compile_alerts(rules)
    for text in [*texts_, *texts_]:  # the second time from the pieces remembered
        assert matcher.match(text) == reference(rules, text), text


@settings(max_examples=50, deadline=None)
@given(alert_rules(), st.text(max_size=200))
def test_the_fast_matcher_agrees_on_any_text(rules: list[AlertRule], text: str) -> None:
    assert compile_alerts(rules).match(text) == reference(rules, text)


def test_a_text_the_terms_appear_in_is_matched_by_both_ways() -> None:
    rules = [
        rule('"droits de douane" Japon', key="phrase and word"),
        rule('"anti dumping duty on steel"', key="long phrase"),
        rule("acier Japon fonte casserole 2026", key="five words"),
        rule("duty Dubai", "recette", key="two words, one excluded"),
        AlertRule("scope", parse_terms("prix"), scope=parse_terms('"Le Creuset"')),
    ]
    text = (
        "Les DROITS de douane au japon : an anti-dumping duty on steel, 2026. "
        "Casseroles en fonte et acier, Dubai ; Le Creuset baisse ses prix"
    )
    expected = {"phrase and word", "long phrase", "five words", "two words, one excluded", "scope"}
    assert reference(rules, text) == expected
    assert compile_alerts(rules).match(text) == expected
    assert compile_alerts(rules).match(text + " une recette") == expected - {
        "two words, one excluded"
    }


def test_the_matcher_remembers_pieces_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    import comptoir.trade.text_match as text_match

    matcher = compile_alerts([rule("casserole"), rule('"droits de douane"', key=2)])
    assert matcher.match("Casseroles et droits de douane") == {1, 2}
    read = matcher.pieces_read
    assert read == 5
    assert matcher.match("droits de douane, Casseroles") == {1, 2}
    assert matcher.pieces_read == read + 1  # only "douane," is new
    monkeypatch.setattr(text_match, "_REMEMBERED", 3)
    small = compile_alerts([rule("casserole"), rule('"droits de douane"', key=2)])
    for _ in range(3):
        assert small.match("Casseroles et droits de douane, ici et là") == {1, 2}
        assert len(small._pieces) <= 3
