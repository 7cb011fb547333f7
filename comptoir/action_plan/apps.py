from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "comptoir.action_plan"
    verbose_name = _("Action plan and sales network")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # the last day to give notice before a tacit renewal, and the end: tasks beforehand
        daily.register_daily("network_contracts", services.remind_contract_deadlines, order=80)
        panels.register(
            panels.HOME,
            "action_plan",
            "action_plan/_home_panel.html",
            panel.home_watch,
            order=60,
        )
        panels.register(
            panels.COMPANY,
            "action_plan",
            "action_plan/_company_panel.html",
            panel.company_contracts,
            order=60,
        )
