from django.urls import URLPattern, URLResolver

app_name = "export_control"

urlpatterns: list[URLPattern | URLResolver] = []
