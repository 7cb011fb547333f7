from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportControlConfig(AppConfig):
    name = "comptoir.export_control"
    verbose_name = _("Export control")

    def ready(self) -> None:
        from comptoir.common import gates, panels
        from comptoir.jobs import daily
        from comptoir.shipping.panels import register_panel

        from . import checks, panel, services

        gates.register(gates.ORDER_CONFIRMATION, "export_control", checks.order_refusals)
        gates.register(gates.SHIPMENT_DEPARTURE, "export_control", checks.shipment_refusals)
        daily.register_daily(
            "export_licences_expiring", services.remind_expiring_licences, order=45
        )
        panels.register(
            panels.PRODUCT,
            "export_control",
            "export_control/_product_panel.html",
            panel.product_panel,
            order=60,
        )
        panels.register(
            panels.COUNTRY,
            "export_control",
            "export_control/_country_panel.html",
            panel.country_panel,
            order=60,
        )
        register_panel(
            "export_control",
            "export_control/_shipment_panel.html",
            panel.shipment_panel,
            order=30,
        )
