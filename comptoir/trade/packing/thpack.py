"""Reader of the OR-Library ``thpack`` format (Bischoff & Ratcliff 1995 test problems).

Each file holds ``P`` problems; each problem is a line ``number seed``, a line with the
container length, width and height, a line with the number ``n`` of box types and ``n``
lines ``type l flag w flag h flag count`` where each 0/1 flag says whether that
dimension may stand vertical (J. E. Beasley, OR-Library, "thpack1-thpack9").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from comptoir.trade.packing.model import BoxType, Container


@dataclass(frozen=True, slots=True)
class Instance:
    """One test problem: its number in the file, the container and the box types."""

    number: int
    container: Container
    boxes: tuple[BoxType, ...]


def parse_thpack(text: str) -> list[Instance]:
    """Parse the text of a thpack file into its instances."""
    tokens = [int(t) for t in text.split()]
    pos = 0

    def take() -> int:
        nonlocal pos
        value = tokens[pos]
        pos += 1
        return value

    out: list[Instance] = []
    for _ in range(take()):
        number = take()
        take()  # generator seed
        length, width, height = take(), take(), take()
        boxes: list[BoxType] = []
        for _ in range(take()):
            tid = take()
            l, fl, w, fw, h, fh, count = (take() for _ in range(7))  # noqa: E741
            boxes.append(
                BoxType(
                    id=str(tid),
                    l=l,
                    w=w,
                    h=h,
                    quantity=count,
                    allowed_vertical=(bool(fl), bool(fw), bool(fh)),
                )
            )
        out.append(Instance(number, Container(length, width, height), tuple(boxes)))
    return out


def load_thpack(path: str | Path) -> list[Instance]:
    """Read and parse a thpack file."""
    return parse_thpack(Path(path).read_text())
