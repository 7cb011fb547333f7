from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FxExposureConfig(AppConfig):
    name = "comptoir.fx_exposure"
    verbose_name = _("Currency exposure and hedges")
