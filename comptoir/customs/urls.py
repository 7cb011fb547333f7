from django.urls import URLPattern, URLResolver

app_name = "customs"

urlpatterns: list[URLPattern | URLResolver] = []
