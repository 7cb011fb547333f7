from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "comptoir.reporting"
    verbose_name = _("Dashboards and reporting")

    def ready(self) -> None:
        from comptoir.jobs import daily

        # each dashboard module registers itself (registry.register) when imported
        from . import dashboards, monthly  # noqa: F401

        # the first working day of a month: last month's report to its list (once)
        daily.register_daily("monthly_report", monthly.send_due_reports, order=60)
