from django.urls import URLPattern, URLResolver

app_name = "prospecting"

urlpatterns: list[URLPattern | URLResolver] = []
