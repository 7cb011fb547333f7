from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "comptoir.suppliers"
    verbose_name = _("Supplier panel")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # expiring certifications, audits due and overdue corrective actions become tasks
        # (before the morning reminder of the tasks due, which runs later in the day's order)
        daily.register_daily("suppliers_reminders", services.plan_reminders, order=44)
        panels.register(
            panels.COMPANY, "suppliers", "suppliers/_company_panel.html", panel.company, order=55
        )
        panels.register(
            panels.PRODUCT, "suppliers", "suppliers/_product_panel.html", panel.product, order=55
        )
