from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntraEuConfig(AppConfig):
    name = "comptoir.intra_eu"
    verbose_name = _("Intra-EU trade declarations")
