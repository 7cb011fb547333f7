from django.urls import URLPattern, URLResolver

app_name = "origin"

urlpatterns: list[URLPattern | URLResolver] = []
