"""Sanctions screening of the demo: the four lists from the small official-format files
bundled in ``comptoir/compliance/data`` (fictional entries), everyone screened, and the one
hit they raise on a demo contact (Omar Al Mansouri of Gulf Hospitality Trading, against
the UN entry of a fictional Umar Abdullah al-Mansuri) reviewed by the manager as a false
positive. Everything goes through ``comptoir.compliance.services``.

Needs: the demo users (``admin`` imports the lists, ``julien``, a manager, reviews) and the
demo's companies and contacts already made.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from comptoir.compliance import services
from comptoir.compliance.models import Hit, HitStatus

DATA = Path(__file__).resolve().parents[1] / "compliance" / "data"
FILES = (
    "eu_fsf_sample.xml",
    "un_consolidated_sample.xml",
    "ofac_sdn_sample.xml",
    "uk_sanctions_list_sample.xml",
)
FALSE_POSITIVE_REASON = (
    "Our contact is the procurement director of Gulf Hospitality Trading in Dubai, an "
    "Emirati national born in 1979 (passport copy received with the account opening); the "
    "listed person is Yemeni, born about 1958. Different person."
)


def build(users: dict[str, User]) -> dict[str, int]:
    """Import the demo lists, screen everyone, review the demo hit; the counts."""
    # fresh users: the profile cached on the given ones may predate their role
    fresh = {
        name: get_user_model().objects.select_related("profile").get(pk=user.pk)
        for name, user in users.items()
        if name in ("admin", "julien")
    }
    admin = fresh.get("admin")
    manager = fresh.get("julien")
    imported = 0
    for name in FILES:
        result = services.import_list(data=(DATA / name).read_bytes(), file_name=name, user=admin)
        imported += result.created
    services.forget_index()
    screened, _open = services.screen_everyone()
    reviewed = 0
    hit = (
        Hit.objects.filter(
            contact__last_name="Al Mansouri", entry_ref="QDi.901", status=HitStatus.OPEN
        )
        .order_by("pk")
        .first()
    )
    if hit is not None and manager is not None:
        services.review_hit(
            hit=hit,
            review=services.Review(status=HitStatus.FALSE_POSITIVE, reason=FALSE_POSITIVE_REASON),
            user=manager,
        )
        reviewed = 1
    return {
        "sanctions_lists": imported,
        "screened_parties": screened,
        "screening_hits": Hit.objects.count(),
        "hits_reviewed": reviewed,
    }
