"""The EU's trade agreements an exporter in France uses most, with the statement on origin's
wording as each agreement's annex gives it (English and French versions), the numbered
exporter above EUR 6,000 and the certificates that replace the statement. The company adds
or changes agreements on the Origin pages; this only writes the first table."""

from django.db import migrations

CLOSE_EN = "\n{place}, {date}\n{exporter}"
CLOSE_FR = "\n{place}, le {date}\n{exporter}"

REX_EN = (
    "The exporter of the products covered by this document (Exporter Reference No {number}) "
    "declares that, except where otherwise clearly indicated, these products are of {origin} "
    "preferential origin." + CLOSE_EN
)
REX_FR = (
    "L'exportateur des produits couverts par le présent document (numéro de référence de "
    "l'exportateur {number}) déclare que, sauf indication claire du contraire, ces produits "
    "ont l'origine préférentielle {origin}." + CLOSE_FR
)
AUTH_EN = (
    "The exporter of the products covered by this document (customs or competent "
    "governmental authorisation No {number}) declares that, except where otherwise clearly "
    "indicated, these products are of {origin} preferential origin." + CLOSE_EN
)
AUTH_FR = (
    "L'exportateur des produits couverts par le présent document (autorisation douanière ou "
    "de l'autorité gouvernementale compétente n° {number}) déclare que, sauf indication "
    "claire du contraire, ces produits ont l'origine préférentielle {origin}." + CLOSE_FR
)
KOREA_EN = (
    "The exporter of the products covered by this document (customs authorisation No "
    "{number}) declares that, except where otherwise clearly indicated, these products are "
    "of {origin} preferential origin." + CLOSE_EN
)
KOREA_FR = (
    "L'exportateur des produits couverts par le présent document (autorisation douanière "
    "n° {number}) déclare que, sauf indication claire du contraire, ces produits ont "
    "l'origine préférentielle {origin}." + CLOSE_FR
)

PEM_PARTNERS = [
    # EFTA (Switzerland and Liechtenstein have their own row), Faroe Islands
    "NO", "IS", "FO",
    # Western Balkans
    "AL", "BA", "ME", "MK", "RS", "XK",
    # Mediterranean partners (Morocco has its own row)
    "DZ", "EG", "IL", "JO", "LB", "PS", "TN",
    # Turkey: agricultural, coal and steel products only (the customs union covers the rest)
    "TR",
    # Eastern partners
    "GE", "MD", "UA",
]

AGREEMENTS = [
    {
        "code": "eu-uk-tca",
        "name": "EU-UK Trade and Cooperation Agreement (TCA)",
        "partners": ["GB"],
        "statement_title_en": "Statement on origin",
        "statement_title_fr": "Déclaration d'origine",
        "wording_en": REX_EN,
        "wording_fr": REX_FR,
        "exporter_number": "rex",
        "priority": 10,
        "source": "TCA (OJ L 149, 30.4.2021) art. ORIG.18-19 and Annex ORIG-4 (text of the "
        "statement on origin); REX number above EUR 6,000, Reg. (EU) 2015/2447 art. 68.",
    },
    {
        "code": "eu-japan-epa",
        "name": "EU-Japan Economic Partnership Agreement",
        "partners": ["JP"],
        "statement_title_en": "Statement on origin",
        "statement_title_fr": "Déclaration d'origine",
        "wording_en": REX_EN,
        "wording_fr": REX_FR,
        "exporter_number": "rex",
        "priority": 10,
        "source": "EU-Japan EPA (OJ L 330, 27.12.2018) art. 3.16-3.17 and Annex 3-D (text of "
        "the statement on origin); REX number above EUR 6,000.",
    },
    {
        "code": "ceta",
        "name": "EU-Canada CETA",
        "partners": ["CA"],
        "statement_title_en": "Origin declaration",
        "statement_title_fr": "Déclaration d'origine",
        "wording_en": AUTH_EN,
        "wording_fr": AUTH_FR,
        "exporter_number": "rex",
        "priority": 10,
        "source": "CETA Protocol on rules of origin and origin procedures (OJ L 11, 14.1.2017) "
        "art. 18-19 and Annex 2 (text of the origin declaration); an EU exporter gives its "
        "REX number above EUR 6,000.",
    },
    {
        "code": "eu-korea",
        "name": "EU-Korea Free Trade Agreement",
        "partners": ["KR"],
        "statement_title_en": "Origin declaration",
        "statement_title_fr": "Déclaration d'origine",
        "wording_en": KOREA_EN,
        "wording_fr": KOREA_FR,
        "exporter_number": "approved",
        "priority": 10,
        "source": "EU-Korea FTA (OJ L 127, 14.5.2011) Protocol concerning the definition of "
        "'originating products', art. 15-17 and Annex III (text of the origin declaration); "
        "approved exporter above EUR 6,000; no movement certificate.",
    },
    {
        "code": "eu-switzerland",
        "name": "EU-Switzerland Free Trade Agreement (PEM rules)",
        "partners": ["CH", "LI"],
        "statement_title_en": "Invoice declaration",
        "statement_title_fr": "Déclaration sur facture",
        "wording_en": AUTH_EN,
        "wording_fr": AUTH_FR,
        "eur1": True,
        "eur_med": True,
        "exporter_number": "approved",
        "priority": 20,
        "source": "EU-Switzerland FTA of 1972, Protocol 3; PEM Convention (OJ L 54, 26.2.2013) "
        "Appendix I art. 21-22 and Annexes IVa/IVb; approved exporter above EUR 6,000.",
    },
    {
        "code": "eu-morocco",
        "name": "EU-Morocco Association Agreement (PEM rules)",
        "partners": ["MA"],
        "statement_title_en": "Invoice declaration",
        "statement_title_fr": "Déclaration sur facture",
        "wording_en": AUTH_EN,
        "wording_fr": AUTH_FR,
        "eur1": True,
        "eur_med": True,
        "exporter_number": "approved",
        "priority": 20,
        "source": "EU-Morocco Euro-Mediterranean Agreement (OJ L 70, 18.3.2000), Protocol 4; "
        "PEM Convention Appendix I Annexes IVa/IVb; approved exporter above EUR 6,000.",
    },
    {
        "code": "pem",
        "name": "Pan-Euro-Mediterranean Convention (PEM)",
        "partners": PEM_PARTNERS,
        "statement_title_en": "Invoice declaration",
        "statement_title_fr": "Déclaration sur facture",
        "wording_en": AUTH_EN,
        "wording_fr": AUTH_FR,
        "eur1": True,
        "eur_med": True,
        "exporter_number": "approved",
        "priority": 50,
        "source": "Regional Convention on pan-Euro-Mediterranean preferential rules of origin "
        "(OJ L 54, 26.2.2013) Appendix I art. 16-22, Annex IVa (invoice declaration) and "
        "IVb (invoice declaration EUR-MED); approved exporter above EUR 6,000.",
    },
]


def create(apps, schema_editor):
    Agreement = apps.get_model("origin", "Agreement")
    for values in AGREEMENTS:
        Agreement.objects.update_or_create(code=values["code"], defaults=values)


def remove(apps, schema_editor):
    Agreement = apps.get_model("origin", "Agreement")
    Agreement.objects.filter(code__in=[a["code"] for a in AGREEMENTS], origins=None).delete()


class Migration(migrations.Migration):
    dependencies = [("origin", "0001_origin")]

    operations = [migrations.RunPython(create, remove)]
