"""Writes of the logistics area: load plans and the container and truck types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import stamp
from comptoir.trade.packing import STANDARD_VEHICLES

from .forms import LoadPlanForm
from .models import Equipment, LoadPlan

#: French names of the standard vehicle types of the trade core.
FRENCH_NAMES = {
    "20DV": "Conteneur 20' dry",
    "40DV": "Conteneur 40' dry",
    "40HC": "Conteneur 40' high cube",
    "TRAILER136": "Semi-remorque 13,60 m (tautliner)",
    "SWAP72": "Caisse mobile 7,20 m",
}


def ensure_standard_equipment() -> int:
    """Create the standard container and truck types when none exists; returns how many.

    The system seeds them (no user): they are the trade core's own reference figures."""
    if Equipment.objects.exists():
        return 0
    with transaction.atomic():
        for v in STANDARD_VEHICLES:
            Equipment.objects.create(
                code=v.code,
                name_en=v.name,
                name_fr=FRENCH_NAMES.get(v.code, v.name),
                kind=Equipment.Kind.CONTAINER if v.door_height else Equipment.Kind.TRUCK,
                length_cm=Decimal(str(v.length)),
                width_cm=Decimal(str(v.width)),
                height_cm=Decimal(str(v.height)),
                door_height_cm=Decimal(str(v.door_height)) if v.door_height else None,
                door_width_cm=Decimal(str(v.door_width)) if v.door_width else None,
                max_payload_kg=Decimal(str(v.max_payload)),
            )
    return len(STANDARD_VEHICLES)


def save_plan(form: LoadPlanForm, lines: Any, user: Any) -> LoadPlan:
    """Save the plan and its lines in one transaction; a changed plan must be recomputed."""
    require(user, Action.CHANGE if form.instance.pk else Action.CREATE, Record.LOAD_PLAN)
    with transaction.atomic():
        plan = form.save(commit=False)
        plan.prices = form.prices()
        if plan.pk is None:
            plan.created_by = user if getattr(user, "is_authenticated", False) else None
        if plan.status != LoadPlan.Status.DRAFT and not plan.is_busy:
            plan.status = LoadPlan.Status.DRAFT
            plan.result = None
            plan.total_cost = None
            plan.computed_at = None
            plan.progress = 0
        stamp(plan, user)
        plan.save()
        lines.instance = plan
        for line_form in lines.forms:
            if line_form.has_changed() or line_form.instance.pk:
                stamp(line_form.instance, user)
        lines.save()
    return plan
