"""The origin services: the agreements table (seeded with the real agreements), products'
preferential origins, suppliers' declarations and their reminder task."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comptoir.origin import services
from comptoir.origin.inputs import AgreementValues, DeclarationValues, OriginValues
from comptoir.origin.models import Agreement, ProductOrigin, SupplierDeclaration
from comptoir.parties.models import Task

from .conftest import TODAY, agreement, give_origin

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_table_starts_with_the_real_agreements_and_their_wordings() -> None:
    codes = set(Agreement.objects.values_list("code", flat=True))
    assert codes >= {
        "eu-uk-tca",
        "eu-japan-epa",
        "ceta",
        "eu-korea",
        "eu-switzerland",
        "eu-morocco",
        "pem",
    }
    tca = agreement("eu-uk-tca")
    assert tca.partners == ["GB"] and not tca.eur1 and tca.exporter_number == "rex"
    assert "Exporter Reference No {number}" in tca.wording_en
    assert "numéro de référence de l'exportateur {number}" in tca.wording_fr
    assert "Annex ORIG-4" in tca.source
    korea = agreement("eu-korea")
    assert korea.exporter_number == "approved" and not (korea.eur1 or korea.eur_med)
    assert "Annex III" in korea.source
    swiss = agreement("eu-switzerland")
    assert swiss.eur1 and swiss.eur_med and set(swiss.partners) == {"CH", "LI"}
    assert "Annexes IVa/IVb" in swiss.source
    assert "MA" in agreement("eu-morocco").partners and "MA" not in agreement("pem").partners
    assert "Annex 2" in agreement("ceta").source and "Annex 3-D" in agreement("eu-japan-epa").source


def test_agreement_wording_with_unknown_placeholder_is_refused_naming_the_field(manager) -> None:
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(
            agreement=None,
            values=AgreementValues(
                code="eu-vietnam",
                name="EU-Vietnam",
                partners=("VN", "ZZ"),
                wording_en="Exporter {rex}: {origin}",
                wording_fr="",
            ),
            user=manager,
        )
    errors = caught.value.message_dict
    assert "ZZ" in errors["partners"][0]
    assert "{rex}" in errors["wording_en"][0]
    assert errors["wording_fr"]  # a statement needs both wordings


def test_an_assistant_may_not_change_the_agreements(assistant) -> None:
    with pytest.raises(PermissionDenied):
        services.save_agreement(
            agreement=None,
            values=AgreementValues(
                code="x", name="X", partners=("VN",), statement=False, eur1=True
            ),
            user=assistant,
        )


def test_company_adds_an_agreement(manager) -> None:
    added = services.save_agreement(
        agreement=None,
        values=AgreementValues(
            code="eu-vietnam",
            name="EU-Vietnam FTA",
            partners=("vn",),
            wording_en="The exporter ({number}) ... {origin} preferential origin.",
            wording_fr="L'exportateur ({number}) ... origine préférentielle {origin}.",
            threshold_eur=Decimal("6000"),
        ),
        user=manager,
    )
    assert added.partners == ["VN"]
    assert added.history.first().history_user == manager


def test_product_origin_rules(product, assistant) -> None:
    tca = agreement("eu-uk-tca")
    with pytest.raises(ValidationError) as caught:
        services.save_product_origin(
            product=product,
            values=OriginValues(agreement=tca, origin="JP", basis="sufficient_processing"),
            user=assistant,
        )
    errors = caught.value.message_dict
    assert "partner" in errors["origin"][0] and "rule" in errors
    saved = give_origin(product, "eu-uk-tca", rule="MaxNOM 50 % (EXW)")
    assert saved.origin == "EU" and saved.rule == "MaxNOM 50 % (EXW)"
    with pytest.raises(ValidationError) as caught:
        give_origin(product, "eu-uk-tca")
    assert "agreement" in caught.value.message_dict
    not_preferential = services.save_product_origin(
        product=product,
        values=OriginValues(agreement=agreement("ceta"), preferential=False),
        user=assistant,
    )
    assert not not_preferential.preferential and not_preferential.origin == ""
    services.delete_product_origin(origin=saved, user=assistant)
    assert not ProductOrigin.objects.filter(pk=saved.pk).exists()


def declaration_values(supplier, product, **changes):  # type: ignore[no-untyped-def]
    values = {
        "supplier": supplier,
        "products": (product,),
        "agreements": (agreement("eu-uk-tca"),),
        "valid_from": dt.date(2026, 1, 1),
        "valid_to": dt.date(2026, 12, 31),
        "received_on": dt.date(2025, 12, 15),
    } | changes
    return DeclarationValues(**values)


def test_long_term_declaration_over_two_years_is_refused(partners, product, assistant) -> None:
    with pytest.raises(ValidationError) as caught:
        services.save_declaration(
            declaration=None,
            values=declaration_values(partners["supplier"], product, valid_to=dt.date(2028, 6, 30)),
            user=assistant,
        )
    assert "two years" in caught.value.message_dict["valid_to"][0]


def test_declaration_file_must_be_a_pdf_of_5_mb_at_most(partners, product, assistant) -> None:
    with pytest.raises(ValidationError) as caught:
        services.save_declaration(
            declaration=None,
            values=declaration_values(partners["supplier"], product),
            upload=SimpleUploadedFile("decl.txt", b"hello"),
            user=assistant,
        )
    assert "PDF" in caught.value.message_dict["file"][0]
    big = SimpleUploadedFile("decl.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        services.save_declaration(
            declaration=None,
            values=declaration_values(partners["supplier"], product),
            upload=big,
            user=assistant,
        )
    assert "5 MB" in caught.value.message_dict["file"][0]
    saved = services.save_declaration(
        declaration=None,
        values=declaration_values(partners["supplier"], product),
        upload=SimpleUploadedFile("decl.pdf", PDF),
        user=assistant,
    )
    assert saved.file_name == "decl.pdf" and saved.created_by == assistant
    assert list(saved.products.all()) == [product]


def test_daily_job_opens_one_task_30_days_before_the_end(partners, product, assistant) -> None:
    supplier = partners["supplier"]
    supplier.portfolio_owner = assistant
    supplier.save()
    ending = services.save_declaration(
        declaration=None,
        values=declaration_values(
            supplier,
            product,
            valid_from=TODAY - dt.timedelta(days=300),
            valid_to=TODAY + dt.timedelta(days=30),
            received_on=TODAY - dt.timedelta(days=300),
        ),
        user=assistant,
    )
    services.save_declaration(  # ends in 31 days: not yet
        declaration=None,
        values=declaration_values(
            supplier,
            product,
            valid_from=TODAY - dt.timedelta(days=300),
            valid_to=TODAY + dt.timedelta(days=31),
            received_on=TODAY - dt.timedelta(days=300),
        ),
        user=assistant,
    )
    assert services.remind_expiring_declarations(TODAY) == 1
    task = Task.objects.get(company=supplier)
    assert task.assigned_to == assistant and "Fonderie du Livradois" in task.title
    assert task.notes == ending.get_absolute_url()
    assert services.remind_expiring_declarations(TODAY) == 0  # once
    assert SupplierDeclaration.objects.get(pk=ending.pk).reminder_opened
    # a new end date (the supplier's renewal entered on the same record): a new reminder later
    services.save_declaration(
        declaration=ending,
        values=declaration_values(
            supplier,
            product,
            valid_from=TODAY - dt.timedelta(days=300),
            valid_to=TODAY + dt.timedelta(days=20),
            received_on=TODAY - dt.timedelta(days=300),
        ),
        user=assistant,
    )
    assert services.remind_expiring_declarations(TODAY) == 1
