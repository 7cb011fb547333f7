"""Lists imported from the small official-format files of ``compliance/data``."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.compliance import services
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = {
    "eu": "eu_fsf_sample.xml",
    "un": "un_consolidated_sample.xml",
    "ofac": "ofac_sdn_sample.xml",
    "uk": "uk_sanctions_list_sample.xml",
}


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture
def lists(db, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """The four demo lists, imported by the system (screening jobs run at once)."""
    services.forget_index()
    with django_capture_on_commit_callbacks(execute=True):
        return {
            source: services.import_list(data=sample(name), file_name=name, user=None).version
            for source, name in FILES.items()
        }
