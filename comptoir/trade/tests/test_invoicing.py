"""French invoice rules: VAT case and mentions, payment terms, late payment, totals, credit notes.

Worked examples:

1. VAT numbers: check-digit-valid numbers of the python-stdnum documentation (DE136695976,
   EL094259216, XI980780684, FR40303265045); DE136695977 has a wrong check digit.
2. "45 days end of month": an invoice of 15 January is due on 31 March (15 January + 45 days =
   1 March, then the end of March): Solon avocats, "Délais de paiement : comment calculer la
   fin de mois" (2023), second method, the one of the CEPC/DGCCRF Q&A on L441-10.
3. Late-payment rate: ECB main refinancing rate 4.25 % on 1 July 2024 + 10 points = 14.25 % for
   the second half of 2024 (Éditions Francis Lefebvre, "Taux de l'intérêt légal au second
   semestre 2024", 11.09.2024).
4. Interest, by hand: 10,000.00 x 14.25 % x 30 / 365 = 4,275 / 36.5 = 117.123... -> 117.12;
   JPY 1,000,000 x 12.15 % x 10 / 365 = 3,328.77 -> 3,329 (the yen has no minor unit).
5. Totals: three lines of 0.05 at 10 % VAT: VAT on the total net 0.15 is 0.015 -> 0.02, where
   rounding per line would give 3 x 0.01 = 0.03 (EN 16931 BR-CO-17: VAT on the total).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import (
    EU_MEMBER_STATES,
    LATE_PAYMENT_MARGIN,
    RECOVERY_INDEMNITY_EUR,
    Line,
    VatCase,
    credit_note_allowed,
    due_date,
    late_payment_clause,
    late_payment_interest,
    late_payment_rate,
    legal_term_warning,
    line_net,
    totals,
    vat_treatment,
)
from comptoir.trade.money import quantum

D = Decimal


def field_of(excinfo: pytest.ExceptionInfo[TradeInputError]) -> str | None:
    return excinfo.value.field


# --- VAT -----------------------------------------------------------------------------------


def test_member_states_2026() -> None:
    """27 member states; Greece by its ISO code GR (EL is only its VAT prefix); no UK, no Monaco."""
    assert len(EU_MEMBER_STATES) == 27
    assert {"GR", "HR", "CY", "MT", "FR", "IE"} <= EU_MEMBER_STATES
    assert not {"EL", "GB", "MC", "CH", "NO"} & EU_MEMBER_STATES
    assert all(pycountry.countries.get(alpha_2=code) is not None for code in EU_MEMBER_STATES)


def test_intra_eu_b2b_germany() -> None:
    result = vat_treatment("DE", "DE136695976")
    assert result.case is VatCase.INTRA_EU_B2B
    assert result.rate == 0
    assert result.vat_category == "K"
    assert result.exemption_code == "VATEX-EU-IC"
    assert result.buyer_vat_required
    # Goods: the exemption article, no reverse-charge wording (issue 9, item 7).
    assert result.mention_fr == "Exonération de TVA, article 262 ter I du CGI"
    assert "utoliquidation" not in result.mention_fr
    assert "reverse charge" not in result.mention_en
    assert "Article 138 of Council Directive 2006/112/EC" in result.mention_en
    assert "262 ter I" in result.legal_reference


def test_greek_buyer_uses_el_prefix_and_gr_country() -> None:
    assert vat_treatment("GR", "EL094259216").case is VatCase.INTRA_EU_B2B
    with pytest.raises(TradeInputError) as excinfo:
        vat_treatment("EL", "EL094259216")
    assert field_of(excinfo) == "buyer_country"
    assert "GR" in excinfo.value.message


def test_vat_number_written_loosely_is_accepted() -> None:
    assert vat_treatment("de", "de 136.695.976").case is VatCase.INTRA_EU_B2B


def test_eu_buyer_without_vat_number_pays_french_vat() -> None:
    result = vat_treatment("IT")
    assert result.case is VatCase.INTRA_EU_B2C
    assert result.rate == D("20")
    assert result.vat_category == "S"
    assert (result.mention_fr, result.mention_en, result.exemption_code) == ("", "", "")
    assert "258 I a" in result.legal_reference


def test_export_to_the_united_states() -> None:
    result = vat_treatment("US", "12-3456789")
    assert result.case is VatCase.EXPORT
    assert result.rate == 0
    assert result.vat_category == "G"
    assert result.exemption_code == "VATEX-EU-G"
    assert result.mention_fr == "Exonération de TVA, article 262 I du CGI"
    assert "export of goods, article 262 I" in result.mention_en
    assert not result.buyer_vat_required


def test_northern_ireland_by_xi_prefix_great_britain_is_export() -> None:
    """Windsor Framework: an XI number makes goods to the UK an intra-EU supply."""
    northern_ireland = vat_treatment("GB", "XI980780684")
    assert northern_ireland.case is VatCase.INTRA_EU_B2B
    assert "Windsor" in northern_ireland.legal_reference
    assert vat_treatment("GB", "GB980780684").case is VatCase.EXPORT
    assert vat_treatment("GB").case is VatCase.EXPORT


def test_monaco_and_france_are_domestic() -> None:
    monaco = vat_treatment("MC")
    assert monaco.case is VatCase.DOMESTIC
    assert monaco.rate == D("20")
    assert "art. 7(1)" in monaco.legal_reference
    assert (monaco.mention_fr, monaco.mention_en, monaco.vat_category) == ("", "", "S")
    reduced = vat_treatment("FR", "FR40303265045", domestic_rate=D("5.5"))
    assert reduced.case is VatCase.DOMESTIC
    assert reduced.rate == D("5.5")


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        (("DE", "DE136695976"), {"seller_country": "BE"}, "seller_country"),
        (("ZZ",), {}, "buyer_country"),
        (("XI", "XI980780684"), {}, "buyer_country"),
        (("DE", "FR40303265045"), {}, "buyer_vat_number"),  # buyer identified in France
        (("DE", "DE136695977"), {}, "buyer_vat_number"),  # wrong check digit
        (("DE", "CHE123456789"), {}, "buyer_vat_number"),  # not an EU number
        (("GB", "XI980780685"), {}, "buyer_vat_number"),
        (("FR",), {"domestic_rate": D("0")}, "domestic_rate"),
        (("FR",), {"domestic_rate": D("100")}, "domestic_rate"),
    ],
)
def test_vat_treatment_bad_input(
    args: tuple[str, ...], kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        vat_treatment(*args, **kwargs)  # type: ignore[arg-type]
    assert field_of(excinfo) == field


def test_french_vat_number_cannot_carry_an_intra_eu_exemption() -> None:
    """Art. 262 ter I CGI: the buyer must be identified in a member state other than France."""
    with pytest.raises(TradeInputError) as excinfo:
        vat_treatment("BE", "FR40303265045")
    assert field_of(excinfo) == "buyer_vat_number"
    assert "French VAT number" in excinfo.value.message
    assert "262 ter I" in excinfo.value.message


_COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_COUNTRIES))
def test_case_without_vat_number_follows_the_destination(country: str) -> None:
    result = vat_treatment(country)
    if country in ("FR", "MC"):
        assert result.case is VatCase.DOMESTIC
    elif country in EU_MEMBER_STATES:
        assert result.case is VatCase.INTRA_EU_B2C
    else:
        assert result.case is VatCase.EXPORT
    charged = result.case in (VatCase.DOMESTIC, VatCase.INTRA_EU_B2C)
    assert (result.rate > 0) == charged
    assert (result.exemption_code == "") == charged
    assert (result.mention_fr == "") == charged
    assert not result.buyer_vat_required


# --- payment terms -------------------------------------------------------------------------


def test_45_days_end_of_month_from_15_january() -> None:
    assert due_date(date(2026, 1, 15), 45, end_of_month=True) == date(2026, 3, 31)
    assert due_date(date(2026, 1, 15), 45) == date(2026, 3, 1)


def test_net_days_count_calendar_days_and_leap_years() -> None:
    assert due_date(date(2026, 1, 1), 60) == date(2026, 3, 2)
    assert due_date(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert due_date(date(2028, 1, 31), 30) == date(2028, 3, 1)  # 29 February 2028
    assert due_date(date(2026, 2, 10), 0, end_of_month=True) == date(2026, 2, 28)


@pytest.mark.parametrize("days", [-1, 366, True])
def test_due_date_rejects_bad_terms(days: int) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        due_date(date(2026, 1, 15), days)
    assert field_of(excinfo) == "payment_days"


@settings(max_examples=80, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 365))
def test_end_of_month_is_the_last_day_of_the_net_due_month(invoice: date, days: int) -> None:
    net = due_date(invoice, days)
    eom = due_date(invoice, days, end_of_month=True)
    assert (net - invoice).days == days
    assert (eom.year, eom.month) == (net.year, net.month)
    assert eom >= net
    assert (eom + timedelta(days=1)).day == 1


def test_legal_term_warnings_domestic() -> None:
    assert legal_term_warning(60, False, VatCase.DOMESTIC) is None
    assert legal_term_warning(45, True, VatCase.DOMESTIC) is None
    over = legal_term_warning(61, False, VatCase.DOMESTIC)
    assert over is not None and "61 days" in over and "L441-10" in over
    eom = legal_term_warning(60, True, VatCase.DOMESTIC)
    assert eom is not None and "45 days end of month" in eom


def test_legal_term_warnings_intra_eu_and_export() -> None:
    intra = legal_term_warning(90, False, VatCase.INTRA_EU_B2B)
    assert intra is not None and "CISG" in intra
    assert legal_term_warning(46, True, VatCase.INTRA_EU_B2C) is not None
    # An export sale's contract is under French law unless the parties chose another.
    export = legal_term_warning(120, False, VatCase.EXPORT)
    assert export is not None and "CISG" in export
    with pytest.raises(TradeInputError) as excinfo:
        legal_term_warning(400, False, VatCase.EXPORT)
    assert field_of(excinfo) == "payment_days"


# --- late payment --------------------------------------------------------------------------


def test_late_payment_rate_second_half_2024() -> None:
    assert LATE_PAYMENT_MARGIN == D("10")
    assert RECOVERY_INDEMNITY_EUR == D("40")
    assert late_payment_rate(D("4.25")) == D("14.25")
    assert late_payment_rate(D("0")) == D("10")


def test_late_payment_interest_worked_examples() -> None:
    assert late_payment_interest(D("10000.00"), D("14.25"), 30, "EUR") == D("117.12")
    assert late_payment_interest(D("1000000"), D("12.15"), 10, "JPY") == D("3329")
    assert late_payment_interest(D("10000.00"), D("14.25"), 0, "EUR") == D("0.00")


@settings(max_examples=80, deadline=None)
@given(
    st.decimals(D("0"), D("10000000"), places=2),
    st.decimals(D("0"), D("30"), places=2),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_simple_interest_adds_up_over_periods(
    amount: Decimal, rate: Decimal, first: int, second: int
) -> None:
    """Simple interest: the two periods' interest add up to the whole, to within rounding."""
    whole = late_payment_interest(amount, rate, first + second, "EUR")
    parts = late_payment_interest(amount, rate, first, "EUR") + late_payment_interest(
        amount, rate, second, "EUR"
    )
    assert abs(whole - parts) <= D("0.01")
    assert whole >= late_payment_interest(amount, rate, first, "EUR")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("-1"), D("10"), 5, "EUR"), "amount"),
        ((D("100"), D("101"), 5, "EUR"), "annual_rate_pct"),
        ((D("100"), D("10"), -1, "EUR"), "days_late"),
        ((D("100"), D("10"), 5, "EUX"), "currency"),
    ],
)
def test_late_payment_interest_bad_input(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        late_payment_interest(*args)  # type: ignore[arg-type]
    assert field_of(excinfo) == field


def test_late_payment_clause_french_and_english() -> None:
    fr = late_payment_clause(None, "fr")
    assert fr.startswith("Pénalités de retard : taux BCE + 10 points")
    assert "Indemnité forfaitaire pour frais de recouvrement : 40 €" in fr
    assert fr.endswith("Pas d'escompte pour paiement anticipé.")
    assert "taux annuel de 14,25 %" in late_payment_clause(D("14.25"), "fr")
    en = late_payment_clause(None, "en")
    assert "ECB rate + 10 points" in en and "EUR 40" in en
    assert en.endswith("No discount for early payment.")
    assert "14.25% a year" in late_payment_clause(D("14.25"), "en")


def test_late_payment_clause_bad_input() -> None:
    with pytest.raises(TradeInputError) as excinfo:
        late_payment_clause(None, "de")
    assert field_of(excinfo) == "language"
    with pytest.raises(TradeInputError) as excinfo:
        late_payment_clause(D("-1"), "fr")
    assert field_of(excinfo) == "rate_pct"


# --- lines and totals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"quantity": D("0"), "unit_price": D("1")}, "quantity"),
        ({"quantity": D("-2"), "unit_price": D("1")}, "quantity"),
        ({"quantity": D("1"), "unit_price": D("-0.01")}, "unit_price"),
        ({"quantity": D("1"), "unit_price": D("1"), "discount_pct": D("100")}, "discount_pct"),
        ({"quantity": D("1"), "unit_price": D("1"), "discount_pct": D("-1")}, "discount_pct"),
    ],
)
def test_line_validation(kwargs: dict[str, Decimal], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        Line(**kwargs)
    assert field_of(excinfo) == field


def test_line_net_rounds_to_the_currency() -> None:
    # 3 x 19.99 = 59.97, less 10 % = 53.973 -> 53.97
    assert line_net(Line(D("3"), D("19.99"), D("10")), "EUR") == D("53.97")
    # 3 x 333 = 999, less 5 % = 949.05 -> 949 yen
    assert line_net(Line(D("3"), D("333"), D("5")), "JPY") == D("949")
    # half-up, not half-even: 0.125 -> 0.13
    assert line_net(Line(D("1"), D("0.125")), "EUR") == D("0.13")
    # 3 decimals for the Kuwaiti dinar: 2 x 1.2345 = 2.469
    assert line_net(Line(D("2"), D("1.2345")), "KWD") == D("2.469")


def test_vat_on_the_total_not_per_line() -> None:
    result = totals([Line(D("1"), D("0.05"))] * 3, D("10"), "EUR")
    assert (result.net, result.vat, result.gross) == (D("0.15"), D("0.02"), D("0.17"))
    assert result.vat_rate == D("10")


def test_totals_worked_example() -> None:
    # 53.97 + 10 x 2.345 = 23.45 -> net 77.42; VAT 20 % = 15.484 -> 15.48; gross 92.90
    result = totals([Line(D("3"), D("19.99"), D("10")), Line(D("10"), D("2.345"))], D("20"), "EUR")
    assert (result.net, result.vat, result.gross) == (D("77.42"), D("15.48"), D("92.90"))


@pytest.mark.parametrize(
    ("lines", "rate", "currency", "field"),
    [
        ([], D("20"), "EUR", "lines"),
        ([Line(D("1"), D("1"))], D("100"), "EUR", "vat_rate_pct"),
        ([Line(D("1"), D("1"))], D("-1"), "EUR", "vat_rate_pct"),
        ([Line(D("1"), D("1"))], D("20"), "EURO", "currency"),
    ],
)
def test_totals_bad_input(lines: list[Line], rate: Decimal, currency: str, field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        totals(lines, rate, currency)
    assert field_of(excinfo) == field


_LINES = st.lists(
    st.builds(
        Line,
        st.decimals(D("0.001"), D("10000"), places=3),
        st.decimals(D("0"), D("100000"), places=4),
        st.decimals(D("0"), D("99.99"), places=2),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(
    _LINES,
    st.one_of(
        st.sampled_from([D("0"), D("2.1"), D("5.5"), D("10"), D("20"), D("25.5")]),
        st.decimals(D("0"), D("99.99"), places=2),
    ),
    st.sampled_from(["EUR", "JPY", "KWD", "USD"]),
)
def test_totals_properties(lines: list[Line], rate: Decimal, currency: str) -> None:
    result = totals(lines, rate, currency)
    unit = quantum(currency)
    assert result.net == sum((line_net(line, currency) for line in lines), D(0))
    assert result.gross == result.net + result.vat
    assert abs(result.vat - result.net * rate / 100) <= unit / 2
    assert result.vat == result.vat.quantize(unit)


# --- credit notes --------------------------------------------------------------------------


def test_credit_notes_up_to_the_invoice_gross() -> None:
    credit_note_allowed(D("1200.00"), D("0"), D("1200.00"))  # the whole invoice: no error
    credit_note_allowed(D("1200.00"), D("1000.00"), D("200.00"))  # exactly what is left
    with pytest.raises(TradeInputError) as excinfo:
        credit_note_allowed(D("1200.00"), D("1000.00"), D("200.01"))
    assert field_of(excinfo) == "amount"
    assert "200" in excinfo.value.message


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("1200"), D("0"), D("0")), "amount"),
        ((D("1200"), D("0"), D("-5")), "amount"),
        ((D("1200"), D("1300"), D("1")), "already_credited"),
        ((D("1200"), D("-1"), D("1")), "already_credited"),
        ((D("0"), D("0"), D("1")), "invoice_gross"),
    ],
)
def test_credit_note_bad_input(args: tuple[Decimal, Decimal, Decimal], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        credit_note_allowed(*args)
    assert field_of(excinfo) == field


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(D("0.01"), D("1000000"), places=2),
    st.decimals(D("0"), D("1"), places=4),
    st.decimals(D("-100"), D("1000000"), places=2),
)
def test_credit_note_allowed_iff_within_what_is_left(
    gross: Decimal, share: Decimal, requested: Decimal
) -> None:
    done = (gross * share).quantize(D("0.01"))
    left = gross - done
    if 0 < requested <= left:
        credit_note_allowed(gross, done, requested)
    else:
        with pytest.raises(TradeInputError) as excinfo:
            credit_note_allowed(gross, done, requested)
        assert field_of(excinfo) == "amount"
