"""The guarantee screens: a performance bond with its reduction clause from the client's
page, its figures, a demand, and the sections on the company and home pages."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.guarantees.models import Guarantee
from comptoir.parties.models import Company

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def client_ae(db):  # type: ignore[no-untyped-def]
    firm = Company(name="Gulf Kitchens LLC", country="AE", city="Dubai", currency="EUR")
    firm.role_list = ["client"]
    firm.save()
    return firm


def test_performance_bond_screens(assistant_client, manager, client_ae):  # type: ignore[no-untyped-def]
    page = assistant_client.get(client_ae.get_absolute_url())
    assert b'id="bank-guarantees"' in page.content
    assert assistant_client.get(f"/guarantees/new/?partner={client_ae.pk}").status_code == 200
    response = assistant_client.post(
        "/guarantees/new/",
        {
            "direction": "given",
            "kind": "performance",
            "partner": client_ae.pk,
            "amount": "48000",
            "currency": "EUR",
            "rules": "urdg758",
            "structure": "direct",
            "issuing_bank_name": "Crédit Agricole Centre France",
            "issuing_bank_bic": "AGRIFRPP",
            "presentation_country": "FR",
            "issue_date": (TODAY - dt.timedelta(days=40)).isoformat(),
            "expiry_date": (TODAY + dt.timedelta(days=20)).isoformat(),
            "statement_required": "on",
            "fee_rate_pct": "0.4",
            "fee_minimum": "0",
            "remind_days": "30",
            "reductions-TOTAL_FORMS": "3",
            "reductions-INITIAL_FORMS": "0",
            "reductions-MIN_NUM_FORMS": "0",
            "reductions-MAX_NUM_FORMS": "24",
            "reductions-0-on": (TODAY - dt.timedelta(days=5)).isoformat(),
            "reductions-0-amount_after": "24000",
            "reductions-1-event": "Provisional acceptance",
            "reductions-1-amount_after": "4800",
        },
    )
    assert response.status_code == 302, response.content.decode()[:4000]
    guarantee = Guarantee.objects.get()
    detail = assistant_client.get(guarantee.get_absolute_url())
    html = detail.content.decode()
    shown = html[html.index('id="amount-in-force"') :][:80]
    assert "24" in shown and "000,00" in shown  # French by default: 24 000,00 EUR
    assert "RUGD 758" in html
    assert b'id="fees-to-date"' in detail.content
    assistant_client.post(
        f"/guarantees/{guarantee.pk}/demands/",
        {
            "presented_on": TODAY.isoformat(),
            "amount": "30000",
            "currency": "EUR",
            "statement_of_breach": "on",
        },
    )
    demand = guarantee.demands.get()
    assert not demand.compliant  # more than the 24,000 in force
    home = assistant_client.get("/")
    assert guarantee.number.encode() in home.content  # expires within 30 days
    # releasing takes a manager
    assert b'id="release-form"' not in detail.content
    assistant_client.force_login(manager)
    assert b'id="release-form"' in assistant_client.get(guarantee.get_absolute_url()).content
