"""Migration 0005 splits the old national code (8 or 10 digits) into the CN code and the
TARIC code, on the products and on their history, and joins them back when reversed.

On a database of its own (`scratch_database`), migrated from empty to catalog 0004 (catalog
and what it depends on only), then forward through 0005 and back: the same real migrations,
without unapplying and reapplying every area that depends on the catalog (324 s before)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalog", "0004_cn_nomenclature")]
AFTER = [("catalog", "0005_product_cn_taric")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_national_code_is_split_without_losing_anything(scratch_database):  # type: ignore[no-untyped-def]
    old = _migrate(BEFORE)
    Product = old.get_model("catalog", "Product")
    History = old.get_model("catalog", "HistoricalProduct")
    common = {
        "name_fr": "x",
        "name_en": "x",
        "hs_code": "732392",
        "origin_country": "FR",
        "net_weight_kg": 1,
        "gross_weight_kg": 1,
        "cost_price": 1,
    }
    taric = Product.objects.create(reference="T", hs_national="7323920000", **common)
    Product.objects.create(reference="C", hs_national="73239200", **common)
    Product.objects.create(reference="B", hs_national="", **common)
    History.objects.create(
        id=taric.pk,
        reference="T",
        hs_national="7323920010",
        history_date="2026-01-01T00:00:00Z",
        history_type="~",
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
        **common,
    )
    new = _migrate(AFTER)
    Product = new.get_model("catalog", "Product")
    rows = {p.reference: (p.cn_code, p.taric_code) for p in Product.objects.all()}
    assert rows == {
        "T": ("73239200", "7323920000"),
        "C": ("73239200", ""),
        "B": ("", ""),
    }
    history = new.get_model("catalog", "HistoricalProduct").objects.get(reference="T")
    assert (history.cn_code, history.taric_code) == ("73239200", "7323920010")
    back = _migrate(BEFORE)
    codes = {p.reference: p.hs_national for p in back.get_model("catalog", "Product").objects.all()}
    assert codes == {"T": "7323920000", "C": "73239200", "B": ""}
    # only what catalog 0005 needs was migrated, not the whole project
    assert ("sales", "0001_initial") not in MigrationExecutor(connection).loader.applied_migrations
