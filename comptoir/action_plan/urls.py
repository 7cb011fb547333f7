from django.urls import URLPattern, URLResolver

app_name = "action_plan"

urlpatterns: list[URLPattern | URLResolver] = []
