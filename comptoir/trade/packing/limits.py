"""The largest load planning problem the engine accepts, and the checks that say so.

A plan's memory and time grow with the number of boxes placed: a box type asking for
10**12 tiny boxes once filled the server's memory with hundreds of thousands of placements
per block. These bounds are far above real loads (a 40' high cube holds about 8 000 cartons
of 30 x 20 x 15 cm; a shipment of several containers some tens of thousands) and keep one
request to a few hundred megabytes and ``MAX_TIME_LIMIT_S`` of search. Sizes are in
centimetres and weights in kilograms, as everywhere in the product.

Every limit is checked on the values (``BoxType``, ``Container``, ``Options``) and on the
whole load (:func:`check_load`), so the API, the CLI, the load plans and any caller of the
engine are bounded alike; the errors are :class:`PackingInputError` with the JSON field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comptoir.trade.packing.model import BoxType

#: Box types in one problem (BR15, the most varied benchmark class, has 100).
MAX_BOX_TYPES = 500
#: Boxes in one problem: the sum of the quantities (also the cap of one quantity).
MAX_BOXES = 50_000
#: Largest side of a container, truck, pallet or box, in centimetres (a 53' trailer is
#: 1 600 cm long inside).
MAX_DIMENSION = 2_000
#: Heaviest payload, box, load on top or stack, in kilograms.
MAX_WEIGHT = 1_000_000
#: Delivery stops of one multi-drop load (a distribution round rarely has more than 30).
MAX_STOPS = 50
#: Longest search the caller may ask for, in seconds.
MAX_TIME_LIMIT_S = 60.0
#: Work units of search per second of this machine's processor: ``time_limit_s`` becomes a
#: work budget at this rate. Fitted in December 2026 on single-process runs without support
#: rule: 30 runs of 10 000 000 units (BR1-BR15) took 1.273 s of processor time per million
#: units on average (1.39 on BR1-BR7, 1.18 on BR8-BR15; 8.7 % mean error around the mean),
#: and after a last speed-up 15 runs (BR1, BR4, BR8, BR12, BR15 #1-#3) took 1.114 s, so a
#: unit is about 1.1 microseconds and a budget of ``time_limit_s`` takes about that many
#: seconds of processor time. The rate is set below that mean, at 800 000, so that the
#: slowest classes (BR1 and BR4: about 1.24 microseconds a unit) stay within their limit too.
WORK_PER_SECOND = 800_000
#: Largest work budget the caller may ask for: the longest search at that rate.
MAX_WORK_LIMIT = int(MAX_TIME_LIMIT_S * WORK_PER_SECOND)

#: Most searches side by side (``Options.workers``): each takes a processor and the whole
#: work budget, and the solver has this many distinct strategies.
MAX_WORKERS = 16
#: Largest total work of the searches side by side (``workers`` x the work budget): four
#: of the longest searches (a machine with fewer processors runs them in turn).
MAX_TOTAL_WORK = 4 * MAX_WORK_LIMIT


def limit_error(message: str, field: str | None) -> Exception:
    """The engine's input error (imported late: the model imports this module)."""
    from comptoir.trade.packing.model import PackingInputError

    return PackingInputError(message, field)


def check_dimension(value: float, label: str, field: str) -> None:
    if value > MAX_DIMENSION:
        raise limit_error(
            f"{label} is {value:g} cm, more than the largest accepted size, "
            f"{MAX_DIMENSION:,} cm".replace(",", " "),
            field,
        )


def check_weight(value: float, label: str, field: str) -> None:
    if value > MAX_WEIGHT:
        raise limit_error(
            f"{label} is {value:g} kg, more than the largest accepted weight, "
            f"{MAX_WEIGHT:,} kg".replace(",", " "),
            field,
        )


def check_quantity(value: int, label: str, field: str) -> None:
    if value > MAX_BOXES:
        raise limit_error(
            f"{label} is {value}, more than the largest accepted number of boxes, "
            f"{MAX_BOXES:,}".replace(",", " "),
            field,
        )


def check_stop(value: int, label: str, field: str) -> None:
    """A delivery stop is a whole number from 1 (delivered first) to ``MAX_STOPS``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise limit_error(f"{label} must be a whole number, got {value!r}", field)
    if not 1 <= value <= MAX_STOPS:
        raise limit_error(f"{label} is {value}, it must lie between 1 and {MAX_STOPS}", field)


def check_time_limit(value: float) -> None:
    if value > MAX_TIME_LIMIT_S:
        raise limit_error(
            f"time_limit_s is {value:g}, more than the longest accepted search, "
            f"{MAX_TIME_LIMIT_S:g} s",
            "time_limit_s",
        )


def check_work_limit(value: int) -> None:
    if value > MAX_WORK_LIMIT:
        raise limit_error(
            f"work_limit is {value:,}, more than the largest accepted search, "
            f"{MAX_WORK_LIMIT:,} units".replace(",", " "),
            "work_limit",
        )


def check_workers(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise limit_error(f"workers must be a whole number, got {value!r}", "workers")
    if not 1 <= value <= MAX_WORKERS:
        raise limit_error(f"workers is {value}, it must lie between 1 and {MAX_WORKERS}", "workers")


def check_total_work(workers: int, budget: int) -> None:
    if workers * budget > MAX_TOTAL_WORK:
        raise limit_error(
            f"{workers} workers x {budget:,} work units is more than the largest accepted "
            f"total, {MAX_TOTAL_WORK:,} units: fewer workers or a shorter search".replace(",", " "),
            "workers",
        )


def check_box_types(count: int) -> None:
    if count > MAX_BOX_TYPES:
        raise limit_error(
            f"{count} box types, more than the {MAX_BOX_TYPES} accepted in one problem",
            "boxes",
        )


def check_load(boxes: Sequence[BoxType]) -> None:
    """Refuse a load with too many box types or boxes in all (field ``boxes``)."""
    check_box_types(len(boxes))
    total = sum(b.quantity for b in boxes)
    if total > MAX_BOXES:
        raise limit_error(
            f"{total} boxes in all, more than the {MAX_BOXES:,} accepted in one problem".replace(
                ",", " "
            ),
            "boxes",
        )
