from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplierInvoicesConfig(AppConfig):
    name = "comptoir.supplier_invoices"
    verbose_name = _("Supplier invoices")
