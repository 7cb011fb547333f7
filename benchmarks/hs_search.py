"""Accuracy and speed of the HS nomenclature search (comptoir.trade.hs).

Runs the labelled set ``benchmarks/data/hs_labelled.csv`` (product descriptions as users
type them, French and English, with their HS 2022 6-digit code and a dev/test split)
against the nomenclature CSV and prints top-1 and top-5 accuracy at 6 digits and at
chapter (2-digit) level, by language and by split, with the index build time and the
mean search time.

Usage::

    python benchmarks/hs_search.py [NOMENCLATURE_CSV] [--labelled CSV] [--misses]

The nomenclature defaults to ``../shared/data/hs/harmonized-system.csv`` next to the
repository (the WCO HS 2022 nomenclature as published by UN Comtrade).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comptoir.trade.hs import HsIndex, parse_hs_csv  # noqa: E402

DEFAULT_NOMENCLATURE = REPO.parent / "shared" / "data" / "hs" / "harmonized-system.csv"
DEFAULT_LABELLED = REPO / "benchmarks" / "data" / "hs_labelled.csv"


@dataclass(frozen=True)
class Case:
    query: str
    lang: str
    code: str
    split: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    codes: list[str]
    seconds: float

    def rank(self) -> int | None:
        """1-based rank of the expected code, or None when it is not returned."""
        return self.codes.index(self.case.code) + 1 if self.case.code in self.codes else None

    def hit(self, top: int, digits: int) -> bool:
        return any(code[:digits] == self.case.code[:digits] for code in self.codes[:top])


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(row["query"], row["lang"], row["code"], row.get("split") or "dev")
            for row in csv.DictReader(handle)
        ]


def build_index(path: Path) -> tuple[HsIndex, float]:
    with path.open(encoding="utf-8", newline="") as handle:
        entries = parse_hs_csv(handle)
    start = time.perf_counter()
    index = HsIndex(entries)
    return index, time.perf_counter() - start


def run(index: HsIndex, cases: list[Case], top: int = 5) -> list[Outcome]:
    outcomes = []
    for case in cases:
        start = time.perf_counter()
        hits = index.search(case.query, top=top)
        outcomes.append(Outcome(case, [hit.code for hit in hits], time.perf_counter() - start))
    return outcomes


def accuracy(outcomes: list[Outcome], top: int, digits: int) -> float:
    return sum(o.hit(top, digits) for o in outcomes) / len(outcomes) if outcomes else 0.0


def report(outcomes: list[Outcome]) -> str:
    groups: list[tuple[str, list[Outcome]]] = [("all", outcomes)]
    for split in ("dev", "test"):
        for lang in ("fr", "en"):
            groups.append(
                (
                    f"{split} {lang}",
                    [o for o in outcomes if o.case.split == split and o.case.lang == lang],
                )
            )
    for lang in ("fr", "en"):
        groups.append((f"all {lang}", [o for o in outcomes if o.case.lang == lang]))
    for split in ("dev", "test"):
        groups.append((f"{split} all", [o for o in outcomes if o.case.split == split]))
    lines = [
        f"{'subset':<10} {'n':>4}  {'top1@6':>7} {'top5@6':>7}  {'top1@2':>7} {'top5@2':>7}",
    ]
    for name, group in groups:
        lines.append(
            f"{name:<10} {len(group):>4}  "
            f"{accuracy(group, 1, 6):>7.1%} {accuracy(group, 5, 6):>7.1%}  "
            f"{accuracy(group, 1, 2):>7.1%} {accuracy(group, 5, 2):>7.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nomenclature", nargs="?", type=Path, default=DEFAULT_NOMENCLATURE)
    parser.add_argument("--labelled", type=Path, default=DEFAULT_LABELLED)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list queries missed at top 5")
    args = parser.parse_args(argv)

    index, build_seconds = build_index(args.nomenclature)
    cases = load_cases(args.labelled)
    if args.split != "all":
        cases = [case for case in cases if case.split == args.split]
    run(index, cases[:10])  # warm-up
    outcomes = run(index, cases)
    times = [o.seconds * 1000 for o in outcomes]

    print(f"HS search benchmark: {len(cases)} labelled queries, {len(index)} HS entries")
    print(f"index build: {build_seconds * 1000:.0f} ms")
    print(
        f"search: mean {statistics.mean(times):.2f} ms, median {statistics.median(times):.2f} ms, "
        f"max {max(times):.2f} ms"
    )
    print()
    print(report(outcomes))
    if args.misses:
        print()
        for outcome in outcomes:
            rank = outcome.rank()
            if rank is None or rank > 1:
                print(
                    f"{'MISS' if rank is None else f'#{rank}':<5} [{outcome.case.split} "
                    f"{outcome.case.lang}] {outcome.case.query!r} -> want {outcome.case.code}, "
                    f"got {' '.join(outcome.codes)}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
