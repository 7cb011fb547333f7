from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "comptoir.events"
    verbose_name = _("Trade fairs and events")

    def ready(self) -> None:
        from comptoir.common import panels

        from .panel import home

        # checklist items past their day, for their owner (or the event's team)
        panels.register(panels.HOME, "events", "events/_home.html", home, order=64)
