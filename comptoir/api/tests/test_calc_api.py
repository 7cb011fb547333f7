"""The calculators through the API and the CLI give the same JSON."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_api_incoterm_and_bad_input(reader_client):
    response = reader_client.post(
        "/api/calc/incoterm", {"rule": "FOB"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["rule"] == "FOB" and body["modes"] == "sea_and_inland_waterway"
    assert body["costs"]["main_carriage"] == "buyer"
    response = reader_client.post(
        "/api/calc/incoterm", {"rule": "FOO"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "rule"


def test_api_unknown_topic(reader_client):
    assert (
        reader_client.post("/api/calc/nothing", {}, content_type="application/json").status_code
        == 404
    )


def test_api_needs_authentication(client):
    assert client.post(
        "/api/calc/incoterm", {"rule": "FOB"}, content_type="application/json"
    ).status_code in (401, 403)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "comptoir", "calc", *args],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "comptoir.settings.test"},
    )


def test_cli_prints_json_and_exits_0_or_2(tmp_path):
    done = _cli(
        "chargeable-weight",
        "--json",
        json.dumps(
            {
                "mode": "air",
                "pieces": [
                    {
                        "length_cm": 120,
                        "width_cm": 80,
                        "height_cm": 100,
                        "weight_kg": 150,
                        "quantity": 1,
                    }
                ],
            }
        ),
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["chargeable_weight_kg"] == "160.0" or result["chargeable_weight_kg"] == "160"
    bad = _cli(
        "chargeable-weight",
        "--json",
        json.dumps(
            {
                "mode": "air",
                "pieces": [
                    {
                        "length_cm": 120,
                        "width_cm": 80,
                        "height_cm": 100,
                        "weight_kg": -1,
                        "quantity": 1,
                    }
                ],
            }
        ),
    )
    assert bad.returncode == 2
    assert json.loads(bad.stdout)["field"] == "pieces.0.weight_kg"
    infile = tmp_path / "in.json"
    infile.write_text(json.dumps({"rule": "CIF"}))
    assert (
        json.loads(_cli("incoterm", "--file", str(infile)).stdout)["insurance"]["minimum_cover"]
        == "ICC (C)"
    )
    assert _cli("incoterm", "--json", "{not json").returncode == 2


def test_pack_cli_plans_and_names_a_box_that_cannot_fit(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "container": {"length": 100, "width": 100, "height": 100},
                "boxes": [{"id": "A", "l": 50, "w": 50, "h": 50, "quantity": 8}],
                "options": {"time_limit_s": 1},
            }
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "comptoir", "pack", "--file", str(plan)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert len(result["placements"]) == 8 and result["violations"] == []
    plan.write_text(
        json.dumps(
            {
                "container": {"length": 100, "width": 100, "height": 100},
                "boxes": [{"id": "BIG", "l": 150, "w": 150, "h": 150, "quantity": 1}],
            }
        )
    )
    bad = subprocess.run(
        [sys.executable, "-m", "comptoir", "pack", "--file", str(plan)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    error = json.loads(bad.stdout)
    assert "BIG" in error["error"] and error["field"] == "boxes.0"


def test_pack_cli_refuses_an_unknown_option_and_leaves_no_folder(tmp_path):
    """A misspelt option is refused naming it (it was ignored in silence), and the command
    run from any folder writes nothing there (no var/ with a secret key)."""
    import os

    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "container": {"length": 100, "width": 100, "height": 100},
                "boxes": [{"id": "A", "l": 50, "w": 50, "h": 50}],
                "options": {"timelimit": 1},
            }
        )
    )
    env = {k: v for k, v in os.environ.items() if k not in ("COMPTOIR_VAR_DIR",)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
    bad = subprocess.run(
        [sys.executable, "-m", "comptoir", "pack", "--file", str(plan)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert bad.returncode == 2, bad.stderr
    error = json.loads(bad.stdout)
    assert error["field"] == "options.timelimit" and "time_limit_s" in error["error"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


EXPRESS_PARCELS = {
    "mode": "express",
    "pieces": [
        {"length_cm": 40, "width_cm": 30, "height_cm": 20, "weight_kg": "20"},
        {"length_cm": 60, "width_cm": 50, "height_cm": 50, "weight_kg": "2"},
    ],
}


def test_api_and_cli_express_package_by_package():
    done = _cli("chargeable-weight", "--json", json.dumps(EXPRESS_PARCELS))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["chargeable_weight_kg"] == "50"
    bad = _cli(
        "chargeable-weight",
        "--json",
        json.dumps({**EXPRESS_PARCELS, "mode": "road", "basis": "piece"}),
    )
    assert bad.returncode == 2 and json.loads(bad.stdout)["field"] == "basis"


def test_api_landed_cost_with_carriage_after_the_border(reader_client):
    payload = {
        "currency": "EUR",
        "goods_value": "10000",
        "duty_rate_pct": "4.5",
        "vat_rate_pct": "20",
        "carriage_after_border": "300",
    }
    response = reader_client.post("/api/calc/landed-cost", payload, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert (body["customs_value"], body["vat_base"]) == ("9700.00", "10436.50")
    response = reader_client.post(
        "/api/calc/landed-cost",
        {**payload, "carriage_after_border": "20000"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "carriage_after_border"


def test_pack_cli_refuses_an_unbounded_quantity_with_exit_2(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "container": {"length": 587, "width": 233, "height": 220},
                "boxes": [{"id": "dust", "l": 1, "w": 1, "h": 1, "quantity": 10**12}],
            }
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "comptoir", "pack", "--file", str(plan)],
        capture_output=True,
        text=True,
        timeout=600,  # a safety stop, not a speed check
    )
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert error["field"] == "boxes.0.quantity" and "50 000" in error["error"]
