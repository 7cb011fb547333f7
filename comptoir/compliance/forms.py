"""Forms of the screening pages: they validate at the edge, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import formats
from .models import HitStatus


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (HitStatus.FALSE_POSITIVE.value, _("False positive: not the listed party")),
            (HitStatus.CONFIRMED.value, _("Confirmed: the listed party")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The facts compared: date of birth, nationality, address, registration number, "
            "the documents seen."
        ),
    )


class ListUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Official file"),
        help_text=_(
            "EU consolidated list (FSF XML), UN consolidated list (XML), OFAC sdn.xml or the "
            "UK Sanctions List (XML or CSV). The format is recognised from the content."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > formats.MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": formats.MAX_FILE_BYTES // (1024 * 1024)}
            )
        data: bytes = upload.read()
        return data


class ScreenNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Who"),
        choices=[("entity", _("A company or organisation")), ("person", _("A person"))],
        initial="entity",
    )
    country = forms.CharField(
        label=_("Country (ISO code)"), max_length=2, required=False, help_text=_("e.g. RU, IR")
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
