from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "comptoir.guarantees"
    verbose_name = _("Bank guarantees and standby credits")
