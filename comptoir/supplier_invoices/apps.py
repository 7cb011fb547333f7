from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplierInvoicesConfig(AppConfig):
    name = "comptoir.supplier_invoices"
    verbose_name = _("Supplier invoices")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # goods received since an invoice was recorded: match the open invoices again
        daily.register_daily("supplier_invoices_recheck", services.recheck_all, order=45)

        panels.register(
            panels.PURCHASE_ORDER,
            "supplier_invoices",
            "supplier_invoices/_order_panel.html",
            panel.purchase_order,
            order=10,
        )
