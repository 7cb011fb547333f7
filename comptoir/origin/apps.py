from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OriginConfig(AppConfig):
    name = "comptoir.origin"
    verbose_name = _("Origin of goods")
