from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditInsuranceConfig(AppConfig):
    name = "comptoir.credit_insurance"
    verbose_name = _("Export credit insurance")

    def ready(self) -> None:
        from comptoir.common import gates, panels
        from comptoir.jobs import daily

        from . import panel, services

        # overdue insured invoices: a task before the policy's deadline to declare them
        daily.register_daily("credit_insurance_declare", services.remind_declarations, order=47)
        # a refusal only when the policy's option says so (off by default): otherwise a flag
        gates.register(gates.ORDER_CONFIRMATION, "credit_insurance", services.order_refusals)
        panels.register(
            panels.COMPANY,
            "credit_insurance",
            "credit_insurance/_company_panel.html",
            panel.company_cover,
            order=40,
        )
        panels.register(
            panels.ORDER,
            "credit_insurance",
            "credit_insurance/_order_panel.html",
            panel.order_cover,
            order=20,
        )
        panels.register(
            panels.HOME,
            "credit_insurance",
            "credit_insurance/_home_panel.html",
            panel.home_watch,
            order=40,
        )
