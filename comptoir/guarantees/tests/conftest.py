"""The purchasing tests' supplier, lids and orders (a USD order with a 30 % deposit)."""

from comptoir.purchasing.tests.conftest import draft, issued, lids, supplier  # noqa: F401  (fixtures)
