"""The demo's claims: a CMR damage claim on the Munich groupage, an air delay claim to Tokyo."""

from __future__ import annotations

import pytest

from comptoir.claims.models import Claim
from comptoir.demo import claims as demo

pytestmark = pytest.mark.django_db


def test_demo_claims(world, assistant):  # type: ignore[no-untyped-def]
    assert demo.build({"claire": assistant}) == {"claims": 2}
    damage = Claim.objects.get(shipment=world.road)
    assert (damage.convention, damage.kind, damage.status) == ("CMR", "damage", "reserves_sent")
    assert damage.insurer == world.insurer and damage.liability_cap is not None
    assert damage.deadlines.count() == 2  # reserves due at delivery (past): the time bar only
    delay = Claim.objects.get(shipment=world.air)
    assert (delay.convention, delay.kind, delay.status) == ("MONTREAL", "delay", "claim_sent")
    assert delay.notice_deadline is not None
    notice = delay.deadlines.get(kind="notice")  # the claim letter is the written complaint
    assert notice.task is not None and notice.task.done_at is not None


def test_demo_without_the_shipments_makes_nothing(db):  # type: ignore[no-untyped-def]
    assert demo.build({}) == {"claims": 0}
