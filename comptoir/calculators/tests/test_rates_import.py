"""A newer ECB reference rates file extends the rates past the bundled ones."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comptoir.trade import fx

ECB_CSV = (
    "Date,USD,JPY,GBP,CHF,\n"
    "2026-11-20,1.1500,172.50,0.8700,0.9300,\n"
    "2026-11-19,1.1450,172.00,0.8690,0.9310,\n"
)


@pytest.fixture
def var_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    yield tmp_path
    fx.use_ecb_file(None)  # back to the bundled file for the other tests


def test_import_a_newer_ecb_file_and_convert_after_the_bundled_dates(var_dir, tmp_path):
    with pytest.raises(fx.RateNotFoundError):
        fx.EcbRateSource().quote("USD", "EUR", dt.date(2026, 11, 20))
    source = tmp_path / "eurofxref-hist.csv"
    source.write_text(ECB_CSV)
    out = io.StringIO()
    call_command("rates", "import", str(source), stdout=out)
    assert "up to 2026-11-20" in out.getvalue()
    assert (var_dir / "ecb" / "eurofxref-hist.csv").exists()
    quote = fx.EcbRateSource().quote("USD", "EUR", dt.date(2026, 11, 20))
    assert quote.rate == Decimal("1") / Decimal("1.1500")
    # A Saturday uses Friday's fixing.
    assert fx.EcbRateSource().quote("USD", "EUR", dt.date(2026, 11, 21)).rate_date == dt.date(
        2026, 11, 20
    )
    status = io.StringIO()
    call_command("rates", "status", stdout=status)
    assert "2026-11-20" in status.getvalue()


def test_a_file_that_is_not_ecb_rates_is_refused(var_dir, tmp_path):
    bad = tmp_path / "prices.csv"
    bad.write_text("reference,price\nA,1\n")
    with pytest.raises(CommandError):
        call_command("rates", "import", str(bad))
    assert not (var_dir / "ecb").exists()
