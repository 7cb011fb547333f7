from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "comptoir.purchasing"
    verbose_name = _("Purchase orders and receipts")
