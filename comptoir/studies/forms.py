"""Forms of the market studies screens: they validate what was typed and give the services'
values (never saved by themselves)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Product
from comptoir.common.countries import country_choices
from comptoir.common.dates import current_language
from comptoir.intelligence.models import Theme
from comptoir.trade import market_selection as ms

from . import selectors
from .inputs import (
    ClipValues,
    DecisionValues,
    FileValues,
    HandNoteValues,
    NoteValues,
    Section,
    StrategyValues,
    StudyValues,
)
from .models import PART_LABELS, NoteLanguage, StrategyNote, ThematicFile, parts_for

MAX_NOTE_SECTIONS = 8
TEXT = forms.Textarea(attrs={"rows": 4})


def _codes(text: str) -> tuple[str, ...]:
    return tuple(
        c.strip().upper() for c in text.replace(";", ",").replace(" ", ",").split(",") if c.strip()
    )


class FileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    description = forms.CharField(
        label=_("Description"), widget=TEXT, required=False, max_length=20000
    )
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        max_length=300,
        help_text=_("ISO codes separated by commas, e.g. AE, SA, QA."),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products"),
        queryset=Product.objects.order_by("reference"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    shared = forms.BooleanField(
        label=_("Shared with the team"),
        required=False,
        initial=True,
        help_text=_("A private file is seen by its owner only."),
    )

    @classmethod
    def initial_of(cls, file: ThematicFile) -> dict[str, Any]:
        return {
            "title": file.title,
            "theme": file.theme,
            "description": file.description,
            "countries": ", ".join(file.countries),
            "products": list(file.products.all()),
            "shared": file.shared,
        }

    def values(self) -> FileValues:
        d = self.cleaned_data
        return FileValues(
            title=d["title"],
            theme=d["theme"],
            description=d["description"],
            countries=_codes(d["countries"]),
            products=tuple(d["products"]),
            shared=d["shared"],
        )


class ClipForm(forms.Form):
    """The "Clip into a file" form of the intelligence item page."""

    file = forms.ModelChoiceField(label=_("File"), queryset=ThematicFile.objects.none())
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20000,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.visible_files(user).order_by("title")

    def values(self, item: Any) -> ClipValues:
        return ClipValues(item=item, comment=self.cleaned_data["comment"])


class HandNoteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    text = forms.CharField(label=_("Note"), widget=TEXT, max_length=20000)
    comment = forms.CharField(label=_("Your comment"), required=False, max_length=20000)

    def values(self) -> HandNoteValues:
        d = self.cleaned_data
        return HandNoteValues(title=d["title"], text=d["text"], comment=d["comment"])


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Your comment"), required=False, max_length=20000)


class NoteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the note"), choices=NoteLanguage.choices)
    conclusion = forms.CharField(
        label=_("Conclusion"), widget=TEXT, required=False, max_length=20000
    )

    def __init__(self, *args: Any, sections: int = 4, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_count = max(1, min(sections, MAX_NOTE_SECTIONS))
        for i in range(self.section_count):
            self.fields[f"heading_{i}"] = forms.CharField(
                label=_("Section %(n)d: heading") % {"n": i + 1}, max_length=200, required=False
            )
            self.fields[f"body_{i}"] = forms.CharField(
                label=_("Section %(n)d: text") % {"n": i + 1},
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
                max_length=20000,
                help_text=_("Cite the file's sources by their number: [1], [2]…") if i == 0 else "",
            )
        # the conclusion after the sections
        self.fields["conclusion"] = self.fields.pop("conclusion")

    @staticmethod
    def initial_of(note: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": note.title,
            "language": note.language,
            "conclusion": note.conclusion,
        }
        for i, section in enumerate(note.sections):
            initial[f"heading_{i}"] = section.get("heading", "")
            initial[f"body_{i}"] = section.get("body", "")
        return initial

    def values(self) -> NoteValues:
        d = self.cleaned_data
        sections = tuple(
            Section(heading=d[f"heading_{i}"], body=d[f"body_{i}"])
            for i in range(self.section_count)
            if d[f"heading_{i}"].strip() or d[f"body_{i}"].strip()
        )
        return NoteValues(
            title=d["title"], language=d["language"], sections=sections, conclusion=d["conclusion"]
        )

    @staticmethod
    def field_for(name: str) -> str:
        """The service's field name -> the form's (``sections.2.body`` -> ``body_2``)."""
        if name.startswith("sections."):
            _, index, part = name.split(".")
            return f"{part}_{index}"
        return "body_0" if name == "sections" else name


def _country_field(label: Any, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=lambda: [("", "—"), *country_choices(current_language())],
    )


class StudyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(
        label=_("Products and scope"), widget=TEXT, required=False, max_length=20000
    )
    countries = forms.CharField(
        label=_("Candidate countries"),
        max_length=200,
        help_text=_("2 to 12 ISO codes separated by commas, e.g. AE, SA, JP, CA, MA."),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products"),
        queryset=Product.objects.order_by("reference"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    thematic_files = forms.ModelMultipleChoiceField(
        label=_("Thematic files"),
        queryset=ThematicFile.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["thematic_files"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = selectors.visible_files(user).order_by("title")

    def values(self) -> StudyValues:
        d = self.cleaned_data
        return StudyValues(
            title=d["title"],
            scope=d["scope"],
            countries=_codes(d["countries"]),
            products=tuple(d["products"]),
            files=tuple(d["thematic_files"]),
        )


class CountriesForm(forms.Form):
    countries = StudyForm.base_fields["countries"]

    def values(self) -> tuple[str, ...]:
        return _codes(self.cleaned_data["countries"])


class WeightsForm(forms.Form):
    def __init__(self, *args: Any, labels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ms.CRITERIA:
            self.fields[f"weight_{name}"] = forms.DecimalField(
                label=labels[name], min_value=0, max_value=100, decimal_places=1, max_digits=4
            )

    def values(self) -> dict[str, Decimal]:
        return {n: self.cleaned_data[f"weight_{n}"] for n in ms.CRITERIA}


class GradesForm(forms.Form):
    """The grid: one field per country and criterion, ``g_<country>_<criterion>``."""

    def __init__(self, *args: Any, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.countries = countries
        for code in countries:
            for name in ms.CRITERIA:
                self.fields[f"g_{code}_{name}"] = forms.DecimalField(
                    min_value=0,
                    max_value=5,
                    decimal_places=1,
                    max_digits=2,
                    required=False,
                    widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 5}),
                )

    def values(self) -> dict[str, dict[str, Decimal | None]]:
        return {
            code: {n: self.cleaned_data[f"g_{code}_{n}"] for n in ms.CRITERIA}
            for code in self.countries
        }


class DecisionForm(forms.Form):
    chosen = forms.MultipleChoiceField(
        label=_("Countries chosen"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
        help_text=_("Required when the choice is not the first of the ranking."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chosen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    def values(self) -> DecisionValues:
        return DecisionValues(
            chosen=tuple(self.cleaned_data["chosen"]), reason=self.cleaned_data["reason"]
        )


class StrategyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the note"), choices=NoteLanguage.choices)
    country = _country_field(_("Market (country)"), required=False)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.order_by("reference"), required=False
    )
    thematic_files = forms.ModelMultipleChoiceField(
        label=_("Thematic files"),
        queryset=ThematicFile.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args: Any, kind: str, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        field = self.fields["thematic_files"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = selectors.visible_files(user).order_by("title")
        for part in parts_for(kind):
            self.fields[part] = forms.CharField(
                label=PART_LABELS[part],
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=20000,
                help_text=_("One point per line."),
            )
        self.fields["conclusion"] = forms.CharField(
            label=_("Conclusion"), widget=TEXT, required=False, max_length=20000
        )

    @staticmethod
    def initial_of(note: StrategyNote) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": note.title,
            "language": note.language,
            "country": note.country,
            "product": note.product,
            "thematic_files": list(note.files.all()),
            "conclusion": note.conclusion,
        }
        for part, points in note.parts.items():
            initial[part] = "\n".join(points)
        return initial

    def values(self) -> StrategyValues:
        d = self.cleaned_data
        return StrategyValues(
            kind=self.kind,
            title=d["title"],
            language=d["language"],
            country=d["country"] or "",
            product=d["product"],
            files=tuple(d["thematic_files"]),
            parts={p: tuple(d[p].splitlines()) for p in parts_for(self.kind)},
            conclusion=d["conclusion"],
        )
