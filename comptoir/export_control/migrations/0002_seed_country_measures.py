"""The main EU restrictive measures on exports, as a starting point the company edits.

Short and honest: each line names its Council regulation; the CN codes are the chapters and
headings of the annexes that matter to a trading company, broader than the text where an
annex has thresholds or exceptions (a refusal then sends the user to the text). The
consolidated texts are on EUR-Lex; the French customs publish their guidance on
douane.gouv.fr ("Sanctions économiques"). Checked against the texts in force in 2025.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import migrations

D = dt.date

#: country, kind, title EN, title FR, legal reference, CN codes, in force from,
#: description EN, description FR, official text
MEASURES: list[tuple[str, str, str, str, str, str, dt.date, str, str, str]] = [
    (
        "RU",
        "arms_embargo",
        "Arms embargo",
        "Embargo sur les armes",
        "Reg. (EU) 833/2014 art. 2 and Council Decision 2014/512/CFSP",
        "93",
        D(2014, 8, 1),
        "No export of arms, ammunition and related materiel.",
        "Aucune exportation d'armes, de munitions et de matériels connexes.",
        "https://eur-lex.europa.eu/eli/reg/2014/833/oj",
    ),
    (
        "RU",
        "sectoral",
        "Dual-use, advanced technology, industrial and luxury goods",
        "Biens à double usage, technologies avancées, biens industriels et produits de luxe",
        "Reg. (EU) 833/2014 art. 2, 2a, 3h, 3k (Annexes VII, XVIII, XXIII)",
        "84 85 86 87 88 89 90 93 7113 7114 7116",
        D(2014, 8, 1),
        "Every dual-use item of Annex I of Reg. 2021/821 is prohibited (art. 2) whatever its "
        "CN code: a product with a control number is refused through its classification. The "
        "codes listed cover machinery, electronics, vehicles, aircraft, instruments and "
        "jewellery; Annexes XVIII and XXIII list many more goods (chemicals, plastics, metals, "
        "household appliances): add the lines of your products.",
        "Tous les biens à double usage de l'annexe I du règlement 2021/821 sont interdits "
        "(art. 2), quel que soit leur code NC. Les codes listés couvrent machines, "
        "électronique, véhicules, aéronefs, instruments et bijouterie ; les annexes XVIII et "
        "XXIII visent bien d'autres produits (chimie, plastiques, métaux, électroménager) : "
        "ajoutez les lignes de vos produits.",
        "https://eur-lex.europa.eu/eli/reg/2014/833/oj",
    ),
    (
        "BY",
        "arms_embargo",
        "Arms embargo",
        "Embargo sur les armes",
        "Reg. (EC) 765/2006 art. 1a",
        "93",
        D(2006, 5, 20),
        "No export of arms, ammunition and related materiel.",
        "Aucune exportation d'armes, de munitions et de matériels connexes.",
        "https://eur-lex.europa.eu/eli/reg/2006/765/oj",
    ),
    (
        "BY",
        "sectoral",
        "Dual-use, advanced technology and industrial goods",
        "Biens à double usage, technologies avancées et biens industriels",
        "Reg. (EC) 765/2006 art. 1e, 1f, 1bb (as amended since 2022)",
        "84 85 86 87 88 89 90 93",
        D(2022, 3, 2),
        "Measures aligned on those against Russia: every dual-use item, advanced technology "
        "and the industrial goods of the annexes. Add the lines of your products.",
        "Mesures alignées sur celles visant la Russie : tous les biens à double usage, les "
        "technologies avancées et les biens industriels des annexes. Ajoutez les lignes de "
        "vos produits.",
        "https://eur-lex.europa.eu/eli/reg/2006/765/oj",
    ),
    (
        "IR",
        "arms_embargo",
        "Arms embargo",
        "Embargo sur les armes",
        "Council Decision 2010/413/CFSP art. 1; Reg. (EU) 267/2012",
        "93",
        D(2012, 3, 24),
        "No export of arms, ammunition and related materiel.",
        "Aucune exportation d'armes, de munitions et de matériels connexes.",
        "https://eur-lex.europa.eu/eli/reg/2012/267/oj",
    ),
    (
        "IR",
        "sectoral",
        "Nuclear-related, dual-use goods, metals, drone and missile components",
        "Biens nucléaires et à double usage, métaux, composants de drones et de missiles",
        "Reg. (EU) 267/2012 (Annexes I, II, VIIA, VIIB) and Reg. (EU) 2023/1529",
        "3801 72 76 8407 8411 8501 8526 8542",
        D(2012, 3, 24),
        "Goods of the Nuclear Suppliers Group and MTCR lists, graphite, raw and semi-finished "
        "metals, and components used in drones and missiles (engines, motors, navigation, "
        "integrated circuits).",
        "Biens des listes NSG et MTCR, graphite, métaux bruts et demi-produits, et composants "
        "utilisés dans les drones et missiles (moteurs, navigation, circuits intégrés).",
        "https://eur-lex.europa.eu/eli/reg/2012/267/oj",
    ),
    (
        "KP",
        "arms_embargo",
        "Arms embargo",
        "Embargo sur les armes",
        "Reg. (EU) 2017/1509",
        "93",
        D(2017, 8, 30),
        "No export of arms, ammunition and related materiel.",
        "Aucune exportation d'armes, de munitions et de matériels connexes.",
        "https://eur-lex.europa.eu/eli/reg/2017/1509/oj",
    ),
    (
        "KP",
        "sectoral",
        "Metals, machinery, vehicles and luxury goods",
        "Métaux, machines, véhicules et produits de luxe",
        "Reg. (EU) 2017/1509, implementing UN Security Council Resolution 2397 (2017)",
        "72 73 74 75 76 78 79 80 81 82 83 84 85 86 87 88 89 3303 4202 7113 9101 9102",
        D(2017, 8, 30),
        "No iron, steel or other metals and articles of them (HS 72 to 83), industrial "
        "machinery (84, 85), vehicles (86 to 89), and no luxury goods (Annex VIII).",
        "Ni fer, acier ou autres métaux et ouvrages en ces matières (SH 72 à 83), ni machines "
        "industrielles (84, 85), ni véhicules (86 à 89), ni produits de luxe (annexe VIII).",
        "https://eur-lex.europa.eu/eli/reg/2017/1509/oj",
    ),
    (
        "SY",
        "arms_embargo",
        "Arms embargo",
        "Embargo sur les armes",
        "Reg. (EU) 36/2012 and Council Decision 2013/255/CFSP",
        "93",
        D(2012, 1, 19),
        "Kept when most economic sanctions were lifted in 2025.",
        "Maintenu lors de la levée de la plupart des sanctions économiques en 2025.",
        "https://eur-lex.europa.eu/eli/reg/2012/36/oj",
    ),
    (
        "SY",
        "sectoral",
        "Equipment for internal repression and telecommunications monitoring",
        "Équipements de répression interne et de surveillance des télécommunications",
        "Reg. (EU) 36/2012 art. 2a, 4 (Annexes IA, V), as amended in 2025",
        "3602 3603 8525 8526",
        D(2012, 1, 19),
        "Dual-use items, equipment which might be used for internal repression and equipment "
        "to monitor telecommunications remain prohibited or need an authorisation.",
        "Les biens à double usage, les équipements susceptibles de servir à la répression "
        "interne et de surveillance des télécommunications restent interdits ou soumis à "
        "autorisation.",
        "https://eur-lex.europa.eu/eli/reg/2012/36/oj",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Measure = apps.get_model("export_control", "CountryMeasure")
    for country, kind, en, fr, ref, cn, start, desc_en, desc_fr, url in MEASURES:
        Measure.objects.get_or_create(
            country=country,
            kind=kind,
            title_en=en,
            defaults={
                "title_fr": fr,
                "legal_reference": ref,
                "cn_prefixes": cn,
                "effective_from": start,
                "description_en": desc_en,
                "description_fr": desc_fr,
                "source_url": url,
            },
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    Measure = apps.get_model("export_control", "CountryMeasure")
    for country, kind, en, *_rest in MEASURES:
        Measure.objects.filter(country=country, kind=kind, title_en=en).delete()


class Migration(migrations.Migration):
    dependencies = [("export_control", "0001_licences_and_measures")]

    operations = [migrations.RunPython(seed, unseed)]
