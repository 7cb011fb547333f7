"""The demo's screening: four lists, one hit on a demo contact judged a false positive,
nothing else raised on the demo's partners, nothing blocking the demo's orders."""

from __future__ import annotations

import pytest

from comptoir.compliance.models import Hit, HitStatus, ListVersion
from comptoir.demo import build_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_lists_and_its_reviewed_hit() -> None:
    counts = build_demo(load_hs=False)
    assert counts["sanctions_lists"] == 4 and counts["hits_reviewed"] == 1
    assert set(ListVersion.objects.filter(is_current=True).values_list("source", flat=True)) == {
        "eu",
        "un",
        "ofac",
        "uk",
    }
    hit = Hit.objects.get()
    assert hit.contact is not None and hit.contact.last_name == "Al Mansouri"
    assert hit.status == HitStatus.FALSE_POSITIVE and hit.reviewed_by.username == "julien"
    assert "born in 1979" in hit.review_reason
