"""A documentary credit on receipt against the sale (UCP 600 art. 6, 10, 14 c, 20, 29, 30,
31, 37; ISBP 821; Incoterms 2020).

Worked cases:

1. The classic receipt check of the French training "Sécuriser les opérations financières à
   l'international": a CIF Casablanca order of EUR 100,000; the credit is opened for EUR
   95,000 without tolerance, names FOB Marseille, ships by 10 March while the goods are
   ready on 20 March, requires an inspection certificate signed by the applicant and
   expires in Morocco: five amendments to request before shipping.
2. "About EUR 95,000" allows 104,500 (art. 30 a): an order of 100,000 fits.
3. A presentation period of 7 days while the certificate of origin must be legalised by
   the consulate (2 + 7 days) and the documents couriered abroad (5 days): too short.
4. Transhipment prohibited on a route that tranships in containers: acceptable under
   art. 20 c ii (information only).
5. Art. 29 a: a credit expiring on Saturday 19 June 2027 in France may be presented on
   Monday 21 June; art. 29 c: the latest shipment date is not extended.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.lc_receipt import (
    CreditTerms,
    RequiredDocument,
    SaleTerms,
    deadlines,
    preparation_days,
    review,
    validate_terms,
)

D = Decimal


def _credit(**changes: object) -> CreditTerms:
    values: dict[str, object] = {
        "currency": "EUR",
        "amount": D("100000"),
        "expiry_date": date(2027, 5, 15),
        "expiry_country": "FR",
        "latest_shipment_date": date(2027, 4, 20),
        "issue_date": date(2027, 3, 1),
        "confirmed": True,
        "available_with": "advising",
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "port_of_loading": "Marseille",
        "port_of_discharge": "Casablanca",
        "documents": (
            RequiredDocument("commercial_invoice", originals=3),
            RequiredDocument("bill_of_lading", originals=3, issuer="carrier", freight="prepaid"),
            RequiredDocument("insurance", cover_pct=D("110"), risks="ICC (A)"),
            RequiredDocument("certificate_of_origin", issuer="chamber_of_commerce"),
        ),
    }
    values.update(changes)
    return CreditTerms(**values)  # type: ignore[arg-type]


def _sale(**changes: object) -> SaleTerms:
    values: dict[str, object] = {
        "currency": "EUR",
        "amount": D("100000"),
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "ready_date": date(2027, 4, 1),
        "mode": "sea",
        "transit_days": 4,
        "port_of_loading": "FRMRS Marseille",
        "port_of_discharge": "MACAS Casablanca",
        "applicant_country": "MA",
        "country_risk": "moderate",
    }
    values.update(changes)
    return SaleTerms(**values)  # type: ignore[arg-type]


def _codes(credit: CreditTerms, sale: SaleTerms) -> dict[str, str]:
    return {f.code: f.severity for f in review(credit, sale, today=date(2027, 3, 5))}


def test_a_credit_that_fits_has_only_information() -> None:
    findings = review(_credit(), _sale(), today=date(2027, 3, 5))
    assert {f.severity for f in findings} <= {"info"}
    assert [f.code for f in findings] == ["GOODS_BEFORE_DOCUMENTS"]


def test_worked_case_one_five_amendments() -> None:
    credit = _credit(
        amount=D("95000"),
        incoterm="FOB",
        named_place="Marseille",
        latest_shipment_date=date(2027, 3, 10),
        expiry_date=date(2027, 4, 30),
        expiry_country="MA",
        documents=(
            RequiredDocument("commercial_invoice"),
            RequiredDocument("inspection_certificate", issuer="applicant"),
        ),
    )
    sale = _sale(ready_date=date(2027, 3, 20))
    codes = _codes(credit, sale)
    for code in (
        "AMOUNT_BELOW_ORDER",
        "INCOTERM_DIFFERENT",
        "SHIPMENT_DATE_TOO_EARLY",
        "ISSUED_BY_APPLICANT",
    ):
        assert codes[code] == "blocking", code
    assert codes["EXPIRY_ABROAD"] == "warning"
    findings = review(credit, sale, today=date(2027, 3, 5))
    assert findings[0].severity == "blocking"  # blocking first
    amount = next(f for f in findings if f.code == "AMOUNT_BELOW_ORDER")
    assert amount.amendment is not None and "100000" in amount.amendment
    assert "95000.00" in amount.message
    assert "art. 30" in amount.rule or "tolerance" in amount.rule.lower()


def test_about_covers_the_order() -> None:
    assert "AMOUNT_BELOW_ORDER" not in _codes(_credit(amount=D("95000"), about=True), _sale())
    # an explicit +5 % tolerance: 99,750 < 100,000
    codes = _codes(_credit(amount=D("95000"), tolerance_plus_pct=D("5")), _sale())
    assert codes["AMOUNT_BELOW_ORDER"] == "blocking"


def test_currency_different_is_blocking_and_skips_amounts() -> None:
    codes = _codes(_credit(currency="USD", amount=D("1")), _sale())
    assert codes["CURRENCY_DIFFERENT"] == "blocking"
    assert "AMOUNT_BELOW_ORDER" not in codes


def test_presentation_period_too_short_with_legalisation_and_courier() -> None:
    credit = _credit(
        presentation_days=7,
        expiry_country="MA",
        documents=(RequiredDocument("certificate_of_origin", legalised=True),),
    )
    needed, why = preparation_days(credit, _sale())
    assert needed == 2 + 7 + 5 + 3
    assert len(why) == 3
    codes = _codes(credit, _sale())
    assert codes["PRESENTATION_PERIOD_TOO_SHORT"] == "blocking"
    assert codes["LEGALISATION"] == "warning"


def test_receipt_signed_by_applicant_counts_the_transit() -> None:
    credit = _credit(documents=(RequiredDocument("receipt_by_applicant"),))
    needed, _ = preparation_days(credit, _sale(transit_days=30))
    assert needed == 1 + 30 + 2 + 3
    codes = _codes(credit, _sale(transit_days=30))
    assert codes["PRESENTATION_PERIOD_TOO_SHORT"] == "blocking"
    assert codes["ISSUED_BY_APPLICANT"] == "blocking"


def test_expiry_too_close_to_the_latest_shipment() -> None:
    codes = _codes(_credit(expiry_date=date(2027, 4, 24)), _sale())
    assert codes["EXPIRY_TOO_CLOSE"] == "blocking"


def test_partial_shipments_and_transhipment() -> None:
    codes = _codes(
        _credit(partial_shipments_allowed=False, transhipment_allowed=False),
        _sale(deliveries=2, transhipment_planned=True, containerised=True),
    )
    assert codes["PARTIAL_SHIPMENTS_PROHIBITED"] == "blocking"
    assert codes["TRANSHIPMENT_CONTAINERS"] == "info"  # art. 20 c ii
    codes = _codes(
        _credit(transhipment_allowed=False),
        _sale(transhipment_planned=True, containerised=False),
    )
    assert codes["TRANSHIPMENT_PROHIBITED"] == "blocking"


def test_ports_and_transport_document_of_another_mode() -> None:
    codes = _codes(_credit(port_of_discharge="Tanger"), _sale())
    assert codes["PORT_OF_DISCHARGE_DIFFERENT"] == "blocking"
    codes = _codes(_credit(), _sale(mode="air"))
    assert codes["TRANSPORT_DOCUMENT_MODE"] == "blocking"


def test_freight_collect_under_cif() -> None:
    credit = _credit(documents=(RequiredDocument("bill_of_lading", freight="collect"),))
    assert _codes(credit, _sale())["FREIGHT_TERMS_DIFFERENT"] == "blocking"
    assert "FREIGHT_TERMS_DIFFERENT" not in _codes(credit, _sale(incoterm="FOB", named_place=""))


def test_insurance_under_fob_and_cover_above_110() -> None:
    credit = _credit(incoterm="FOB", named_place="Marseille")
    codes = _codes(credit, _sale(incoterm="FOB", named_place="Marseille"))
    assert codes["INSURANCE_NOT_OURS"] == "warning"
    credit = _credit(documents=(RequiredDocument("insurance", cover_pct=D("130")),))
    assert _codes(credit, _sale())["INSURANCE_COVER_HIGH"] == "warning"


def test_unconfirmed_credit_for_a_risky_country_or_when_the_offer_asked() -> None:
    assert _codes(_credit(confirmed=False), _sale(country_risk="high"))["NOT_CONFIRMED"] == (
        "warning"
    )
    assert _codes(_credit(confirmed=False), _sale(confirmed_required=True))["NOT_CONFIRMED"] == (
        "blocking"
    )
    assert "NOT_CONFIRMED" not in _codes(_credit(confirmed=False), _sale())


def test_charges_potestative_conditions_and_deferred_term() -> None:
    codes = _codes(
        _credit(
            charges="beneficiary",
            special_conditions="Credit will become operative upon the applicant's approval.",
            availability="deferred",
            usance_days=90,
        ),
        _sale(payment_days=60),
    )
    assert codes["CHARGES_ALL_OURS"] == "warning"
    assert codes["POTESTATIVE_CONDITION"] == "blocking"
    assert codes["TERM_LONGER_THAN_ORDER"] == "blocking"


def test_expired_credit() -> None:
    findings = review(_credit(), _sale(), today=date(2027, 6, 1))
    assert "CREDIT_EXPIRED" in {f.code for f in findings}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expiry_date": date(2027, 4, 1)}, "expiry_date"),  # before the latest shipment
        ({"issue_date": date(2027, 6, 1)}, "issue_date"),  # after expiry
        ({"tolerance_plus_pct": D("150")}, "tolerance_plus_pct"),
        ({"about": True, "tolerance_plus_pct": D("5")}, "tolerance_plus_pct"),
        ({"documents": (RequiredDocument("visa"),)}, "documents"),
        ({"currency": "EURO"}, "currency"),
        ({"amount": D("0")}, "amount"),
        ({"availability": "deferred"}, "usance_days"),
        ({"presentation_days": 0}, "presentation_days"),
    ],
)
def test_bad_terms_name_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(TradeInputError) as error:
        validate_terms(_credit(**changes))
    assert error.value.field == field


def test_deadlines_art_29() -> None:
    """Expiry Saturday 19 June 2027 in France: presentation until Monday 21 June (art. 29 a);
    the latest shipment date stays as it is (art. 29 c)."""
    credit = _credit(latest_shipment_date=date(2027, 6, 5), expiry_date=date(2027, 6, 19))
    result = deadlines(credit)
    assert result.latest_shipment == date(2027, 6, 5)
    assert result.expiry == date(2027, 6, 21)
    assert result.last_presentation == date(2027, 6, 21)
    shipped = deadlines(credit, shipped_on=date(2027, 5, 20))
    assert shipped.last_presentation == date(2027, 6, 10)


@given(
    amount=st.decimals(min_value=1, max_value=10**9, places=2),
    ratio=st.decimals(min_value=D("0.5"), max_value=D("1.5"), places=3),
    about=st.booleans(),
)
def test_amount_finding_iff_the_maximum_is_below_the_order(
    amount: Decimal, ratio: Decimal, about: bool
) -> None:
    order = (amount * ratio).quantize(D("0.01"))
    if order <= 0:
        return
    codes = _codes(_credit(amount=amount, about=about), _sale(amount=order))
    maximum = amount * (D("1.1") if about else D(1))
    assert ("AMOUNT_BELOW_ORDER" in codes) == (maximum.quantize(D("0.01"), "ROUND_FLOOR") < order)


@given(days=st.integers(min_value=1, max_value=60))
def test_period_finding_iff_shorter_than_needed(days: int) -> None:
    credit = _credit(presentation_days=days, expiry_date=date(2027, 8, 1))
    needed, _ = preparation_days(credit, _sale())
    assert ("PRESENTATION_PERIOD_TOO_SHORT" in _codes(credit, _sale())) == (days < needed)
