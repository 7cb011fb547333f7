"""The packing list prints each line's CN code with its label in the partner's language."""

from __future__ import annotations

import io

import pytest

from comptoir.catalog import services as catalog_services
from comptoir.catalog.tests.cn_sample import CN_CSV
from comptoir.shipping.models import Shipment

from .test_pdfs import issued

pytestmark = pytest.mark.django_db


def test_the_packing_list_names_the_cn_code_in_the_partners_language(casa: Shipment) -> None:
    catalog_services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=None)
    french = issued(casa, "packing_list", "fr")
    assert "73239200" in french and "en fonte, émaillés" in french
    english = issued(casa, "packing_list", "en")
    assert "of cast iron, enamelled" in english  # the text is compared in lower case
