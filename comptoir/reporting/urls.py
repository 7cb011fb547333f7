from django.urls import URLPattern, URLResolver, path

from . import objective_views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("objectives/", objective_views.objective_list, name="objective_list"),
    path("objectives/new/", objective_views.objective_edit, name="objective_create"),
    path("objectives/<int:pk>/", objective_views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", objective_views.objective_delete, name="objective_delete"),
]
