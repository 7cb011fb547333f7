from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "comptoir.api"
    verbose_name = "API"
