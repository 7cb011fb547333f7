from django.urls import path

from . import views

app_name = "intelligence"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/link/", views.item_link, name="item_link"),
    path("items/<int:pk>/file/", views.item_file, name="item_file"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_edit, name="source_create"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/poll/", views.source_poll, name="source_poll"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("sources/<int:pk>/upload/", views.source_upload, name="source_upload"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/new/", views.alert_edit, name="alert_create"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/edit/", views.alert_edit, name="alert_edit"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
    path("matches/", views.match_list, name="match_list"),
    path("matches/read/", views.match_read, name="match_read"),
]
