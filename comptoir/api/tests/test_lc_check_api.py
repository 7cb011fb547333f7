"""The document checker through the API and the CLI: the same JSON, 200/exit 0 whatever the
verdict, 400/exit 2 with ``{"error", "field"}`` on bad input."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from comptoir.trade.tests.lc_check_base import BASE, payload

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "lc"


def post(client, data, query=""):  # type: ignore[no-untyped-def]
    return client.post(f"/api/lc/check{query}", data, content_type="application/json")


def test_a_read_only_user_checks_a_compliant_presentation(reader_client):  # type: ignore[no-untyped-def]
    response = post(reader_client, BASE)
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "compliant": True,
        "discrepancies": [],
        "last_presentation_date": "2026-12-07",
        "steps": body["steps"],
    }
    assert body["steps"]


def test_a_discrepant_presentation_is_a_200_with_the_list(reader_client):  # type: ignore[no-untyped-def]
    response = post(reader_client, payload(presented="2026-12-08"))
    assert response.status_code == 200
    assert [d["code"] for d in response.json()["discrepancies"]] == ["LATE_PRESENTATION"]


def test_messages_in_the_asked_language(reader_client):  # type: ignore[no-untyped-def]
    data = payload(commercial_invoice={"currency": "USD"})
    english = post(reader_client, data).json()
    french = post(reader_client, data, "?lang=fr").json()
    assert english["discrepancies"][0]["message"] == "The invoice is in USD; the credit is in EUR."
    assert french["discrepancies"][0]["message"] == "La facture est en USD ; le crédit est en EUR."
    assert french["discrepancies"][0]["code"] == "CURRENCY_MISMATCH"
    reader_client.cookies["comptoir_language"] = "fr"
    assert post(reader_client, data).json()["discrepancies"][0]["message"].startswith("La facture")


def test_bad_input_is_a_400_naming_the_field(reader_client):  # type: ignore[no-untyped-def]
    bad = payload(commercial_invoice={"amount": "-3"})
    response = post(reader_client, bad)
    assert response.status_code == 400
    assert response.json()["field"] == "presentation.documents[0].amount"
    assert set(response.json()) == {"error", "field"}
    crossed = copy.deepcopy(BASE)
    crossed["credit"]["expiry_date"] = "2026-11-01"
    assert post(reader_client, crossed).json()["field"] == "credit.expiry_date"
    assert post(reader_client, [1, 2]).status_code == 400
    assert post(reader_client, BASE, "?lang=de").json()["field"] == "lang"


def test_authentication_is_required(client):  # type: ignore[no-untyped-def]
    assert post(client, BASE).status_code in (401, 403)


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "comptoir", "lc", "check", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "comptoir.settings.test"},
        check=False,
    )


def test_cli_exit_0_whether_compliant_or_not_and_2_on_bad_input(tmp_path):  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(BASE), encoding="utf-8")
    done = _cli("--file", str(good))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["compliant"] is True
    late = tmp_path / "late.json"
    late.write_text(json.dumps(payload(presented="2026-12-08")), encoding="utf-8")
    done = _cli("--file", str(late), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["compliant"] is False
    assert result["discrepancies"][0]["code"] == "LATE_PRESENTATION"
    assert "décembre" in result["discrepancies"][0]["message"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(payload({"tolerance_plus_pct": "150"})), encoding="utf-8")
    done = _cli("--file", str(bad))
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "error": "A tolerance is a percentage between 0 and 100 (not negative, not over 100).",
        "field": "credit.tolerance_plus_pct",
    }


def test_cli_refuses_more_than_one_megabyte_and_bad_json(tmp_path):  # type: ignore[no-untyped-def]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"credit": {"goods_description": "x" * 1_100_000}}), encoding="utf-8")
    done = _cli("--file", str(big))
    assert done.returncode == 2 and json.loads(done.stdout)["field"] == "file"
    done = _cli("--file", "-", stdin="{not json")
    assert done.returncode == 2 and json.loads(done.stdout)["field"] is None
    done = _cli("--file", str(tmp_path / "missing.json"))
    assert done.returncode == 2 and json.loads(done.stdout)["field"] == "file"


def test_the_bundled_examples_run(reader_client):  # type: ignore[no-untyped-def]
    examples = sorted(EXAMPLES.glob("*.json"))
    assert examples
    for path in examples:
        data = json.loads(path.read_text(encoding="utf-8"))
        response = post(reader_client, data)
        assert response.status_code == 200, (path.name, response.json())
        expected = path.stem.split("-")[0]
        assert response.json()["compliant"] is (expected == "compliant"), path.name
