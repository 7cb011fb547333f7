from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditsConfig(AppConfig):
    name = "comptoir.credits"
    verbose_name = _("Documentary credits")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # deadlines within two weeks become tasks; credits long past expiry expire
        daily.register_daily("credits_deadlines", services.plan_deadlines, order=42)
        panels.register(
            panels.HOME, "credit_deadlines", "credits/_home_panel.html", panel.home, order=30
        )
        panels.register(panels.ORDER, "credits", "credits/_order_panel.html", panel.order, order=20)
        panels.register(
            panels.COMPANY, "credits", "credits/_company_panel.html", panel.company, order=60
        )
        panels.register(
            panels.PURCHASE_ORDER,
            "credits",
            "credits/_purchase_order_panel.html",
            panel.purchase_order,
            order=20,
        )
