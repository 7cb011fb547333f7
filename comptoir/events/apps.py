from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "comptoir.events"
    verbose_name = _("Trade fairs and events")
