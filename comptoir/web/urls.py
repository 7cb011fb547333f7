from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/", views.record_history, name="history"
    ),
]
