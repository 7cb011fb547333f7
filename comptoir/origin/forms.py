"""Forms of the origin area: they validate what was typed and give the services typed values."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from comptoir.catalog.models import Product
from comptoir.parties.models import Company

from .inputs import AgreementValues, DeclarationValues, OriginValues
from .models import Agreement, Basis, ExporterNumber, SupplierDeclaration

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: Most product references one declaration form takes.
MAX_REFERENCES = 200


class OriginForm(forms.Form):
    agreement = forms.ModelChoiceField(
        label=gettext_lazy("Agreement"), queryset=Agreement.objects.filter(active=True)
    )
    preferential = forms.BooleanField(
        label=gettext_lazy("Preferential origin"), required=False, initial=True
    )
    origin = forms.CharField(
        label=gettext_lazy("Preferential origin"),
        max_length=2,
        initial="EU",
        required=False,
        help_text=gettext_lazy("EU, or the partner country's ISO code."),
    )
    basis = forms.ChoiceField(
        label=gettext_lazy("Basis"),
        choices=[("", "—"), *Basis.choices],
        required=False,
    )
    rule = forms.CharField(
        label=gettext_lazy("Rule met"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The product-specific rule, e.g. CTH or MaxNOM 50 % (EXW)."),
    )
    valid_from = forms.DateField(label=gettext_lazy("Valid from"), required=False, widget=DATE)
    valid_to = forms.DateField(label=gettext_lazy("Valid to"), required=False, widget=DATE)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def values(self) -> OriginValues:
        data = self.cleaned_data
        return OriginValues(
            agreement=data["agreement"],
            preferential=data["preferential"],
            origin=data.get("origin") or "",
            basis=data.get("basis") or "",
            rule=data.get("rule") or "",
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            note=data.get("note") or "",
        )


class AgreementForm(forms.Form):
    code = forms.SlugField(label=gettext_lazy("Code"), max_length=20)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    partners = forms.CharField(
        label=gettext_lazy("Partner countries"),
        max_length=400,
        help_text=gettext_lazy("ISO codes separated by commas, e.g. GB, JP, CA."),
    )
    statement = forms.BooleanField(
        label=gettext_lazy("Statement on origin on the invoice"), required=False, initial=True
    )
    statement_title_en = forms.CharField(
        label=gettext_lazy("Name of the statement (English)"), max_length=80
    )
    statement_title_fr = forms.CharField(
        label=gettext_lazy("Name of the statement (French)"), max_length=80
    )
    wording_en = forms.CharField(
        label=gettext_lazy("Wording (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "As the annex gives it, with {number}, {origin}, {place}, {date} and {exporter} "
            "where the values go."
        ),
    )
    wording_fr = forms.CharField(
        label=gettext_lazy("Wording (French)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    eur1 = forms.BooleanField(label=gettext_lazy("EUR.1 certificate"), required=False)
    eur_med = forms.BooleanField(label=gettext_lazy("EUR-MED certificate"), required=False)
    exporter_number = forms.ChoiceField(
        label=gettext_lazy("Number above the threshold"), choices=ExporterNumber.choices
    )
    threshold_eur = forms.DecimalField(
        label=gettext_lazy("Statement by any exporter up to (EUR)"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        initial=6000,
    )
    priority = forms.IntegerField(
        label=gettext_lazy("Priority"), min_value=0, max_value=999, initial=100
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    active = forms.BooleanField(label=gettext_lazy("In force"), required=False, initial=True)

    @classmethod
    def initial_from(cls, agreement: Agreement) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n != "partners"]
        return {n: getattr(agreement, n) for n in names} | {
            "partners": ", ".join(str(c) for c in agreement.partners)
        }

    def values(self) -> AgreementValues:
        data = self.cleaned_data
        return AgreementValues(
            code=data["code"],
            name=data["name"],
            partners=tuple(c for c in re.split(r"[\s,;]+", data["partners"]) if c),
            statement=data["statement"],
            statement_title_en=data["statement_title_en"],
            statement_title_fr=data["statement_title_fr"],
            wording_en=data["wording_en"],
            wording_fr=data["wording_fr"],
            eur1=data["eur1"],
            eur_med=data["eur_med"],
            exporter_number=data["exporter_number"],
            threshold_eur=data["threshold_eur"],
            priority=data["priority"],
            source=data["source"],
            active=data["active"],
        )


class DeclarationForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=gettext_lazy("Supplier"), queryset=Company.objects.with_role("supplier")
    )
    products = forms.CharField(
        label=gettext_lazy("Products"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Our product references, separated by commas."),
    )
    agreements = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Agreements"),
        queryset=Agreement.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=SupplierDeclaration.Kind.choices)
    preferential = forms.BooleanField(
        label=gettext_lazy("Preferential origin declared"), required=False, initial=True
    )
    origin = forms.CharField(label=gettext_lazy("Origin declared"), max_length=2, initial="EU")
    reference = forms.CharField(
        label=gettext_lazy("Supplier's reference"), max_length=80, required=False
    )
    valid_from = forms.DateField(label=gettext_lazy("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=gettext_lazy("Valid to"), widget=DATE)
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE)
    file = forms.FileField(
        label=gettext_lazy("Signed declaration (PDF, 5 MB at most)"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_products(self) -> list[Product]:
        raw = self.cleaned_data["products"]
        references = list(dict.fromkeys(r for r in re.split(r"[\s,;]+", raw) if r))
        if len(references) > MAX_REFERENCES:
            raise forms.ValidationError(gettext("At most %(n)d products.") % {"n": MAX_REFERENCES})
        found = {p.reference: p for p in Product.objects.filter(reference__in=references)}
        unknown = [r for r in references if r not in found]
        if unknown:
            raise forms.ValidationError(
                gettext("Unknown product reference: %(refs)s.") % {"refs": ", ".join(unknown[:10])}
            )
        return [found[r] for r in references]

    @classmethod
    def initial_from(cls, declaration: SupplierDeclaration) -> dict[str, Any]:
        return {
            "supplier": declaration.supplier_id,
            "products": ", ".join(p.reference for p in declaration.products.all()),
            "agreements": list(declaration.agreements.all()),
            "kind": declaration.kind,
            "preferential": declaration.preferential,
            "origin": declaration.origin,
            "reference": declaration.reference,
            "valid_from": declaration.valid_from,
            "valid_to": declaration.valid_to,
            "received_on": declaration.received_on,
            "note": declaration.note,
        }

    def values(self) -> DeclarationValues:
        data = self.cleaned_data
        return DeclarationValues(
            supplier=data["supplier"],
            products=tuple(data["products"]),
            agreements=tuple(data.get("agreements") or ()),
            kind=data["kind"],
            preferential=data["preferential"],
            origin=data["origin"],
            reference=data.get("reference") or "",
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            received_on=data["received_on"],
            note=data.get("note") or "",
        )
