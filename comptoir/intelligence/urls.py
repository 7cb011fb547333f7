from django.urls import URLPattern, URLResolver

app_name = "intelligence"

urlpatterns: list[URLPattern | URLResolver] = []
