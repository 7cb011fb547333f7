"""Target lists from a file matched against the CRM, prospects created through parties, call
campaigns with their follow-up tasks, bounces and replies, results and the funnel."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from comptoir.parties.models import Activity, Company, Contact, Task
from comptoir.prospecting import selectors, services
from comptoir.prospecting.inputs import CallValues, EventValues, ListValues
from comptoir.prospecting.models import BlockedAddress, MatchState, RecipientState

pytestmark = pytest.mark.django_db

FILE = (
    "Société;Pays;NAF;Taille;Contact;Fonction;E-mail;Téléphone;Site web;TVA\n"
    "KUECHENWELT G.m.b.H.;DE;4759B;35;Paul Meyer;Einkauf;paul@kuechenwelt.de;;;\n"
    "Neuer Laden UG;DE;47.59;micro;Eva Roth;Inhaberin;eva@neuerladen.de;+49301234567;neuerladen.de;\n"
    "Neuer Laden UG;DE;47.59;micro;Eva Roth;Inhaberin;EVA@neuerladen.de;;;\n"
    "Topf Berlin GmbH;DE;47.59;;;;;;www.topf-berlin.de;\n"
)


def _import(target_list: Any, text: str, user: Any = None) -> Any:
    return services.import_targets(
        target_list=target_list,
        stream=io.BytesIO(text.encode("utf-8")),
        filename="targets.csv",
        user=user,
    )


def test_file_import_dedupes_and_proposes_matches(german_retailers: Any) -> None:
    kuechenwelt = german_retailers[0][0]
    target_list = services.create_list(values=ListValues(name="Ambiente leads"), user=None)
    report = _import(target_list, FILE)
    assert report.ok, report.errors
    assert (report.rows_read, report.added, report.skipped) == (4, 3, 1)
    paul = target_list.targets.get(email="paul@kuechenwelt.de")
    assert paul.match == MatchState.PROPOSED and paul.proposed == kuechenwelt
    assert paul.sector == "47.59B" and paul.size == "small"
    assert "kuechenwelt.de" in paul.match_reason  # same e-mail domain as the site
    topf = target_list.targets.get(company_name="Topf Berlin GmbH")
    assert topf.match == MatchState.PROPOSED  # same name once "GmbH" is dropped
    eva = target_list.targets.get(email="eva@neuerladen.de")
    assert eva.match == MatchState.NONE
    # importing the same file again adds nothing
    assert _import(target_list, FILE).added == 0


def test_accept_refuse_and_convert(german_retailers: Any, assistant: Any) -> None:
    target_list = services.create_list(values=ListValues(name="Ambiente leads"), user=None)
    _import(target_list, FILE)
    paul = target_list.targets.get(email="paul@kuechenwelt.de")
    services.decide_match(target=paul, accept=True, user=assistant)
    paul.refresh_from_db()
    assert paul.company == german_retailers[0][0]
    assert paul.contact is not None and paul.contact.email == "paul@kuechenwelt.de"
    topf = target_list.targets.get(company_name="Topf Berlin GmbH")
    with pytest.raises(ValidationError):
        services.convert_target(target=topf, user=assistant)  # decide the match first
    services.decide_match(target=topf, accept=False, user=assistant)
    assert services.convert_all(target_list=target_list, user=assistant) == 2
    eva = target_list.targets.get(email="eva@neuerladen.de")
    company = Company.objects.get(pk=eva.company_id)
    assert company.has_role("prospect") and company.website == "https://neuerladen.de"
    assert company.prospect_profile.sector == "47.59"
    contact = Contact.objects.get(pk=eva.contact_id)
    assert contact.lawful_basis == "legitimate_interest" and contact.first_name == "Eva"


def test_bad_rows_are_named_and_nothing_is_imported(db: Any) -> None:
    target_list = services.create_list(values=ListValues(name="Bad"), user=None)
    report = _import(
        target_list,
        "company,country,sector,size,email\n,DE,,,\nX,Germany,ABC,huge,not-an-address\n",
    )
    columns = {(e.row, e.column) for e in report.errors}
    assert {(2, "company"), (3, "country"), (3, "sector"), (3, "size"), (3, "email")} <= columns
    assert not target_list.targets.exists()
    assert _import(target_list, "name;x\nA;B\n").errors[0].column == "company"
    big = services.MAX_IMPORT_BYTES + 10
    report = services.import_targets(
        target_list=target_list, stream=io.BytesIO(b"a" * big), filename="x.csv", user=None
    )
    assert "MB" in report.errors[0].message


def test_call_campaign_outcomes_activities_and_tasks(crm_list: Any, assistant: Any) -> None:
    campaign = services.create_campaign(
        name="Calls Germany",
        channel="call",
        target_list=crm_list,
        body_en="Hello, this is {{ sender }} from Maison Ferrand...",
        user=assistant,
    )
    assert services.start_calls(campaign=campaign, user=assistant) == 4
    people = list(campaign.recipients.order_by("id"))
    assert all(p.state == RecipientState.TO_CALL for p in people)
    with pytest.raises(ValidationError) as error:
        services.log_call(
            recipient=people[0], values=CallValues(outcome="call_back"), user=assistant
        )
    assert "follow_up_on" in error.value.message_dict
    soon = dt.date.today() + dt.timedelta(days=3)
    services.log_call(
        recipient=people[0],
        values=CallValues(outcome="call_back", follow_up_on=soon, note="After the fair"),
        user=assistant,
    )
    services.log_call(
        recipient=people[1],
        values=CallValues(outcome="meeting", follow_up_on=soon + dt.timedelta(days=7)),
        user=assistant,
    )
    services.log_call(recipient=people[2], values=CallValues(outcome="no_answer"), user=assistant)
    services.log_call(recipient=people[3], values=CallValues(outcome="interested"), user=assistant)
    tasks = Task.objects.filter(company__in=[people[0].company, people[1].company])
    assert sorted(t.title.split(" ")[0] for t in tasks) == ["Call", "Meeting"]
    assert all(t.assigned_to == assistant for t in tasks)
    assert Activity.objects.filter(kind="call", subject__startswith="Calls Germany").count() == 4
    result = selectors.results(campaign)
    assert (result.called, result.reached, result.interested, result.meetings) == (4, 3, 2, 1)
    assert result.leads == 2
    assert [s.key for s in result.stages][:4] == ["called", "reached", "interested", "meetings"]


def test_bounces_replies_and_results(
    run: Any, crm_list: Any, german_retailers: Any, seller: Any, product: Any
) -> None:
    from comptoir.sales.tests.conftest import make_order

    campaign = services.create_campaign(
        name="Spring",
        channel="email",
        target_list=crm_list,
        subject_en="Cookware",
        body_en="Dear {{ first_name }}",
        cost=Decimal("1200"),
        user=None,
    )
    run(services.start_sending, campaign=campaign, user=None)
    today = dt.date.today()
    services.record_event(
        campaign=campaign,
        values=EventValues(address="Jonas@hausundherd.de", kind="hard_bounce", occurred_on=today),
        user=None,
    )
    report = services.import_events(
        campaign=campaign,
        stream=io.BytesIO(
            b"email,kind,date,note\nanna@kuechenwelt.de,reply,"
            + today.isoformat().encode()
            + b",Wants the catalogue\nlea@kochkultur.de,soft,,\n"
        ),
        filename="bounces.csv",
        user=None,
    )
    assert report.recorded == 2, report.errors
    assert BlockedAddress.objects.filter(address="jonas@hausundherd.de").exists()
    bad = services.import_events(
        campaign=campaign,
        stream=io.BytesIO(b"email,kind\nx@y.de,maybe\n"),
        filename="b.csv",
        user=None,
    )
    assert bad.errors[0].column == "kind" and bad.recorded == 0
    # an order of Küchenwelt after the send date counts
    from comptoir.sales.models import Order

    order = make_order(german_retailers[0][0], product, "10", "79")
    Order.objects.filter(pk=order.pk).update(order_date=today)
    result = selectors.results(campaign)
    assert (result.sent, result.delivered, result.hard_bounces, result.soft_bounces) == (
        4,
        2,
        1,
        1,
    )
    assert result.replies == 1 and result.leads == 1
    assert result.order_count == 1
    assert result.cost_per_lead == Decimal("1200.00")
    assert Activity.objects.filter(subject__startswith="Reply to the campaign").count() == 1
    svg = selectors.funnel_chart(result)
    assert svg.startswith("<svg") and "Delivered" in svg and "2 (50.0%)" in svg


def test_campaign_page_in_french_and_english(crm_list: Any, assistant_client: Any) -> None:
    campaign = services.create_campaign(
        name="Spring",
        channel="email",
        target_list=crm_list,
        subject_en="Cookware for {{ company }}",
        body_en="Dear {{ first_name }}",
        user=None,
    )
    page = assistant_client.get(campaign.get_absolute_url())
    assert page.status_code == 200 and "Cookware for Küchenwelt GmbH" not in page.content.decode()
    target = crm_list.targets.get(email="anna@kuechenwelt.de")
    page = assistant_client.get(f"{campaign.get_absolute_url()}?target={target.pk}")
    assert "Cookware for Küchenwelt GmbH" in page.content.decode()
    assistant_client.cookies["comptoir_language"] = "fr"
    page = assistant_client.get(crm_list.get_absolute_url())
    assert "Ajouter depuis le CRM" in page.content.decode()
    assert assistant_client.get("/prospecting/").status_code == 200


def test_funnel_beside_its_table_in_french_and_english(
    crm_list: Any, assistant_client: Any
) -> None:
    import xml.etree.ElementTree as ET

    campaign = services.create_campaign(
        name="Autumn",
        channel="email",
        target_list=crm_list,
        subject_en="Cookware",
        body_en="Dear {{ first_name }}",
        user=None,
    )
    # nothing sent yet: the funnel says so in a valid SVG
    empty = ET.fromstring(str(selectors.funnel_chart(selectors.results(campaign))))
    assert [e.text for e in empty.iter() if e.get("class") == "empty"] == [
        "Nothing sent or called yet."
    ]
    for language, header in (("en", "Of the stage before"), ("fr", "De l’étape précédente")):
        assistant_client.cookies["comptoir_language"] = language
        page = assistant_client.get(campaign.get_absolute_url()).content.decode()
        assert 'id="funnel-table"' in page and "funnel-chart" in page
        table = page.split('id="funnel-table"')[1].split("</table>")[0]
        assert header.replace("’", "'") in table.replace("&#x27;", "'").replace("’", "'")
