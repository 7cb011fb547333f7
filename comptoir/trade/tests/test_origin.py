"""The statement on origin rule (trade.origin): which agreement, the EUR 6,000 threshold and
the REX / approved exporter number, the wording in the invoice's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import origin as rules
from comptoir.trade.errors import TradeInputError

TCA_EN = (
    "The exporter of the products covered by this document (Exporter Reference No {number}) "
    "declares that, except where otherwise clearly indicated, these products are of {origin} "
    "preferential origin.\n{place}, {date}\n{exporter}"
)
TCA_FR = (
    "L'exportateur des produits couverts par le présent document (numéro de référence de "
    "l'exportateur {number}) déclare que, sauf indication claire du contraire, ces produits "
    "ont l'origine préférentielle {origin}.\n{place}, le {date}\n{exporter}"
)
PEM_EN = (
    "The exporter of the products covered by this document (customs or competent governmental "
    "authorisation No {number}) declares that, except where otherwise clearly indicated, these "
    "products are of {origin} preferential origin.\n{place}, {date}\n{exporter}"
)

TCA = rules.AgreementTerms(
    code="eu-uk-tca",
    name="EU-UK TCA",
    partners=frozenset({"GB"}),
    wording={"en": TCA_EN, "fr": TCA_FR},
    priority=10,
)
KOREA = rules.AgreementTerms(
    code="eu-korea",
    name="EU-Korea",
    partners=frozenset({"KR"}),
    wording={"en": PEM_EN},
    exporter_number=rules.APPROVED,
    priority=10,
)
SWISS = rules.AgreementTerms(
    code="eu-switzerland",
    name="EU-Switzerland",
    partners=frozenset({"CH", "LI"}),
    wording={"en": PEM_EN},
    certificates=("eur1", "eur_med"),
    exporter_number=rules.APPROVED,
    priority=20,
)
PEM = rules.AgreementTerms(
    code="pem",
    name="PEM",
    partners=frozenset({"CH", "NO", "TN"}),
    wording={"en": PEM_EN},
    certificates=("eur1", "eur_med"),
    exporter_number=rules.APPROVED,
    priority=50,
)
ALL = (TCA, KOREA, SWISS, PEM)
EXPORTER = rules.Exporter(name="Maison Ferrand SAS", place="Thiers", rex_number="FRREX123456")
NO_NUMBER = rules.Exporter(name="Maison Ferrand SAS", place="Thiers")


def lines(code: str, *origins: str) -> list[rules.LineOrigin]:
    return [rules.LineOrigin(f"REF-{i}", {code: o}) for i, o in enumerate(origins)]


def decide(**kw):  # type: ignore[no-untyped-def]
    args = {
        "agreements": ALL,
        "country": "GB",
        "lines": lines("eu-uk-tca", "EU", "EU"),
        "value_eur": Decimal("12000"),
        "exporter": EXPORTER,
        "language": "en",
        "date_text": "4 November 2026",
    } | kw
    return rules.decide_statement(**args)


def test_tca_statement_in_english_with_rex_number_place_date_exporter() -> None:
    decision = decide()
    assert decision.outcome is rules.Outcome.STATEMENT
    assert decision.agreement == "eu-uk-tca" and decision.origin == "EU"
    assert decision.text == (
        "The exporter of the products covered by this document (Exporter Reference No "
        "FRREX123456) declares that, except where otherwise clearly indicated, these products "
        "are of EU preferential origin.\nThiers, 4 November 2026\nMaison Ferrand SAS"
    )


def test_statement_in_french_names_the_union_ue() -> None:
    decision = decide(language="fr", date_text="4 novembre 2026")
    assert decision.text.startswith("L'exportateur des produits couverts")
    assert "numéro de référence de l'exportateur FRREX123456" in decision.text
    assert "l'origine préférentielle UE." in decision.text
    assert "Thiers, le 4 novembre 2026" in decision.text


def test_language_without_wording_falls_back_to_english() -> None:
    decision = decide(
        country="KR",
        lines=lines("eu-korea", "EU"),
        language="fr",
        exporter=rules.Exporter("X", "Thiers", approved_number="FR/001/0042"),
    )
    assert decision.text.startswith("The exporter") and "EU preferential" in decision.text


def test_up_to_6000_any_exporter_may_make_it_the_number_left_blank() -> None:
    decision = decide(value_eur=Decimal("6000"), exporter=NO_NUMBER)
    assert decision.outcome is rules.Outcome.STATEMENT
    assert "(Exporter Reference No)" in decision.text


def test_over_6000_without_rex_no_statement_and_no_certificate_under_the_tca() -> None:
    decision = decide(value_eur=Decimal("6000.01"), exporter=NO_NUMBER)
    assert decision.outcome is rules.Outcome.NO_PROOF
    assert decision.text == "" and decision.certificate == ""
    assert "registered exporter (REX)" in str(decision.reason)


def test_over_6000_without_approved_status_pem_asks_for_an_eur1() -> None:
    decision = decide(country="CH", lines=lines("eu-switzerland", "EU"), exporter=EXPORTER)
    # our REX number does not make us an approved exporter
    assert decision.outcome is rules.Outcome.CERTIFICATE
    assert decision.certificate == "eur1"
    assert "approved exporter" in str(decision.reason) and "EUR.1" in str(decision.reason)


def test_unknown_value_in_euros_counts_as_over_the_threshold() -> None:
    assert decide(value_eur=None, exporter=NO_NUMBER).outcome is rules.Outcome.NO_PROOF
    assert decide(value_eur=None).outcome is rules.Outcome.STATEMENT


def test_bilateral_agreement_before_the_pem_convention() -> None:
    both = [rules.LineOrigin("A", {"eu-switzerland": "EU", "pem": "EU"})]
    decision = decide(
        country="CH", lines=both, exporter=rules.Exporter("X", "Y", approved_number="FR/1")
    )
    assert decision.agreement == "eu-switzerland"


def test_falls_back_to_a_wider_agreement_when_every_line_qualifies_there_only() -> None:
    only_pem = [rules.LineOrigin("A", {"pem": "EU"})]
    decision = decide(
        country="CH", lines=only_pem, exporter=rules.Exporter("X", "Y", approved_number="FR/1")
    )
    assert decision.agreement == "pem" and decision.outcome is rules.Outcome.STATEMENT


def test_no_agreement_with_the_country() -> None:
    decision = decide(country="US")
    assert decision.outcome is rules.Outcome.NO_AGREEMENT and "US" in str(decision.reason)


def test_a_line_without_preferential_origin_means_no_statement_and_names_it() -> None:
    mixed = [rules.LineOrigin("CF-24", {"eu-uk-tca": "EU"}), rules.LineOrigin("KN-8", {})]
    decision = decide(lines=mixed)
    assert decision.outcome is rules.Outcome.NOT_ORIGINATING
    assert "KN-8" in str(decision.reason) and "CF-24" not in str(decision.reason)


def test_lines_of_different_preferential_origins_are_left_to_the_user() -> None:
    decision = decide(lines=lines("eu-uk-tca", "EU", "GB"))
    assert decision.outcome is rules.Outcome.NOT_ORIGINATING and "EU, GB" in str(decision.reason)


def test_agreement_without_statement_needs_its_certificate() -> None:
    certificate_only = rules.AgreementTerms(
        code="x",
        name="X",
        partners=frozenset({"TN"}),
        wording={},
        statement=False,
        certificates=("eur1",),
    )
    decision = decide(agreements=[certificate_only], country="TN", lines=lines("x", "EU"))
    assert decision.outcome is rules.Outcome.CERTIFICATE and decision.certificate == "eur1"


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        ("Origin {origin} by {exporter} no {rex}", "Unknown placeholder {rex}"),
        ("No origin here {number}", "must hold the preferential origin"),
        ("Broken {origin", "Unbalanced braces"),
    ],
)
def test_wording_checks(wording: str, message: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        rules.check_wording(wording, "wording_en")
    assert message in caught.value.message and caught.value.field == "wording_en"


def test_long_term_supplier_declaration_covers_two_years_at_most() -> None:
    start = dt.date(2026, 1, 1)
    assert (
        rules.declaration_problem(valid_from=start, valid_to=dt.date(2027, 12, 31), long_term=True)
        is None
    )
    too_long = rules.declaration_problem(
        valid_from=start, valid_to=dt.date(2028, 1, 2), long_term=True
    )
    assert too_long is not None and too_long.field == "valid_to" and "art. 62" in too_long.message
    backwards = rules.declaration_problem(
        valid_from=start, valid_to=dt.date(2025, 12, 31), long_term=False
    )
    assert backwards is not None and "ends before" in backwards.message


def test_reminder_window_is_the_30_days_before_the_end() -> None:
    today = dt.date(2026, 12, 5)
    assert rules.reminder_due(dt.date(2027, 1, 4), today)
    assert not rules.reminder_due(dt.date(2027, 1, 5), today)
    assert rules.reminder_due(today, today)
    assert not rules.reminder_due(dt.date(2026, 12, 4), today)


# ----------------------------------------------------------------------------- properties

values = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False))
exporters = st.builds(
    rules.Exporter,
    name=st.just("Maison Ferrand SAS"),
    place=st.just("Thiers"),
    rex_number=st.sampled_from(["", "FRREX1"]),
    approved_number=st.sampled_from(["", "FR/001/0042"]),
)
countries = st.sampled_from(["GB", "KR", "CH", "NO", "TN", "US"])
line_sets = st.lists(
    st.dictionaries(
        st.sampled_from(["eu-uk-tca", "eu-korea", "eu-switzerland", "pem"]),
        st.sampled_from(["EU", "EU", "EU", "GB"]),
    ),
    min_size=1,
    max_size=5,
)


@given(values, exporters, countries, line_sets, st.sampled_from(["en", "fr"]))
def test_never_a_statement_over_the_threshold_without_the_number(  # type: ignore[no-untyped-def]
    value, exporter, country, origin_sets, language
):
    found = [rules.LineOrigin(f"L{i}", o) for i, o in enumerate(origin_sets)]
    decision = decide(
        value_eur=value, exporter=exporter, country=country, lines=found, language=language
    )
    if decision.outcome is rules.Outcome.STATEMENT:
        chosen = next(a for a in ALL if a.code == decision.agreement)
        number = exporter.number(chosen.exporter_number)
        assert country in chosen.partners
        assert all(chosen.code in line.origins for line in found)
        if value is None or value > chosen.threshold_eur:
            assert number and number in decision.text
        assert "{" not in decision.text and "Thiers" in decision.text
    else:
        assert decision.text == "" and decision.reason is not None


@given(values, exporters, countries, line_sets)
def test_decision_does_not_depend_on_the_order_of_the_lines(  # type: ignore[no-untyped-def]
    value, exporter, country, origin_sets
):
    found = [rules.LineOrigin(f"L{i}", o) for i, o in enumerate(origin_sets)]
    forward = decide(value_eur=value, exporter=exporter, country=country, lines=found)
    backward = decide(value_eur=value, exporter=exporter, country=country, lines=found[::-1])
    assert (forward.outcome, forward.agreement, forward.text) == (
        backward.outcome,
        backward.agreement,
        backward.text,
    )
