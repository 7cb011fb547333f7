from django.urls import URLPattern, URLResolver

app_name = "credit_insurance"

urlpatterns: list[URLPattern | URLResolver] = []
