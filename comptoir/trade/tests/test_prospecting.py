"""Prospecting rules: names without legal forms, keys, merge fields, the CNIL B2B rule and
the funnel, with worked examples and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import prospecting as core
from comptoir.trade.errors import TradeInputError


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Küchenwelt GmbH & Co. KG", "kuchenwelt"),
        ("KÜCHENWELT gmbh", "kuchenwelt"),
        ("S.A.R.L. Dupont & Fils", "dupont fils"),
        ("Dupont et Fils SARL", "dupont et fils"),
        ("Harrods Ltd.", "harrods"),
        ("Casa Bella S.p.A.", "casa bella"),
        ("Grupo Cocina S.A. de C.V.", "grupo cocina"),
        ("Kuchnia Sp. z o.o.", "kuchnia"),
        ("AG", "ag"),  # a name that is only a legal form stays
    ],
)
def test_legal_forms_are_dropped(name: str, normal: str) -> None:
    assert core.normalise_company_name(name) == normal


def test_names_alike_across_legal_forms_and_accents() -> None:
    assert core.names_alike("Küchenwelt GmbH", "Kuechenwelt") < 100
    assert core.names_alike("Küchenwelt GmbH", "KUCHENWELT G.m.b.H.") >= 90
    assert core.names_alike("Maison du Café SAS", "Maison du Cafe") == 100
    assert core.names_alike("Maison du Café", "Kaffeehaus Berlin") < core.NAME_MATCH_THRESHOLD
    assert core.names_alike("", "x") == 0


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.kuechenwelt.de/shop?x=1", "kuechenwelt.de"),
        ("WWW.Kuechenwelt.DE", "kuechenwelt.de"),
        ("kuechenwelt.de/", "kuechenwelt.de"),
        ("", ""),
        ("localhost", ""),
    ],
)
def test_website_domain(url: str, domain: str) -> None:
    assert core.website_domain(url) == domain


def test_vat_and_email_normalised() -> None:
    assert core.normalise_vat("de 123.456-789") == "DE123456789"
    assert core.normalise_email("  Anna.Schmidt@Kuechenwelt.DE ") == "anna.schmidt@kuechenwelt.de"
    assert core.is_email("a@b.de") and not core.is_email("a@b") and not core.is_email("a b@c.de")


def test_target_key_prefers_the_person_then_the_company() -> None:
    common = {"vat_number": "DE 1", "website": "www.x.de", "company": "X GmbH", "country": "de"}
    assert core.target_key(**common, email="A@X.de") == "mail:a@x.de"
    assert core.target_key(**common, email="") == "vat:DE1"
    assert core.target_key(**{**common, "vat_number": ""}, email="") == "web:x.de"
    assert (
        core.target_key(vat_number="", website="", company="X GmbH", country="de", email="")
        == "name:DE:x"
    )


def test_merge_fields_checked_and_merged() -> None:
    template = "Dear {{ first_name }} {{last_name}}, {{ company }} in {{ country }} — {{ sender }}"
    core.check_template(template, "body_en")
    merged = core.merge(template, {"first_name": "Anna", "last_name": "Schmidt", "company": "K"})
    assert merged == "Dear Anna Schmidt, K in  — "


def test_unknown_merge_field_is_named() -> None:
    with pytest.raises(TradeInputError) as error:
        core.check_template("Hello {{ firstname }} and {{ other }}", "body_fr")
    assert error.value.field == "body_fr"
    assert "firstname" in error.value.message and "other" not in error.value.message
    with pytest.raises(TradeInputError):
        core.check_template("Hello {{ first_name }", "subject_en")
    with pytest.raises(TradeInputError):
        core.check_template("x" * (core.MAX_TEMPLATE_CHARS + 1), "body_en")


def test_cnil_b2b_rule() -> None:
    pro = core.email_basis(
        address="anna@kuechenwelt.de", lawful_basis="legitimate_interest", has_consent=False
    )
    assert pro.allowed and pro.basis == "legitimate_interest"
    private = core.email_basis(
        address="anna.s@gmx.de", lawful_basis="legitimate_interest", has_consent=False
    )
    assert not private.allowed and "L34-5" in private.reason
    consented = core.email_basis(address="anna.s@gmx.de", lawful_basis="consent", has_consent=True)
    assert consented.allowed and consented.basis == "consent"
    # a consent ticked without its date is no consent
    undated = core.email_basis(address="anna.s@gmx.de", lawful_basis="consent", has_consent=False)
    assert not undated.allowed
    assert core.is_generic_address("Info@firm.de") and not core.is_generic_address("anna@firm.de")


def test_funnel_rates() -> None:
    stages = core.funnel([("sent", 200), ("delivered", 190), ("replies", 19), ("orders", 0)])
    assert [s.of_first for s in stages] == [
        Decimal("100.0"),
        Decimal("95.0"),
        Decimal("9.5"),
        Decimal("0.0"),
    ]
    assert stages[2].of_previous == Decimal("10.0")
    assert core.funnel([("sent", 0), ("delivered", 0)])[1].of_first is None
    with pytest.raises(ValueError):
        core.funnel([("sent", -1)])


def test_cost_per_lead() -> None:
    assert core.cost_per(Decimal("1500"), 7) == Decimal("214.29")
    assert core.cost_per(Decimal("1500"), 0) is None


@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing(name: str) -> None:
    once = core.normalise_company_name(name)
    assert core.normalise_company_name(once) == once or not once


@given(st.text(max_size=40), st.text(max_size=40))
def test_alike_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = core.names_alike(a, b)
    assert score == core.names_alike(b, a)
    assert 0 <= score <= 100


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8))
def test_funnel_shares_of_first_follow_the_counts(counts: list[int]) -> None:
    stages = core.funnel([(str(i), c) for i, c in enumerate(counts)])
    assert [s.count for s in stages] == counts
    if counts[0] > 0:
        for stage in stages:
            assert stage.of_first is not None
            assert abs(stage.of_first - Decimal(stage.count) * 100 / counts[0]) <= Decimal("0.05")


@given(st.dictionaries(st.sampled_from(core.MERGE_FIELDS), st.text(max_size=10)))
def test_a_merged_template_has_no_field_left(values: dict[str, str]) -> None:
    template = " ".join(f"{{{{ {name} }}}}" for name in core.MERGE_FIELDS)
    merged = core.merge(template, values)
    assert "{{" not in merged or any("{{" in v for v in values.values())
