"""A supplier, two products, a purchase order in USD and its receipt (with a shortage)."""

from __future__ import annotations

import pytest

from .factories import make_world


@pytest.fixture
def buy(db):  # type: ignore[no-untyped-def]
    return make_world()
