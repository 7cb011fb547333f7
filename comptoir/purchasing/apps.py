from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "comptoir.purchasing"
    verbose_name = _("Purchase orders and receipts")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # late orders and payments falling due become tasks of the order's buyer
        daily.register_daily("purchasing_follow_up", services.daily_follow_up, order=44)
        panels.register(
            panels.HOME, "purchasing", "purchasing/_home_panel.html", panel.home, order=25
        )
        panels.register(
            panels.SHIPMENT,
            "purchase_orders",
            "purchasing/_shipment_panel.html",
            panel.shipment,
            order=5,
        )
        panels.register(
            panels.COMPANY,
            "purchase_orders",
            "purchasing/_company_panel.html",
            panel.company,
            order=55,
        )
        panels.register(
            panels.TENDER,
            "purchase_orders",
            "purchasing/_tender_panel.html",
            panel.tender,
            order=10,
        )
