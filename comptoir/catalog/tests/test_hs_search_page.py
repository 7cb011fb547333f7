"""The classification help page and its suggestions: CN8 codes with their path, in the
user's language, from the nomenclatures loaded in the database."""

from __future__ import annotations

import gzip
import io
import json
from importlib import resources

import pytest

from comptoir.catalog import hs_index
from comptoir.catalog.models import CnCode
from comptoir.trade.nomenclature import parse_cn_csv


@pytest.fixture
def cn_loaded(hs_loaded):  # type: ignore[no-untyped-def]
    """The bundled CN 2026 in the CnCode table (as ``comptoir cn import`` fills it)."""
    raw = (resources.files("comptoir.catalog") / "data" / "cn2026.csv.gz").read_bytes()
    entries = parse_cn_csv(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    CnCode.objects.bulk_create(
        CnCode(
            level=e.level,
            code=e.code,
            display_code=e.display_code,
            parent=e.parent,
            description_en=e.description_en,
            description_fr=e.description_fr,
            supplementary_unit=e.supplementary_unit,
        )
        for e in entries
    )
    return entries


def _speaks(user, language):  # type: ignore[no-untyped-def]
    user.profile.language = language
    user.profile.save()


@pytest.fixture
def english(assistant):  # type: ignore[no-untyped-def]
    _speaks(assistant, "en")


@pytest.fixture
def french(assistant):  # type: ignore[no-untyped-def]
    _speaks(assistant, "fr")


def test_search_page_in_french_proposes_cn8_codes_with_their_french_path(
    assistant_client, cn_loaded, french
):
    page = assistant_client.get("/catalog/hs/?q=robe+en+soie").content.decode()
    assert "6204 49 10" in page
    assert "de soie ou de déchets de soie" in page
    assert "Costumes tailleurs, ensembles, vestes, robes" in page  # the heading, in French
    assert "VÊTEMENTS ET ACCESSOIRES DU VÊTEMENT" in page  # the chapter
    assert "Nomenclature combinée" in page or "codes NC à 8 chiffres" in page


def test_search_page_in_english_answers_in_english(assistant_client, cn_loaded, english):
    page = assistant_client.get("/catalog/hs/?q=robe+en+soie").content.decode()
    assert "6204 49 10" in page
    assert "Of silk or silk waste" in page
    assert "Women&#x27;s or girls&#x27; suits" in page
    assert "de soie ou de déchets" not in page


def test_a_television_is_not_a_telephone(assistant_client, cn_loaded, french):
    hits = json.loads(
        assistant_client.get("/catalog/hs/?q=t%C3%A9l%C3%A9viseur&format=json").content
    )
    assert hits[0]["hs6"] == "852872"
    assert hits[0]["code"].startswith("852872")
    assert len(hits[0]["code"]) == 8
    assert hits[0]["levels"][0]["code"] == "85"
    assert hits[0]["label"] == hits[0]["description"]


def test_search_json_is_bounded_and_clear(assistant_client, cn_loaded, english):
    response = assistant_client.get("/catalog/hs/?q=gold+earrings&format=json&top=3")
    hits = json.loads(response.content)
    assert len(hits) == 3
    assert hits[0]["code"] == "71131900"
    assert set(hits[0]) >= {"code", "display_code", "hs6", "label", "path", "levels", "score"}
    too_many = assistant_client.get("/catalog/hs/?q=gold&format=json&top=5000")
    assert too_many.status_code == 400


def test_suggestions_as_you_type_give_cn8_codes_in_french(assistant_client, cn_loaded, french):
    page = assistant_client.get("/catalog/hs/suggest/?hs_query=jus+d%27orang").content.decode()
    assert 'data-hs-code="200912"' in page
    assert 'data-cn-code="20091200"' in page
    assert "Jus de fruits" in page


def test_suggestions_json_endpoint(assistant_client, cn_loaded, english):
    hits = json.loads(assistant_client.get("/catalog/hs/suggest/?q=silk+dress&format=json").content)
    assert 0 < len(hits) <= 8
    assert hits[0]["code"] == "62044910"
    assert hits[0]["path"].startswith("62 ")
    short = json.loads(assistant_client.get("/catalog/hs/suggest/?q=si&format=json").content)
    assert short == []


def test_without_cn_the_page_proposes_hs_subheadings(assistant_client, hs_loaded, english):
    page = assistant_client.get("/catalog/hs/?q=silk+ties").content.decode()
    assert "6215 10" in page
    assert "No Combined Nomenclature is loaded" in page
    assert not hs_index.cn_loaded()


def test_the_index_follows_a_new_cn_import(cn_loaded):
    before = hs_index.current_classification()
    assert before is not None and before.has_cn
    CnCode.objects.all().delete()
    after = hs_index.current_classification()
    assert after is not None and not after.has_cn
