from django.urls import URLPattern, URLResolver

app_name = "fx_exposure"

urlpatterns: list[URLPattern | URLResolver] = []
