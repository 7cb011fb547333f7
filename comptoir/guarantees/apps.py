from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "comptoir.guarantees"
    verbose_name = _("Bank guarantees and standby credits")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # reminders before expiry; expired guarantees and the bank lines to cancel
        daily.register_daily("guarantees_expiry", services.follow_expiries, order=51)
        template = "guarantees/_panel.html"
        panels.register(panels.COMPANY, "guarantees", template, panel.of_company, order=60)
        panels.register(panels.ORDER, "guarantees", template, panel.of_order, order=61)
        panels.register(
            panels.PURCHASE_ORDER, "guarantees", template, panel.of_purchase_order, order=30
        )
        panels.register(panels.HOME, "guarantees", "guarantees/_home.html", panel.home, order=61)
