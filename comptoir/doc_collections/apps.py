from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocCollectionsConfig(AppConfig):
    name = "comptoir.doc_collections"
    verbose_name = _("Documentary collections")
