"""The screening's refusals before an order's confirmation and a shipment's departure
(registered in ``apps.ComplianceConfig.ready`` with ``comptoir.common.gates``).

A confirmed hit on the party refuses the step; an open hit refuses it too, until a manager
has reviewed it. The message names the party, the list and the entry.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from comptoir.parties.models import Company

from . import services
from .models import Hit, HitStatus


def _message(hit: Hit, role: str) -> str:
    values = {
        "role": role,
        "party": hit.party_name,
        "list": services.source_label(hit.source),
        "ref": hit.entry_ref,
        "name": hit.entry_name,
        "score": hit.score,
    }
    if hit.contact_id:
        values["party"] = _("%(contact)s (contact of %(company)s)") % {
            "contact": hit.party_name,
            "company": hit.contact.company.name if hit.contact else "",
        }
    if hit.status == HitStatus.CONFIRMED:
        return (
            _(
                "Sanctions: the %(role)s %(party)s is on the %(list)s, entry %(ref)s "
                "(%(name)s), a hit confirmed by a manager. No business with this party."
            )
            % values
        )
    return (
        _(
            "Sanctions: the %(role)s %(party)s may be on the %(list)s, entry %(ref)s "
            "(%(name)s, %(score)s %%). The hit awaits a manager's review (Compliance > "
            "Hits to review)."
        )
        % values
    )


def _not_yet_recorded(company: Company, role: str) -> list[str]:
    """Matches the lists in use give now that no recorded hit covers (a party saved while
    the screening job had not run yet, an entry changed since it was judged): the stored
    hits alone would let them through."""
    found = services.unrecorded_matches(company)
    return [
        _(
            "Sanctions: the %(role)s %(party)s may be on the %(list)s, entry %(ref)s "
            "(%(name)s, %(score)s %%), and this has not been recorded yet: open the company's "
            "page and click “Screen again now”, then have the hit reviewed."
        )
        % {
            "role": role,
            "party": party_name,
            "list": services.source_label(entry.source),
            "ref": entry.ref,
            "name": entry.main_name,
            "score": score,
        }
        for party_name, entry, score in found
    ]


def _refusals(parties: list[tuple[Company | None, str]]) -> list[str]:
    seen: set[int] = set()
    messages: list[str] = []
    for company, role in parties:
        if company is None or company.pk in seen:
            continue
        seen.add(company.pk)
        messages.extend(_message(hit, role) for hit in services.hits_blocking([company]))
        messages.extend(_not_yet_recorded(company, role))
    return messages


def order_refusals(*, order: Any, **_ignored: Any) -> list[str]:
    return _refusals([(order.client, _("client"))])


def departure_refusals(*, shipment: Any, **_ignored: Any) -> list[str]:
    parties: list[tuple[Company | None, str]] = [
        (shipment.partner, _("client or supplier")),
        (shipment.consignee, _("consignee")),
        (shipment.notify, _("notify party")),
    ]
    if getattr(shipment, "direction", "") == "import":
        parties.append((shipment.shipper, _("shipper")))
    return _refusals(parties)
