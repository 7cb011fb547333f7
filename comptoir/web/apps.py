from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "comptoir.web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .private_files import restrict_sqlite_file

        connection_created.connect(restrict_sqlite_file, dispatch_uid="comptoir-private-sqlite")
