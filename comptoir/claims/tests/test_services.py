"""The claim services: rules from mode and route, deadlines from the trade core as tasks with
the right dates, time-bar refusal, status, amounts, letters, attachments."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comptoir.calculators.models import ExchangeRate
from comptoir.claims import selectors, services
from comptoir.claims.inputs import ClaimAmounts, ClaimFacts
from comptoir.claims.models import Claim, ClaimDeadline
from comptoir.parties.models import Task
from comptoir.trade.claims import add_years

from .conftest import TODAY, shipment

pytestmark = pytest.mark.django_db
D = Decimal


def facts(carrier, **changes):  # type: ignore[no-untyped-def]
    values = {
        "kind": "damage",
        "apparent": True,
        "description": "3 cartons crushed, 24 casseroles chipped.",
        "discovered_on": TODAY,
        "delivery_date": TODAY,
        "weight_affected_kg": D("150"),
        "amount_claimed": D("1440"),
        "currency": "EUR",
        "carrier": carrier,
        "packages_affected": 3,
        "reserves_taken": True,
        "reserves_text": "3 cartons crushed, contents to be checked",
        "reserves_date": TODAY,
        "reserves_document": "cmr",
        "sdr_rate": D("1.18"),
        "sdr_rate_date": TODAY,
    }
    values.update(changes)
    return ClaimFacts(**values)


def test_cmr_claim_on_road_to_munich_with_tasks(world, assistant):  # type: ignore[no-untyped-def]
    claim = services.create_claim(
        shipment=world.road, facts=facts(world.carrier, handled_by=assistant), user=assistant
    )
    assert claim.number.startswith(f"CL-{TODAY.year}-")
    assert claim.convention == "CMR" and "CMR art. 1" in claim.convention_reason
    assert claim.notice_deadline == TODAY  # apparent damage: reserves at delivery (art. 30 §1)
    assert claim.time_bar_date == add_years(TODAY, 1)
    assert claim.liability_cap_sdr == D("1249.50")  # 8.33 x 150
    assert claim.liability_cap == D("1474.41")  # x 1.18
    assert claim.sdr_rate_source == "entered by the user"
    kinds = dict(claim.deadlines.values_list("kind", "remind_on"))
    assert kinds[ClaimDeadline.Kind.NOTICE] == TODAY
    assert kinds[ClaimDeadline.Kind.TIME_BAR_SOON] == add_years(TODAY, 1) - dt.timedelta(days=60)
    assert kinds[ClaimDeadline.Kind.TIME_BAR] == add_years(TODAY, 1) - dt.timedelta(days=14)
    tasks = Task.objects.filter(assigned_to=assistant, company=world.carrier)
    assert tasks.count() == 3
    assert all(claim.number in task.title for task in tasks)
    assert set(tasks.values_list("due_date", flat=True)) == set(kinds.values())


def test_hidden_damage_gives_seven_days_and_french_domestic_three(world, assistant):  # type: ignore[no-untyped-def]
    day = dt.date(2026, 4, 30)  # 1 May is a holiday in Germany and in France
    # fixed dates: the reason keeps the claim once its time bar (30 April 2027) has passed
    late = {"late_reason": "dates of the worked example"}
    cmr = services.create_claim(
        shipment=world.road,
        facts=facts(
            world.carrier,
            apparent=False,
            delivery_date=day,
            discovered_on=day,
            reserves_taken=False,
            **late,
        ),
        user=assistant,
    )
    assert cmr.notice_deadline == dt.date(2026, 5, 9)  # 7 days, Sundays and 1 May excepted
    domestic = services.create_claim(
        shipment=world.domestic,
        facts=facts(
            world.french_carrier,
            apparent=False,
            delivery_date=day,
            discovered_on=day,
            reserves_taken=False,
            **late,
        ),
        user=assistant,
    )
    assert domestic.convention == "FR_DOMESTIC"
    assert domestic.notice_deadline == dt.date(2026, 5, 4)  # L133-3: 3 days, holidays not counted
    # consignment 2,400 kg < 3 t: lower of 33 EUR x 150 kg and 1,000 EUR x 3 packages
    assert domestic.liability_cap == D("3000.00") and domestic.liability_cap_sdr is None
    assert domestic.sdr_rate is None


def test_air_delay_capped_under_montreal_and_cmr_delay_at_freight(world, assistant):  # type: ignore[no-untyped-def]
    air = services.create_claim(
        shipment=world.air,
        facts=facts(
            world.carrier, kind="delay", weight_affected_kg=D("320"), packages_affected=None
        ),
        user=assistant,
    )
    assert air.convention == "MONTREAL"
    assert air.notice_deadline == TODAY + dt.timedelta(days=21)
    assert air.time_bar_date == add_years(TODAY, 2)
    assert air.liability_cap_sdr == D("8320.00")  # 26 SDR x 320 kg
    road = services.create_claim(
        shipment=world.road, facts=facts(world.carrier, kind="delay"), user=assistant
    )
    assert road.liability_cap == D("850.00")  # CMR art. 23 §5: the freight cost
    assert road.liability_cap_sdr is None


def test_sdr_rate_from_our_exchange_rates(world, assistant):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(
        from_currency="XDR",
        to_currency="EUR",
        valid_from=TODAY - dt.timedelta(days=2),
        rate=D("1.2"),
    )
    claim = services.create_claim(
        shipment=world.road,
        facts=facts(world.carrier, sdr_rate=None, sdr_rate_date=None),
        user=assistant,
    )
    assert claim.sdr_rate == D("1.2") and claim.sdr_rate_date == TODAY - dt.timedelta(days=2)
    assert "XDR" in claim.sdr_rate_source
    assert claim.liability_cap == D("1499.40")


def test_rail_needs_a_choice_and_other_rules_need_a_reason(world, assistant):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.create_claim(shipment=world.rail, facts=facts(world.carrier), user=assistant)
    assert "convention" in caught.value.error_dict
    claim = services.create_claim(
        shipment=world.rail,
        facts=facts(
            world.carrier, convention="CMR", convention_reason="Damage on the road leg to Munich"
        ),
        user=assistant,
    )
    assert claim.convention == "CMR"
    assert claim.convention_reason == "Damage on the road leg to Munich"
    chosen = services.create_claim(
        shipment=world.rail, facts=facts(world.carrier, convention="CMR"), user=assistant
    )
    assert chosen.convention_reason.startswith("Rail or multimodal")  # the explanation kept
    with pytest.raises(ValidationError) as caught:
        services.create_claim(
            shipment=world.road,
            facts=facts(world.carrier, convention="HAGUE_VISBY"),
            user=assistant,
        )
    assert "convention_reason" in caught.value.error_dict


def test_a_claim_past_its_time_bar_is_refused_or_recorded_with_its_reason(world, assistant):  # type: ignore[no-untyped-def]
    old = TODAY - dt.timedelta(days=400)
    with pytest.raises(ValidationError) as caught:
        services.create_claim(
            shipment=world.road,
            facts=facts(world.carrier, delivery_date=old, discovered_on=old, reserves_date=old),
            user=assistant,
        )
    message = caught.value.error_dict["delivery_date"][0].messages[0]
    assert "Time-barred since" in message and "CMR" in message
    assert not Claim.objects.exists()
    claim = services.create_claim(
        shipment=world.road,
        facts=facts(
            world.carrier,
            delivery_date=old,
            discovered_on=old,
            reserves_date=old,
            late_reason="Huber agreed in writing to extend the time bar",
        ),
        user=assistant,
    )
    assert claim.status == Claim.Status.TIME_BARRED and claim.entered_time_barred
    assert not claim.deadlines.exists()
    assert "Entered after its time bar" in selectors.warnings(claim, TODAY)[0]


def test_bad_facts_are_named(world, assistant):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.create_claim(
            shipment=world.domestic,
            facts=facts(
                world.french_carrier,
                currency="USD",
                packages_affected=40,
                reserves_text="",
                discovered_on=TODAY + dt.timedelta(days=1),
            ),
            user=assistant,
        )
    assert {"currency", "packages_affected", "reserves_text", "discovered_on"} <= set(
        caught.value.error_dict
    )


def test_read_only_may_not_open_a_claim(world, reader):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.create_claim(shipment=world.road, facts=facts(world.carrier), user=reader)


def test_letters_move_the_status_and_close_the_notice_task(  # type: ignore[no-untyped-def]
    world, assistant, django_capture_on_commit_callbacks
):
    claim = services.create_claim(
        shipment=world.road,
        facts=facts(
            world.carrier,
            handled_by=assistant,
            kind="shortage",
            apparent=False,
            reserves_taken=False,
        ),
        user=assistant,
    )
    notice = claim.deadlines.get(kind="notice")
    services.record_letter(claim=claim, letter="reserves", user=assistant)
    claim.refresh_from_db()
    notice.task.refresh_from_db()
    assert claim.status == Claim.Status.RESERVES_SENT and claim.reserves_sent_on == TODAY
    assert notice.task.done_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.record_letter(claim=claim, letter="claim", user=assistant, email=True)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CLAIM_SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["claims@huber.example"]
    assert mail.outbox[0].attachments[0][0] == f"{claim.number}-claim.pdf"
    with pytest.raises(ValidationError):
        services.record_letter(claim=claim, letter="insurer", user=assistant)  # no insurer


def test_status_amounts_and_statistics(world, assistant):  # type: ignore[no-untyped-def]
    claim = services.create_claim(
        shipment=world.road, facts=facts(world.carrier, handled_by=assistant), user=assistant
    )
    with pytest.raises(ValidationError):
        services.save_amounts(
            claim=claim,
            values=ClaimAmounts(D("1440"), D("1200"), D("400")),
            user=assistant,
        )
    services.save_amounts(
        claim=claim,
        values=ClaimAmounts(D("1440"), D("1200"), D("0"), "Paid by Huber"),
        user=assistant,
    )
    services.set_status(claim=claim, status="settled", user=assistant, on=TODAY)
    assert claim.settled_on == TODAY
    assert not Task.objects.filter(assigned_to=assistant, done_at__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.set_status(claim=claim, status="claim_sent", user=assistant)
    services.set_status(claim=claim, status="closed", user=assistant)
    with pytest.raises(ValidationError):
        services.save_amounts(
            claim=claim, values=ClaimAmounts(D("1"), D("0"), D("0")), user=assistant
        )
    services.create_claim(
        shipment=world.air, facts=facts(world.carrier, kind="delay"), user=assistant
    )
    assert selectors.claim_counts_by_carrier() == {world.carrier.pk: 2}
    by_carrier = selectors.statistics("carrier")
    assert by_carrier[0].count == 2 and by_carrier[0].recovered == D("1200")
    assert by_carrier[0].claimed == D("2880") and by_carrier[0].recovery_rate == D("41.7")
    assert by_carrier[0].average_days == D("0.0")
    routes = {row.key for row in selectors.statistics("route")}
    assert routes == {"FR-DE", "FR-JP"}
    assert {row.key for row in selectors.statistics("kind")} == {"damage", "delay"}


def test_daily_job_bars_lapsed_claims(world, assistant):  # type: ignore[no-untyped-def]
    claim = services.create_claim(shipment=world.road, facts=facts(world.carrier), user=assistant)
    assert services.bar_lapsed_claims(add_years(TODAY, 1)) == 0
    assert services.bar_lapsed_claims(add_years(TODAY, 1) + dt.timedelta(days=1)) == 1
    claim.refresh_from_db()
    assert claim.status == Claim.Status.TIME_BARRED


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_attachments_checked_by_their_bytes(world, assistant, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    claim = services.create_claim(shipment=world.road, facts=facts(world.carrier), user=assistant)
    photo = services.add_attachment(
        claim=claim, upload=SimpleUploadedFile("crushed.png", _png()), user=assistant
    )
    assert photo.content_type == "image/png" and photo.name == "crushed.png"
    assert photo.file.name.startswith(f"claims/{claim.pk}/") and "crushed" not in photo.file.name
    pdf = services.add_attachment(
        claim=claim, upload=SimpleUploadedFile("survey.pdf", b"%PDF-1.4\n%%EOF"), user=assistant
    )
    assert pdf.content_type == "application/pdf"
    with pytest.raises(ValidationError) as caught:
        services.add_attachment(
            claim=claim,
            upload=SimpleUploadedFile("photo.jpg", b"MZ\x90 not a picture"),
            user=assistant,
        )
    assert "file" in caught.value.error_dict
    with pytest.raises(ValidationError):
        services.add_attachment(
            claim=claim, upload=SimpleUploadedFile("empty.pdf", b""), user=assistant
        )
    services.remove_attachment(attachment=pdf, user=assistant)
    assert claim.attachments.count() == 1


def test_correcting_the_facts_recomputes_deadlines_and_tasks(world, assistant):  # type: ignore[no-untyped-def]
    claim = services.create_claim(
        shipment=world.road, facts=facts(world.carrier, handled_by=assistant), user=assistant
    )
    first_tasks = set(Task.objects.filter(assigned_to=assistant).values_list("pk", flat=True))
    corrected = services.update_claim(
        claim=claim,
        facts=facts(
            world.carrier, handled_by=assistant, kind="delay", weight_affected_kg=D("2400")
        ),
        user=assistant,
    )
    assert corrected.notice_deadline == TODAY + dt.timedelta(days=21)  # CMR art. 30 §3
    assert corrected.liability_cap == D("850.00")
    open_tasks = Task.objects.filter(assigned_to=assistant, done_at__isnull=True)
    assert set(open_tasks.values_list("pk", flat=True)).isdisjoint(first_tasks)
    assert open_tasks.count() == 3 == corrected.deadlines.count()
    assert Task.objects.filter(pk__in=first_tasks, done_at__isnull=False).count() == 3


def test_sea_to_a_hamburg_rules_state_warns(world) -> None:  # type: ignore[no-untyped-def]
    from comptoir.claims.rules import suggest_convention

    to_morocco = shipment(
        world.road.partner,
        world.carrier,
        mode="sea_fcl",
        origin="FR",
        destination="MA",
        reference="CASA",
    )
    to_japan = shipment(
        world.road.partner,
        world.carrier,
        mode="sea_fcl",
        origin="FR",
        destination="JP",
        reference="YOK",
    )
    morocco, japan = suggest_convention(to_morocco), suggest_convention(to_japan)
    assert morocco.convention == japan.convention == "HAGUE_VISBY"
    assert "Hamburg Rules" in morocco.reason and "MA" in morocco.reason
    assert "Hamburg" not in japan.reason
