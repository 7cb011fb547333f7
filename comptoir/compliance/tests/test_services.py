"""Importing lists, screening parties, reviewing hits, and the gates they close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from comptoir.common import gates
from comptoir.compliance import services
from comptoir.compliance.models import Hit, HitStatus, ListEntry, ListVersion
from comptoir.parties.models import Company, Contact, Task
from comptoir.sales import services as sales
from comptoir.sales.tests.conftest import make_order
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues
from comptoir.shipping.models import Step
from comptoir.shipping.tests.factories import shipment

from .conftest import sample

pytestmark = pytest.mark.django_db

OFAC_V2 = (
    sample("ofac_sdn_sample.xml")
    .replace(b"12/01/2026", b"12/04/2026")
    .replace(
        b"<country>Iran</country>\n        <mainEntry>",
        b"<country>Iraq</country>\n        <mainEntry>",
    )
)


def _company(name: str, country: str = "AE", capture=None) -> Company:  # type: ignore[no-untyped-def]
    return Company.objects.create(name=name, country=country, roles=",client,", city="Dubai")


def test_import_records_the_version_and_replaces_the_previous_one(lists):
    ofac = lists["ofac"]
    assert (ofac.entry_count, ofac.name_count, ofac.person_count, ofac.entity_count) == (2, 4, 1, 1)
    assert ofac.published_on == dt.date(2026, 12, 1) and len(ofac.sha256) == 64
    again = services.import_list(data=sample("ofac_sdn_sample.xml"), file_name="sdn.xml", user=None)
    assert not again.created and again.version == ofac
    newer = services.import_list(data=OFAC_V2, file_name="sdn.xml", user=None).version
    ofac.refresh_from_db()
    assert not ofac.is_current and newer.is_current
    assert not ListEntry.objects.filter(version=ofac).exists()
    assert ListEntry.objects.filter(version=newer).count() == 2
    assert ListVersion.objects.filter(source="ofac").count() == 2


def test_a_broken_or_older_file_changes_nothing(lists):
    before = ListEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.import_list(data=b"<sdnList><sdnEntry>", file_name="sdn.xml", user=None)
    assert "file" in refused.value.message_dict
    older = sample("ofac_sdn_sample.xml").replace(b"12/01/2026", b"11/01/2026")
    with pytest.raises(ValidationError, match="before the version in use"):
        services.import_list(data=older, file_name="sdn.xml", user=None)
    assert ListEntry.objects.count() == before
    assert ListVersion.objects.filter(source="ofac", is_current=True).get() == lists["ofac"]


def test_importing_a_list_is_an_administrators_act(lists, manager):
    with pytest.raises(PermissionDenied):
        services.import_list(data=OFAC_V2, file_name="sdn.xml", user=manager)


def test_a_party_is_screened_when_created_and_changed(lists, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        firm = _company("Seaside Hotel Supplies")
    assert not Hit.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        firm.name = "Pars Novin Shipping Co."
        firm.save()
    hit = Hit.objects.get(company=firm)
    assert (hit.source, hit.entry_ref, hit.status) == ("ofac", "990001", HitStatus.OPEN)
    assert hit.entry_name == "PARS NOVIN SHIPPING LINES" and hit.score >= 86
    reasons = [str(r) for r in services.reason_texts(hit.reasons)]
    assert "Legal forms set aside: co" in reasons
    # a contact: a person, with transliteration variants
    with django_capture_on_commit_callbacks(execute=True):
        person = Contact.objects.create(company=firm, first_name="Alexander", last_name="Volkov")
    assert Hit.objects.get(contact=person).entry_ref == "RUS9001"
    # renamed away: the open hit is withdrawn, with the reason in its history
    with django_capture_on_commit_callbacks(execute=True):
        firm.name = "Seaside Hotel Supplies"
        firm.save()
    hit.refresh_from_db()
    assert hit.status == HitStatus.WITHDRAWN
    assert hit.history.first().history_change_reason == "no longer matches"


def test_a_new_list_screens_everyone_again(db, django_capture_on_commit_callbacks):
    firm = _company("Koryo Machinery Trading Corp", country="CN")
    assert not Hit.objects.exists()  # no list yet
    with django_capture_on_commit_callbacks(execute=True):
        services.import_list(
            data=sample("un_consolidated_sample.xml"), file_name="un.xml", user=None
        )
    assert Hit.objects.get(company=firm).entry_ref == "KPe.901"


def test_a_false_positive_is_not_raised_again_until_the_entry_changes(
    lists, manager, django_capture_on_commit_callbacks
):
    firm = _company("Pars Novin Shipping")
    hit = services.screen_company(company=firm)[0]
    services.review_hit(
        hit=hit,
        review=services.Review(
            "false_positive", "Our client is a Dubai hotel supplier, not the Iranian line."
        ),
        user=manager,
    )
    assert services.screen_company(company=firm)[0].status == HitStatus.FALSE_POSITIVE
    # the same file again, and a new version where this entry is unchanged: still judged
    taher_only = OFAC_V2  # changes the person's nationality, not the shipping line
    with django_capture_on_commit_callbacks(execute=True):
        services.import_list(data=taher_only, file_name="sdn.xml", user=None)
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE and hit.entry is not None
    # the entry changes (a new alias): to review again
    changed = OFAC_V2.replace(b"12/04/2026", b"12/05/2026").replace(
        b"<lastName>PARS NOVIN SHIPPING CO.</lastName>",
        b"<lastName>PARS NOVIN SHIPPING CO.</lastName></aka><aka><uid>7</uid><type>a.k.a.</type>"
        b"<category>strong</category><lastName>PNSL</lastName>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_list(data=changed, file_name="sdn.xml", user=None)
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN
    assert "entry changed" in hit.history.first().history_change_reason


def test_review_needs_a_manager_and_a_reason(lists, assistant, manager):
    hit = services.screen_company(company=_company("Baltic Maritime Logistics"))[0]
    review = services.Review("confirmed", "Same name, same port, same registration number.")
    with pytest.raises(PermissionDenied):
        services.review_hit(hit=hit, review=review, user=assistant)
    with pytest.raises(ValidationError) as refused:
        services.review_hit(hit=hit, review=services.Review("confirmed", "yes"), user=manager)
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.review_hit(hit=hit, review=services.Review("open", review.reason), user=manager)
    assert "status" in refused.value.message_dict
    done = services.review_hit(hit=hit, review=review, user=manager)
    assert (done.status, done.reviewed_by, done.review_reason) == (
        HitStatus.CONFIRMED,
        manager,
        review.reason,
    )
    record = done.history.first()
    assert record.history_user == manager and "confirmed" in record.history_change_reason


def test_a_confirmed_hit_survives_a_rename_but_not_a_delisting(
    lists, manager, django_capture_on_commit_callbacks
):
    firm = _company("Baltic Maritime Logistics")
    hit = services.screen_company(company=firm)[0]
    services.review_hit(
        hit=hit,
        review=services.Review("confirmed", "Same company: registration checked."),
        user=manager,
    )
    firm.name = "Blue Harbour Services"
    firm.save()
    services.screen_company(company=firm)
    hit.refresh_from_db()
    assert hit.status == HitStatus.CONFIRMED
    delisted = (
        sample("uk_sanctions_list_sample.xml")
        .replace(b"2026-12-02", b"2026-12-03")
        .replace(b"<UniqueID>RUS9002</UniqueID>", b"<UniqueID>RUS9999</UniqueID>")
        .replace(b"BALTIC MARITIME LOGISTICS LLC", b"NORTHERN FICTIONAL SHIPPING LLC")
        .replace(b"BALTMORLOGISTIKA", b"NORFISH")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_list(data=delisted, file_name="uk.xml", user=None)
    hit.refresh_from_db()
    assert hit.status == HitStatus.WITHDRAWN


def test_an_open_or_confirmed_hit_refuses_the_order_confirmation(
    lists, manager, seller, clients, product
):
    client = clients["de"]
    order = make_order(client, product)
    Contact.objects.create(company=client, first_name="Umar", last_name="Al-Mansuri")
    services.screen_contact(contact=client.contacts.get())
    with pytest.raises(ValidationError) as refused:
        sales.confirm_order(order=order, user=None)
    message = " ".join(refused.value.messages)
    assert "UN Security Council consolidated list" in message and "QDi.901" in message
    assert "awaits a manager's review" in message and "contact of" in message
    hit = Hit.objects.get()
    services.review_hit(
        hit=hit,
        review=services.Review("false_positive", "Born 1984 in Hamburg per passport copy."),
        user=manager,
    )
    assert sales.confirm_order(order=order, user=None).status == "confirmed"


def test_a_confirmed_hit_refuses_the_departure(lists, manager, assistant):
    consignee = _company("Koryo General Machinery Trading Corporation", country="KP")
    s = shipment(consignee=consignee)
    hit = services.screen_company(company=consignee)[0]
    services.review_hit(
        hit=hit,
        review=services.Review("confirmed", "Listed consignee, same address in Pyongyang."),
        user=manager,
    )
    refusals = gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=s)
    assert len(refusals) == 1 and "consignee" in refusals[0] and "KPe.901" in refusals[0]
    assert "confirmed by a manager" in refusals[0]
    with pytest.raises(ValidationError, match="KPe.901"):
        shipping.record_event(
            shipment=s,
            event=EventValues(
                occurred_at=timezone.now(),
                description="Sailed",
                step=Step.DEPARTURE,
                location="Le Havre",
            ),
            user=assistant,
        )


def test_an_erased_contact_leaves_no_name_in_its_hits(lists, django_capture_on_commit_callbacks):
    firm = _company("Gulf Star Hotels")
    person = Contact.objects.create(company=firm, first_name="Omar", last_name="Al Mansouri")
    hit = services.screen_contact(contact=person)[0]
    person.erased_at = timezone.now()
    person.first_name, person.last_name = "", "Erased"
    person.save()
    services.screen_contact(contact=person)
    hit.refresh_from_db()
    assert hit.status == HitStatus.WITHDRAWN and hit.matched_name == ""


def test_a_client_not_yet_screened_is_refused_until_screened_and_reviewed(
    lists, manager, seller, clients, product
):
    client = clients["de"]
    client.name = "Pars Novin Shipping Lines"
    client.save()  # no commit callbacks here: not screened
    assert not Hit.objects.exists()
    order = make_order(client, product)
    with pytest.raises(ValidationError, match="has not been recorded yet"):
        sales.confirm_order(order=order, user=None)
    hit = services.screen_company(company=client)[0]
    with pytest.raises(ValidationError, match="awaits a manager's review"):
        sales.confirm_order(order=order, user=None)
    services.review_hit(
        hit=hit,
        review=services.Review("false_positive", "US importer, EIN checked: not the line."),
        user=manager,
    )
    assert sales.confirm_order(order=order, user=None).status == "confirmed"


def test_a_new_hit_is_a_task_for_the_portfolio_owner(lists, assistant):
    firm = _company("Koryo Machinery Trading")
    firm.portfolio_owner = assistant
    firm.save()
    services.screen_company(company=firm)
    task = Task.objects.get(assigned_to=assistant)
    assert "Koryo Machinery Trading" in task.title and task.company == firm
    hit = services.screen_company(company=firm)[0]  # the same hit again: no second task
    assert Task.objects.filter(assigned_to=assistant).count() == 1
    services.review_hit(
        hit=hit,
        review=services.Review("false_positive", "Chinese importer, licence seen."),
        user=None,
    )
    task.refresh_from_db()
    assert task.done_at is not None
