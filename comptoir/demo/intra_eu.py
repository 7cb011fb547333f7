"""The demo's intra-EU part: the declarant settings, proofs of transport on the intra-EU
invoices (complete on most, one still missing its second document, one where the buyer
collected and his statement is awaited), and a month of EMEBI and état récapitulatif filed
from the demo's invoices and credit notes.

Everything goes through ``comptoir.intra_eu.services``. Needs: the users (``claire`` records
proofs, ``julien`` files), and the sales demo already built (issued intra-EU invoices).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from comptoir.common.dates import today
from comptoir.intra_eu import selectors, services
from comptoir.intra_eu.models import Declaration
from comptoir.intra_eu.services import DeclarantValues, EvidenceValues
from comptoir.sales.models import Invoice

from .history import demo_year_start

#: Carriers and insurers named on the demo's documents (independent parties).
_CARRIERS = ("Transports Delanchy", "Heppner", "Gefco Road", "Kuehne+Nagel Road")
_INSURER = "Helvetia Assurances (police transport FAC-2026-0147)"


def build(users: dict[str, User]) -> dict[str, int]:
    """Proofs on the intra-EU invoices and a filed month; how many of each were made."""
    claire, julien = users.get("claire"), users.get("julien")
    services.save_settings(
        values=DeclarantValues(
            nic="00017",
            approval_number="DEB-4711",
            department="",  # from our company's postcode (Thiers: 63)
            emebi_dispatches=True,
            emebi_arrivals=False,
            default_nature="11",
            proof_days=30,
        ),
        user=None,
    )
    every = list(selectors.intra_eu_invoices().order_by("issue_date", "number"))
    # the earlier years' sales (demo/history.py): both proofs came back within the week
    start = demo_year_start()
    evidence = 0
    for invoice in (i for i in every if i.issue_date is not None and i.issue_date < start):
        supplied = selectors.supply_date(invoice)
        for kind, issuer in (("cmr", _CARRIERS[0]), ("insurance", _INSURER)):
            services.add_evidence(
                invoice=invoice,
                values=EvidenceValues(
                    kind=kind,
                    issuer=issuer,
                    received_on=min(today(), supplied + dt.timedelta(days=6)),
                    reference=f"{kind.upper()}-{invoice.number}",
                    document_date=supplied,
                ),
                user=claire,
            )
            evidence += 1
    invoices = [i for i in every if i.issue_date is not None and i.issue_date >= start]
    for index, invoice in enumerate(invoices):
        supplied = selectors.supply_date(invoice)
        received = min(today(), supplied + dt.timedelta(days=6))
        carrier = _CARRIERS[index % len(_CARRIERS)]
        if index == len(invoices) - 1 and index > 0:
            continue  # the latest: nothing back yet
        if index == 1:
            # The buyer collected with his own carrier: CMR and bank proof, statement awaited.
            services.set_transporter(
                invoice=invoice,
                transporter="buyer",
                notes="FCA Thiers, enlèvement client",
                user=claire,
            )
            items = [
                ("cmr", "Spedition Huber (buyer's carrier)"),
                ("bank_payment", "Crédit Agricole"),
            ]
        elif index == 2:
            items = [("cmr", carrier)]  # the second document is missing
        else:
            items = [("cmr", carrier), ("insurance", _INSURER)]
        for kind, issuer in items:
            services.add_evidence(
                invoice=invoice,
                values=EvidenceValues(
                    kind=kind,
                    issuer=issuer,
                    received_on=received,
                    reference=f"{kind.upper()}-{invoice.number}",
                    document_date=supplied,
                ),
                user=claire,
            )
            evidence += 1
    filed = 0
    month = _busiest_month(invoices)
    if month is not None:
        for kind in (Declaration.Kind.EMEBI_DISPATCH, Declaration.Kind.RECAP):
            draft = services.prepare(kind=kind, month=month, user=julien)
            try:
                services.file_declaration(
                    declaration=draft, user=julien, portal_reference=f"DEB-{month:%Y%m}-{kind[:5]}"
                )
                filed += 1
            except ValidationError:
                pass  # left as a draft: its page lists what to fix
    return {"intra_eu_evidence": evidence, "intra_eu_filed": filed}


def _busiest_month(invoices: list[Invoice]) -> dt.date | None:
    """The finished month with the most intra-EU invoices (the current one is still open)."""
    current = today().replace(day=1)
    months = Counter(
        invoice.issue_date.replace(day=1)
        for invoice in invoices
        if invoice.issue_date and invoice.issue_date.replace(day=1) < current
    )
    return months.most_common(1)[0][0] if months else None
