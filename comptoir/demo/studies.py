"""The market studies of the demo company: the thematic file "Cookware demand in the Gulf"
with the Gulf items of the watch clipped and a synthesis note, a market selection between the
UAE, Saudi Arabia, Japan, Canada and Morocco decided by the manager, a SWOT of the Gulf and a
PESTEL of Japan. Everything goes through the studies services, as the screens do."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from comptoir.intelligence.models import Item
from comptoir.studies import selectors, services
from comptoir.studies.inputs import (
    ClipValues,
    DecisionValues,
    FileValues,
    NoteValues,
    Section,
    StrategyValues,
    StudyValues,
)
from comptoir.trade.market_selection import CRITERIA

GULF = {"AE", "SA", "QA", "KW", "OM", "BH"}
GULF_WORDS = (
    "gulf",
    "golfe",
    "dubai",
    "dubaï",
    "emirates",
    "émirats",
    "saudi",
    "saoudite",
    "riyadh",
    "riyad",
    "qatar",
    "doha",
    "gcc",
    "ccg",
)

#: grades 0-5: market size, growth, access, distance, risk, competition, language
GRADES = {
    "AE": (4, 4, 2, 3, 4.5, 3, 4),
    "SA": (4.5, 4.5, 2, 3, 3.5, 3, 3),
    "JP": (5, 2, 4, 1, 5, 2, 2),
    "CA": (4, 2.5, 4, 2, 5, 3, 5),
    "MA": (2, 4, 4, 4.5, 3.5, 3.5, 5),
}


def _about_gulf(item: Item) -> bool:
    text = f"{item.title} {item.text[:2000]}".lower()
    return item.source.country in GULF or any(word in text for word in GULF_WORDS)


def build(users: dict[str, User], items: Iterable[Item] = ()) -> dict[str, int]:
    """``users``: the demo users (claire: assistant, julien: manager); ``items``: the
    intelligence items of the demo watch (those about the Gulf are clipped; none given, none
    clipped and the note cites no source)."""
    # fresh users: the profile cached on the given ones may predate their role
    fresh = {
        name: get_user_model().objects.select_related("profile").get(pk=users[name].pk)
        for name in ("claire", "julien")
    }
    claire, julien = fresh["claire"], fresh["julien"]
    gulf = services.create_file(
        values=FileValues(
            title="Demande d'ustensiles de cuisson dans le Golfe",
            theme="market",
            description=(
                "Cookware demand in the Gulf: retail and hotel trade in the UAE and Saudi "
                "Arabia, import duties of the GCC, competitors, fairs."
            ),
            countries=("AE", "SA", "QA", "KW"),
        ),
        user=claire,
    )
    clips = 0
    for item in [i for i in items if _about_gulf(i)][:12]:
        services.clip_item(
            file=gulf,
            values=ClipValues(item=item, comment="À reprendre dans la note de synthèse."),
            user=claire,
        )
        clips += 1
    sources = len(selectors.sources_of(gulf))
    cite = " [1]" if sources else ""
    cite2 = " [2]" if sources > 1 else cite
    services.save_note(
        file=gulf,
        values=NoteValues(
            title="Ustensiles de cuisson dans le Golfe : où commencer",
            language="fr",
            sections=(
                Section(
                    heading="La demande",
                    body=(
                        "La demande d'ustensiles haut de gamme progresse aux Émirats et en "
                        f"Arabie saoudite, portée par l'hôtellerie et la grande distribution{cite}."
                    ),
                ),
                Section(
                    heading="L'accès au marché",
                    body=(
                        "Le tarif extérieur commun du CCG est de 5 % pour les articles de "
                        f"cuisine ; les marquages et la certification SASO sont à prévoir{cite2}."
                    ),
                ),
            ),
            conclusion=(
                "Commencer par Dubaï (importateurs et salon HOST), puis l'Arabie saoudite "
                "avec le même agent."
            ),
        ),
        user=claire,
    )
    study = services.create_study(
        values=StudyValues(
            title="Marchés prioritaires 2027 : cocottes et poêles",
            scope="Cocottes en fonte émaillée et poêles inox, distribution et hôtellerie.",
            countries=tuple(GRADES),
            files=(gulf,),
        ),
        user=claire,
    )
    services.set_grades(
        study=study,
        grades={
            code: {n: Decimal(str(g)) for n, g in zip(CRITERIA, row, strict=True)}
            for code, row in GRADES.items()
        },
        user=claire,
    )
    view = selectors.study_view(study)
    first = view.selection.first if view.selection else ("AE",)
    services.decide(
        study=study,
        values=DecisionValues(
            chosen=("AE", "SA"),
            reason=(
                "Les Émirats et l'Arabie saoudite : même tarif du CCG, un seul agent à Dubaï "
                "pour les deux marchés."
            )
            if set(first) != {"AE", "SA"}
            else "",
        ),
        user=julien,
    )
    services.save_strategy(
        values=StrategyValues(
            kind="swot",
            title="Ustensiles de cuisson dans le Golfe",
            language="fr",
            country="AE",
            files=(gulf,),
            parts={
                "strengths": (
                    "Fabrication française reconnue (fonte émaillée)",
                    "Gamme adaptée à l'hôtellerie",
                ),
                "weaknesses": ("Pas encore d'agent sur place", "Prix au-dessus de la moyenne"),
                "opportunities": (
                    "Ouvertures d'hôtels avant 2030",
                    "Salon HOST Dubaï et Ambiente",
                ),
                "threats": (
                    "Concurrence chinoise sur l'entrée de gamme",
                    "Certification SASO en Arabie saoudite",
                ),
            },
            conclusion="Entrer par l'hôtellerie haut de gamme avec un agent à Dubaï.",
        ),
        user=claire,
    )
    services.save_strategy(
        values=StrategyValues(
            kind="pestel",
            title="Japan: cookware market",
            language="en",
            country="JP",
            parts={
                "political": ("EU-Japan Economic Partnership Agreement in force since 2019",),
                "economic": ("Weak yen raises the price of imports", "Mature, premium market"),
                "social": ("Small kitchens: compact sizes sell", "Gift market (ochugen, oseibo)"),
                "technological": ("Induction hobs widespread",),
                "environmental": ("Packaging recycling law (Containers and Packaging Act)",),
                "legal": ("Food Sanitation Act: materials in contact with food",),
            },
            conclusion="Interesting but slow: through a Tokyo importer, not before 2028.",
        ),
        user=claire,
    )
    return {"study_files": 1, "study_clips": clips, "market_studies": 1, "strategy_notes": 2}
