from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("suggest/<slug:kind>/", views.suggest, name="suggest"),
    path("<slug:key>/", views.dashboard, name="dashboard"),
    path("<slug:key>/xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
