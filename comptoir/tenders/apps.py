from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    name = "comptoir.tenders"
    verbose_name = _("Calls for tender")
