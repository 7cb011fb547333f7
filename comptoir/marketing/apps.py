from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "comptoir.marketing"
    verbose_name = _("Communication materials")
