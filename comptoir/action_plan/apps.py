from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "comptoir.action_plan"
    verbose_name = _("Action plan and sales network")
