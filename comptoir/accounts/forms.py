import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UserProfile


class PreferencesForm(forms.ModelForm[UserProfile]):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz],
    )

    class Meta:
        model = UserProfile
        fields = ["language", "time_zone"]
