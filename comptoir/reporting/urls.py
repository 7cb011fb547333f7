from django.urls import URLPattern, URLResolver, path

from . import objective_views, views, views_pivot

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("pivot/", views_pivot.pivot, name="pivot"),
    path("pivot/drill/", views_pivot.drill, name="pivot_drill"),
    path("pivot/views/save/", views_pivot.view_save, name="pivot_view_save"),
    path("pivot/views/<int:pk>/rename/", views_pivot.view_rename, name="pivot_view_rename"),
    path("pivot/views/<int:pk>/delete/", views_pivot.view_delete, name="pivot_view_delete"),
    path("pivot/views/<int:pk>/share/", views_pivot.view_share, name="pivot_view_share"),
    path("objectives/", objective_views.objective_list, name="objective_list"),
    path("objectives/new/", objective_views.objective_edit, name="objective_create"),
    path("objectives/<int:pk>/", objective_views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", objective_views.objective_delete, name="objective_delete"),
    path("", views.index, name="index"),
    path("suggest/<slug:kind>/", views.suggest, name="suggest"),
    path("<slug:key>/", views.dashboard, name="dashboard"),
    path("<slug:key>/xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
