"""Every demo product carries a real CN 2026 code (checked against the bundled file), its HS
code being the CN code's first six digits."""

from __future__ import annotations

import gzip
from importlib import resources

from comptoir.demo import data
from comptoir.trade.nomenclature import CnTree, parse_cn_csv


def test_the_demo_products_have_codes_of_the_bundled_cn():
    raw = (resources.files("comptoir.catalog") / "data" / "cn2026.csv.gz").read_bytes()
    tree = CnTree(parse_cn_csv(gzip.decompress(raw).decode("utf-8")))
    for product in data.PRODUCTS:
        reference, hs, national = product[0], product[3], product[4]
        entry = tree.get(national[:8])
        assert entry is not None and entry.level == "cn8", reference
        assert national.startswith(hs), reference
        assert len(national) in (8, 10), reference
