"""Ranking rules of the classification search: a finished article beats its material or
the machine that makes it.

A text search for "robe en soie" finds the silk fabrics of chapter 50 as readily as the
dresses of chapter 62: both texts say "silk". Likewise "bague en or" finds unwrought gold
(7108), "jus d'orange" the bottling machines of 8422, "make-up" the paper-making machines
of 8439. Someone describing goods to declare almost always describes the finished article;
the nomenclature itself says so by classifying an article apart from its material
(General Interpretative Rule 1 and the Section notes: Section XI Note 1 and Chapter 61-63
notes for made-up textile articles, Chapter 71 Note 9 for jewellery, Section XVI Note 1 and
heading texts of machines "for making ...").

So, unless the query itself names a raw form ("tissu", "fabric", "yarn", "unwrought",
"ingot", "powder", "hide") or a machine ("machine", "apparatus", "equipment"), subheadings
of material headings and of machines-for-making headings are lowered, provided a finished
article of the same family also matches the query (otherwise the material is what the user
is looking for).

Pure Python, no Django; the caller passes scores by 6-digit code and the query's English
stems (as produced by :func:`comptoir.trade.hs.stem_en`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "FAMILIES",
    "Family",
    "apply",
    "finished_article_first",
    "new_unless_used",
    "precious_not_imitation",
    "woven_unless_knitted",
]

#: share of its score a material or machine subheading keeps when the rule applies
DEMOTION = 0.45
#: the rule applies when a finished article scores at least this share of the best score
FINISHED_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Family:
    """Headings of raw materials (or machines) and of the finished articles made of them.

    Codes are prefixes of 6-digit subheadings (2 digits: a chapter, 4: a heading).
    ``asks`` are the English stems that, in a query, ask for the material itself.
    """

    name: str
    material: tuple[str, ...]
    finished: tuple[str, ...]
    asks: frozenset[str]

    def is_material(self, code: str) -> bool:
        return code.startswith(self.material)

    def is_finished(self, code: str) -> bool:
        return code.startswith(self.finished) and not self.is_material(code)


_METAL_FORMS = frozenset(
    {
        "unwrought",
        "powder",
        "ingot",
        "bar",
        "bullion",
        "semi",
        "plate",
        "sheet",
        "wire",
        "strip",
        "foil",
        "waste",
        "scrap",
        "rod",
        "profil",
        "coil",
        "billet",
        "slab",
        "flat",
        "roll",
        "ore",
        "alloy",
        "oxide",
        "hydroxide",
        "chloride",
        "sulphate",
        "nitrate",
        "compound",
        "salt",
        "colloidal",
        "concentrate",
        # the same forms as the search stems them (trade.hs.stem_en): "wire" -> "wir"
        "wir",
        "plat",
        "tub",
        "pip",
        "section",
        "beam",
        "girder",
        "angl",
        "shap",
        "cathod",
        "anod",
    }
)

FAMILIES: tuple[Family, ...] = (
    # Section XI: fibres, yarns and fabrics (50-55, 58, 60) against garments and made-up
    # articles (61-63), headgear (65), footwear (64), leather goods (42).
    Family(
        "textiles",
        material=("50", "51", "52", "53", "54", "55", "58", "60"),
        finished=("61", "62", "63", "64", "65", "42", "94", "95"),
        asks=frozenset(
            {
                "fabric",
                "yarn",
                "fibre",
                "thread",
                "cloth",
                "tow",
                "filament",
                "roving",
                "staple",
                "raw",
                "waste",
                "cocoon",
                "lace",
                "embroidery",
                "ribbon",
                "velvet",
                "tulle",
                "pile",
            }
        ),
    ),
    # Chapter 71: precious metals unwrought or semi-manufactured (7106-7112) against
    # jewellery, goldsmiths' wares and imitation jewellery (7113-7118).
    Family(
        "precious metals",
        material=(
            "7101",
            "7102",
            "7103",
            "7104",
            "7105",
            "7106",
            "7107",
            "7108",
            "7109",
            "7110",
            "7111",
            "7112",
        ),
        finished=("7113", "7114", "7115", "7116", "7117", "9101", "9102", "9111", "9113"),
        asks=_METAL_FORMS,
    ),
    # Section XV: iron, steel, copper, nickel, aluminium, lead, zinc, tin in primary and
    # semi-manufactured forms against their articles (73, 7412-7419, 7508, 7610-7616,
    # 7806, 7907, 8007, tools of 82, miscellaneous articles of 83).
    Family(
        "base metals",
        material=(
            "2601",
            "2603",
            "2604",
            "2606",
            "2607",
            "2608",
            "2609",
            "2818",
            "2825",
            "2827",
            "2833",
            *(f"72{n:02d}" for n in range(1, 30)),
            *(f"74{n:02d}" for n in range(1, 12)),
            "7501",
            "7502",
            "7503",
            "7504",
            "7505",
            "7506",
            *(f"76{n:02d}" for n in range(1, 10)),
            "7801",
            "7802",
            "7804",
            "7901",
            "7902",
            "7903",
            "7904",
            "7905",
            "8001",
            "8002",
            "8003",
        ),
        finished=(
            "73",
            "7412",
            "7415",
            "7418",
            "7419",
            "7508",
            "7610",
            "7612",
            "7613",
            "7614",
            "7615",
            "7616",
            "7806",
            "7907",
            "8007",
            "82",
            "83",
            "94",
        ),
        asks=_METAL_FORMS,
    ),
    # Chapter 41: raw hides and tanned leather against leather articles (42) and footwear
    # (64).
    Family(
        "leather",
        material=("41",),
        finished=("42", "64", "94"),
        asks=frozenset({"hide", "skin", "tan", "tanned", "crust", "parchment", "raw"}),
    ),
    # Chapter 43: raw and tanned furskins (4301, 4302) against articles of furskin and
    # artificial fur (4303, 4304): a mink coat is not mink pelts.
    Family(
        "furskins",
        material=("4301", "4302"),
        finished=("4303", "4304"),
        asks=frozenset({"raw", "tan", "tanned", "pelt", "untanned", "skin"}),
    ),
    # Cases and boxes made for goods (4202 cases "for jewellery", "for spectacles"...; 4420
    # caskets "for jewellery or cutlery") against the goods they hold.
    Family(
        "cases",
        material=("4202", "4420"),
        finished=tuple(f"{n:02d}" for n in range(1, 98)),
        asks=frozenset(
            {
                "case",
                "box",
                "casket",
                "container",
                "bag",
                "handbag",
                "holder",
                "trunk",
                "suitcase",
                "wallet",
                "purse",
                "pouch",
                "satchel",
                "briefcase",
                "sheath",
                "cover",
                "travel",
                "luggage",
                "backpack",
                "rucksack",
                "marquetry",
                "inlaid",
                "statuette",
                "ornament",
            }
        ),
    ),
    # Not a material, the same mechanism: switchgear for more than 1,000 volts (8535, grid
    # equipment) against the everyday low-voltage switchgear of 8536.
    Family(
        "voltage",
        material=("8535",),
        finished=("8536",),
        asks=frozenset({"voltage", "tension", "grid", "transmission", "substation"}),
    ),
    # Machines that make goods (food and drink, paper, textiles, leather, glass, rubber and
    # plastics machinery, machine tools, n.e.c. machines, moulds) against the goods.
    Family(
        "machines",
        material=(
            "8417",
            "8419",
            "8420",
            "8422",
            "8434",
            "8435",
            "8436",
            "8437",
            "8438",
            "8439",
            "8440",
            "8441",
            "8442",
            "8444",
            "8445",
            "8446",
            "8447",
            "8448",
            "8449",
            "8453",
            "8454",
            "8455",
            *(f"84{n}" for n in range(56, 66)),
            "8474",
            "8475",
            "8477",
            "8478",
            "8479",
            "8480",
            "8514",
            "8515",
        ),
        finished=tuple(f"{n:02d}" for n in range(1, 98)),
        asks=frozenset(
            {
                "machine",
                "machinery",
                "apparatu",
                "apparatus",
                "equipment",
                "plant",
                "press",
                "industrial",
                "mould",
                "tool",
                "dishwasher",
                "furnace",
                "oven",
                "line",
                "robot",
                "extruder",
                "loom",
                "lathe",
            }
        ),
    ),
)


def finished_article_first(
    scores: Mapping[str, float], query_stems: frozenset[str] | set[str]
) -> dict[str, float]:
    """``scores`` with material and machine subheadings lowered where a finished article
    of the same family also matches and the query does not ask for the material.

    ``scores`` maps 6-digit codes to relevance (higher is better); the result has the same
    keys. Codes outside every family keep their score.
    """
    result = dict(scores)
    if not result:
        return result
    best = max(result.values())
    if best <= 0.0:
        return result
    families = [n for n, family in enumerate(FAMILIES) if not family.asks & query_stems]
    if not families:
        return result
    materials: dict[int, list[str]] = {}
    finished: dict[int, float] = {}
    for code, score in result.items():
        for number, is_material in _roles(code):
            if is_material:
                materials.setdefault(number, []).append(code)
            elif score > finished.get(number, 0.0):
                finished[number] = score
    for number in families:
        if finished.get(number, 0.0) < FINISHED_SHARE * best:
            continue
        for code in materials.get(number, ()):
            result[code] *= DEMOTION
    return result


@lru_cache(maxsize=16384)
def _roles(code: str) -> tuple[tuple[int, bool], ...]:
    """``(family number, is material)`` for each family where ``code`` is a material or a
    finished article (cached: the families are fixed)."""
    roles: list[tuple[int, bool]] = []
    for number, family in enumerate(FAMILIES):
        if family.is_material(code):
            roles.append((number, True))
        elif family.is_finished(code):
            roles.append((number, False))
    return tuple(roles)


#: stems that say a garment is knitted or crocheted (chapter 61)
KNITTED = frozenset({"knit", "knitted", "crochet", "crocheted", "jersey", "hosiery"})
#: share of its score a knitted garment keeps when the query does not say knitted
KNITTED_FACTOR = 0.85
#: garments made of knitted fabric as a rule (briefs, polo shirts, babies' bodysuits,
#: swimsuits, hoodies): said without their fabric, the knitted twin comes first and the
#: woven one keeps KNITTED_FACTOR (fifth round); English and French stems
KNITTED_BY_NATURE = frozenset(
    {
        "brief", "briefs", "polo", "bodysuit", "swimsuit", "hoody", "hoodie", "sweatshirt",
        "knicker", "panty", "panties", "legging", "slip", "culott", "bodi",
    }
)  # fmt: skip


def woven_unless_knitted(
    scores: Mapping[str, float], query_stems: frozenset[str] | set[str]
) -> dict[str, float]:
    """Garments: chapter 62 (not knitted) before chapter 61 (knitted or crocheted) unless the
    query says knitted or names a garment knitted as a rule ("briefs", "polo shirt").

    Most garment headings exist in both chapters with the same words (6105 and 6205 men's
    shirts, 6104 and 6204 dresses); the query rarely says how the fabric was made, and the
    subheadings that exist in chapter 61 only (6109 T-shirts, 6110 jerseys, 6115 hosiery)
    have no chapter 62 twin to be overtaken by. The factor is mild: a knitted article whose
    words match better still comes first.
    """
    result = dict(scores)
    if query_stems & KNITTED:
        return result
    if not any(code.startswith("62") for code in result):
        return result
    lesser = "62" if query_stems & KNITTED_BY_NATURE else "61"
    for code in result:
        if code.startswith(lesser):
            result[code] *= KNITTED_FACTOR
    return result


#: stems of precious metals: jewellery of them is 7113, not imitation jewellery (7117)
PRECIOUS = frozenset(
    {"gold", "silver", "platinum", "precious", "palladium", "rhodium", "diamond", "pearl", "gem"}
)
#: stems that ask for imitation jewellery (Chapter 71 Note 11: of base metal or plated)
IMITATION = frozenset({"imitation", "costume", "fashion", "plat", "clad", "base"})
#: stems that ask for used, worn or retreaded goods
USED = frozenset({"used", "worn", "retread", "second", "hand", "waste", "scrap", "rag"})
#: headings of used goods (4012 retreaded or used tyres, 6309 worn clothing, 8549 e-waste)
USED_HEADINGS = ("4012", "6309", "8549")
#: share of its score a subheading keeps when one of these two rules lowers it
DEFAULT_FACTOR = 0.7


def precious_not_imitation(
    scores: Mapping[str, float], query_stems: frozenset[str] | set[str]
) -> dict[str, float]:
    """Jewellery "en or", "silver", "platinum" is 7113 11-19, not imitation jewellery (7117)
    nor base metal clad with precious metal (7113 20), unless the query says imitation,
    plated or costume jewellery."""
    result = dict(scores)
    if not query_stems & PRECIOUS or query_stems & IMITATION:
        return result
    for code in result:
        if code.startswith(("7117", "711320")):
            result[code] *= DEFAULT_FACTOR
    return result


def new_unless_used(
    scores: Mapping[str, float], query_stems: frozenset[str] | set[str]
) -> dict[str, float]:
    """Goods are new unless the query says used, worn or retreaded: the headings of used
    goods (4012 tyres, 6309 worn clothing, 8549 electrical waste) come after."""
    result = dict(scores)
    if query_stems & USED:
        return result
    for code in result:
        if code.startswith(USED_HEADINGS):
            result[code] *= DEFAULT_FACTOR
    return result


#: share of its score a subheading keeps when its own text names only other materials
#: than the query's
MATERIAL_FACTOR = 0.8


def material_mismatch(
    own_stems: frozenset[str], query_stems: frozenset[str] | set[str], materials: frozenset[str]
) -> bool:
    """True when the query names a material and a subheading's own words name materials,
    none of them the query's: "silk pyjamas" is not the sibling "of cotton" but the one "of
    other textile materials" (GIR 6: subheadings of one heading are compared with each
    other, and a material named in one is the difference). Only the subheading's own
    positive words count (not its heading's, not "other than cotton"); ``materials`` are
    the stems of ``hs_lexicon.MATERIAL_WORDS``. A subheading naming no material is never
    concerned.
    """
    asked = query_stems & materials
    if not asked:
        return False
    named = own_stems & materials
    return bool(named) and not named & asked


UNSAID_MATERIAL_FACTOR = 0.97


def material_unsaid(
    own_stems: frozenset[str], query_stems: frozenset[str] | set[str], materials: frozenset[str]
) -> bool:
    """True when the query names no material and a subheading's own words name one:
    "office chairs" are not the sibling "of wood" before the one "of other than wood" (GIR 6:
    the material named in one sibling is the difference, and the query does not say it).
    Only the subheading's own positive words count, as in :func:`material_mismatch`.
    """
    return not query_stems & materials and bool(own_stems & materials)


def apply(scores: Mapping[str, float], query_stems: frozenset[str] | set[str]) -> dict[str, float]:
    """All the ranking rules of this module, in order."""
    result = finished_article_first(scores, query_stems)
    result = woven_unless_knitted(result, query_stems)
    result = precious_not_imitation(result, query_stems)
    return new_unless_used(result, query_stems)
