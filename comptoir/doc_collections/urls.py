from django.urls import URLPattern, URLResolver

app_name = "doc_collections"

urlpatterns: list[URLPattern | URLResolver] = []
