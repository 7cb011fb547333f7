"""Export control services and gates: classification, licences, allocations, the refusals at
a shipment's departure and an order's confirmation, the expiry reminder."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from comptoir.common import gates
from comptoir.export_control import selectors, services
from comptoir.export_control.inputs import (
    AllocationValues,
    ClassificationValues,
    MeasureValues,
)
from comptoir.export_control.models import Allocation, CountryMeasure
from comptoir.parties.models import Task
from comptoir.sales import services as sales
from comptoir.sales.tests.conftest import make_order
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues
from comptoir.trade import export_control as rules

from .conftest import TODAY, licence_values

pytestmark = pytest.mark.django_db


def _depart(shipment):  # type: ignore[no-untyped-def]
    return shipping.record_event(
        shipment=shipment,
        event=EventValues(occurred_at=timezone.now(), description="Sailed", step="departure"),
        user=None,
    )


def _refusal(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# -------------------------------------------------------------------------------- seeding


def test_the_main_eu_measures_are_seeded_with_their_legal_reference() -> None:
    seeded = CountryMeasure.objects.all()
    assert {m.country for m in seeded} >= {"RU", "BY", "IR", "KP", "SY"}
    assert all(m.legal_reference and m.title_fr for m in seeded)
    russia = seeded.get(country="RU", kind="sectoral")
    assert "833/2014" in russia.legal_reference and "88" in russia.prefixes
    for measure in seeded:  # the seed is in the shape the company's own entries must have
        assert rules.normalise_cn_prefixes(measure.cn_prefixes) == sorted(measure.prefixes)
        assert measure.source_url.startswith("https://eur-lex.europa.eu/")


# --------------------------------------------------------------------------- classification


def test_a_classification_is_written_as_annex_i_and_a_bad_number_names_the_field(world) -> None:  # type: ignore[no-untyped-def]
    assert selectors.classification(world.dryer).control_number == "2B352.e"  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as refused:
        services.classify_product(
            product=world.pan, values=ClassificationValues(control_number="EAR99"), user=None
        )
    assert "control_number" in refused.value.message_dict
    unlisted = services.classify_product(
        product=world.pan, values=ClassificationValues(control_number=""), user=None
    )
    assert not unlisted.is_controlled


# --------------------------------------------------------------------------------- licences


def test_a_union_general_authorisation_takes_the_countries_of_its_annex(world) -> None:  # type: ignore[no-untyped-def]
    eu001 = services.save_licence(
        licence=None,
        values=licence_values(
            number="EU001-FR-REG-118",
            kind="eu_general",
            eu_authorisation="EU001",
            countries="",
            valid_until=None,
            quantity_limit=None,
            value_limit=None,
        ),
        user=None,
    )
    assert {"US", "JP", "GB"} <= set(eu001.country_list)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_until": None}, "valid_until"),
        ({"countries": "XX"}, "countries"),
        ({"countries": "Korea"}, "countries"),
        ({"control_numbers": ""}, "control_numbers"),
        ({"control_numbers": "2B3520"}, "control_numbers"),
        ({"kind": "eu_general"}, "eu_authorisation"),
        ({"currency": "EUX"}, "currency"),
        ({"number": "FR-SBDU-2026-00417"}, "number"),
    ],
)
def test_a_licence_refused_names_the_field(world, changes, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.save_licence(licence=None, values=licence_values(**changes), user=None)
    assert field in refused.value.message_dict


def test_a_limit_cannot_go_below_what_shipments_took(world) -> None:  # type: ignore[no-untyped-def]
    services.allocate(line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None)
    with pytest.raises(ValidationError) as refused:
        services.save_licence(
            licence=world.licence, values=licence_values(quantity_limit=Decimal("1")), user=None
        )
    assert "quantity_limit" in refused.value.message_dict


# ------------------------------------------------------------------------------ allocation


def test_a_line_takes_its_quantity_and_value_and_the_licence_shows_what_is_left(world) -> None:  # type: ignore[no-untyped-def]
    allocation = services.allocate(
        line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None
    )
    assert (allocation.quantity, allocation.value) == (Decimal("2"), Decimal("96000"))
    assert selectors.usage(world.licence) == (Decimal("2"), Decimal("96000"))
    facts = selectors.licence_facts(world.licence)
    assert facts.quantity_left == Decimal("2") and facts.value_left == Decimal("104000")
    rows = selectors.controlled_lines(world.shipment)
    assert [r.line for r in rows] == [world.dryer_line] and rows[0].problems == []


def test_a_line_the_licence_cannot_cover_is_refused_with_the_reason(world) -> None:  # type: ignore[no-untyped-def]
    small = services.save_licence(
        licence=None,
        values=licence_values(number="FR-SBDU-2026-00001", quantity_limit=Decimal("1")),
        user=None,
    )
    with pytest.raises(ValidationError) as refused:
        services.allocate(line=world.dryer_line, values=AllocationValues(small.pk), user=None)
    assert "has 1 left, the line needs 2" in _refusal(refused)
    with pytest.raises(ValidationError) as refused:
        services.allocate(line=world.pan_line, values=AllocationValues(world.licence.pk), user=None)
    assert "no control list number" in _refusal(refused)


def test_a_value_in_another_currency_must_be_given(world) -> None:  # type: ignore[no-untyped-def]
    usd = services.save_licence(
        licence=None,
        values=licence_values(number="FR-SBDU-USD", currency="USD", value_limit=Decimal("1e5")),
        user=None,
    )
    with pytest.raises(ValidationError) as refused:
        services.allocate(line=world.dryer_line, values=AllocationValues(usd.pk), user=None)
    assert "value" in refused.value.message_dict
    made = services.allocate(
        line=world.dryer_line,
        values=AllocationValues(usd.pk, value=Decimal("99000")),
        user=None,
    )
    assert made.value == Decimal("99000")


# ------------------------------------------------------------------------ departure gate


def test_a_controlled_line_without_licence_refuses_the_departure(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        _depart(world.shipment)
    message = _refusal(refused)
    assert "LYO-12" in message and "2B352.e" in message and "KR" in message
    assert not world.shipment.milestones.filter(actual_at__isnull=False).exists()


def test_an_allocated_licence_lets_it_leave_and_freezes_the_allocation(world) -> None:  # type: ignore[no-untyped-def]
    allocation = services.allocate(
        line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None
    )
    _depart(world.shipment)
    with pytest.raises(ValidationError) as refused:
        services.remove_allocation(allocation=allocation, user=None)
    assert "has left" in _refusal(refused)
    assert Allocation.objects.filter(pk=allocation.pk).exists()


def test_a_suspended_or_expired_licence_refuses_the_departure(world) -> None:  # type: ignore[no-untyped-def]
    services.allocate(line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None)
    services.save_licence(licence=world.licence, values=licence_values(suspended=True), user=None)
    refusals = gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=world.shipment)
    assert any("suspended" in r and "LYO-12" in r for r in refusals)
    services.save_licence(
        licence=world.licence,
        values=licence_values(
            valid_from=TODAY - dt.timedelta(days=60), valid_until=TODAY - dt.timedelta(days=1)
        ),
        user=None,
    )
    refusals = gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=world.shipment)
    assert any("expired" in r for r in refusals)


def _measure(kind: str, cn: str = "") -> CountryMeasure:
    return services.save_measure(
        measure=None,
        values=MeasureValues(
            country="KR",
            kind=kind,
            title_en="Test measure",
            title_fr="Mesure d'essai",
            legal_reference="Reg. (EU) 9999/2026",
            effective_from=TODAY - dt.timedelta(days=1),
            cn_prefixes=cn,
        ),
        user=None,
    )


def test_a_sectoral_measure_matching_a_cn_code_refuses_departure_and_order(world) -> None:  # type: ignore[no-untyped-def]
    services.allocate(line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None)
    _measure("sectoral", "7323")
    with pytest.raises(ValidationError) as refused:
        _depart(world.shipment)
    message = _refusal(refused)
    assert "CF-24-RG" in message and "73239200" in message and "9999/2026" in message
    with pytest.raises(ValidationError) as refused:
        sales.confirm_order(order=make_order(world.client, world.pan, "10", "79"), user=None)
    assert "CF-24-RG" in _refusal(refused)


def test_a_full_embargo_refuses_everything(world) -> None:  # type: ignore[no-untyped-def]
    _measure("full_embargo")
    refusals = gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=world.shipment)
    assert any("full embargo" in r for r in refusals)
    order = make_order(world.client, world.pan, "10", "79")
    with pytest.raises(ValidationError) as refused:
        sales.confirm_order(order=order, user=None)
    assert "full embargo" in _refusal(refused)


def test_a_measure_needs_its_codes_and_an_arms_embargo_defaults_to_chapter_93(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        _measure("sectoral")
    assert "cn_prefixes" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _measure("sectoral", "73 9")
    assert "cn_prefixes" in refused.value.message_dict
    assert _measure("arms_embargo").prefixes == ["93"]


def test_imports_are_not_checked(world) -> None:  # type: ignore[no-untyped-def]
    world.shipment.direction = "import"
    assert gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=world.shipment) == []


# --------------------------------------------------------------------- order confirmation


def test_an_order_of_a_controlled_product_needs_a_licence_for_the_country(world) -> None:  # type: ignore[no-untyped-def]
    services.save_licence(licence=world.licence, values=licence_values(countries="AE"), user=None)
    with pytest.raises(ValidationError) as refused:
        sales.confirm_order(order=make_order(world.client, world.dryer, "1", "48000"), user=None)
    message = _refusal(refused)
    assert "LYO-12" in message and "2B352.e" in message and "no licence" in message


def test_an_order_beyond_what_the_licence_has_left_is_refused_within_it_passes(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        sales.confirm_order(order=make_order(world.client, world.dryer, "5", "48000"), user=None)
    assert "has 4 left, the line needs 5" in _refusal(refused)
    order = sales.confirm_order(
        order=make_order(world.client, world.dryer, "1", "48000"), user=None
    )
    assert order.status in ("confirmed", "on_hold")


def test_an_order_to_another_eu_country_needs_no_licence_unless_annex_iv(world, clients) -> None:  # type: ignore[no-untyped-def]
    order = make_order(clients["de"], world.dryer, "1", "48000")
    assert gates.refusals(gates.ORDER_CONFIRMATION, order=order) == []
    services.classify_product(
        product=world.dryer,
        values=ClassificationValues(control_number="2B352.e", annex_iv=True),
        user=None,
    )
    assert gates.refusals(gates.ORDER_CONFIRMATION, order=order)


# ----------------------------------------------------------------------------- daily job


def test_an_expiring_licence_becomes_one_task(world, manager) -> None:  # type: ignore[no-untyped-def]
    services.save_licence(
        licence=world.licence,
        values=licence_values(valid_until=TODAY + dt.timedelta(days=40), responsible=manager),
        user=None,
    )
    assert services.remind_expiring_licences(TODAY) == 1
    assert services.remind_expiring_licences(TODAY) == 0
    task = Task.objects.get(assigned_to=manager)
    assert "FR-SBDU-2026-00417" in task.title and task.due_date == TODAY + dt.timedelta(days=10)
    # renewed: the task is closed and a new one comes when the new date nears
    services.save_licence(
        licence=world.licence,
        values=licence_values(valid_until=TODAY + dt.timedelta(days=400), responsible=manager),
        user=None,
    )
    task.refresh_from_db()
    assert task.done_at is not None
    assert services.remind_expiring_licences(TODAY) == 0
