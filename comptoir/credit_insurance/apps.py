from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditInsuranceConfig(AppConfig):
    name = "comptoir.credit_insurance"
    verbose_name = _("Export credit insurance")
