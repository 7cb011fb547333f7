"""The standard container and truck types, from the trade core's reference figures.

Installed by a data migration (and again by :func:`install` where a test or the demo
starts from an emptied database); a page never creates them while it is being read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from comptoir.trade.packing import STANDARD_VEHICLES
from comptoir.trade.packing.axles import STANDARD_LAYOUTS

#: French names of the standard vehicle types of the trade core.
FRENCH_NAMES = {
    "20DV": "Conteneur 20' dry",
    "40DV": "Conteneur 40' dry",
    "40HC": "Conteneur 40' high cube",
    "TRAILER136": "Semi-remorque 13,60 m (tautliner)",
    "SWAP72": "Caisse mobile 7,20 m",
}


def _cm(value: float | None) -> Decimal | None:
    return Decimal(str(value)) if value else None


def axle_fields(code: str) -> dict[str, Any]:
    """The axle layout fields of a standard truck type (empty for the others)."""
    layout = STANDARD_LAYOUTS.get(code)
    if layout is None:
        return {}
    return {
        "axle_layout": "semi_trailer" if layout.front_name == "king pin" else "rigid",
        "front_support_cm": Decimal(str(layout.front_at)),
        "front_tare_kg": Decimal(str(layout.front_tare)),
        "front_limit_kg": Decimal(str(layout.front_limit)),
        "rear_axles_cm": Decimal(str(layout.rear_at)),
        "rear_tare_kg": Decimal(str(layout.rear_tare)),
        "rear_limit_kg": Decimal(str(layout.rear_limit)),
    }


def standard_rows() -> list[dict[str, Any]]:
    """The field values of each standard type (the model's field names)."""
    return [
        {
            "code": v.code,
            "name_en": v.name,
            "name_fr": FRENCH_NAMES.get(v.code, v.name),
            "kind": "container" if v.door_height else "truck",
            "length_cm": Decimal(str(v.length)),
            "width_cm": Decimal(str(v.width)),
            "height_cm": Decimal(str(v.height)),
            "door_height_cm": _cm(v.door_height),
            "door_width_cm": _cm(v.door_width),
            "max_payload_kg": Decimal(str(v.max_payload)),
            **axle_fields(v.code),
        }
        for v in STANDARD_VEHICLES
    ]


def install(equipment_model: Any) -> int:
    """Create the standard types in an empty table; returns how many were created.

    ``equipment_model`` is the model class: the migration passes its historical one."""
    if equipment_model.objects.exists():
        return 0
    rows = standard_rows()
    known = {f.name for f in equipment_model._meta.get_fields()}  # an older migration's
    for row in rows:  # one by one: the live model records each in its history
        equipment_model.objects.create(**{k: v for k, v in row.items() if k in known})
    return len(rows)


def add_axle_layouts(equipment_model: Any) -> int:
    """Give the standard truck types their default axle layout where none is set."""
    done = 0
    for row in equipment_model.objects.filter(axle_layout=""):
        fields = axle_fields(row.code)
        if fields:
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
            done += 1
    return done
