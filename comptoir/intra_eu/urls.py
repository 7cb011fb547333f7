from django.urls import URLPattern, URLResolver

app_name = "intra_eu"

urlpatterns: list[URLPattern | URLResolver] = []
