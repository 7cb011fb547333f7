from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OriginConfig(AppConfig):
    name = "comptoir.origin"
    verbose_name = _("Origin of goods")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily
        from comptoir.sales import mentions
        from comptoir.shipping.panels import register_panel

        from . import panel, services

        # the statement on origin printed on the invoices issued
        mentions.register("origin", services.invoice_mentions, order=20)
        # a task 30 days before a supplier's declaration ends
        daily.register_daily("origin_declarations", services.remind_expiring_declarations, order=45)
        panels.register(
            panels.PRODUCT, "origin", "origin/_product_panel.html", panel.product_origin, order=30
        )
        panels.register(
            panels.INVOICE, "origin", "origin/_invoice_panel.html", panel.invoice_origin, order=30
        )
        register_panel("origin", "origin/_shipment_panel.html", panel.shipment_origin, order=60)
