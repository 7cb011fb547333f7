from django.urls import path

from . import views

app_name = "prospecting"

urlpatterns = [
    path("", views.index, name="index"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/crm/", views.list_crm, name="list_crm"),
    path("lists/<int:pk>/delete/", views.list_delete, name="list_delete"),
    path("lists/<int:pk>/import/", views.list_import, name="list_import"),
    path("lists/<int:pk>/convert/", views.list_convert_all, name="list_convert_all"),
    path(
        "lists/<int:pk>/targets/<int:target_pk>/<slug:action>/",
        views.target_action,
        name="target_action",
    ),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/call/", views.campaign_call, name="campaign_call"),
    path("campaigns/<int:pk>/event/", views.campaign_event, name="campaign_event"),
    path("campaigns/<int:pk>/events/", views.campaign_events_import, name="campaign_events"),
    path("campaigns/<int:pk>/link/", views.campaign_link, name="campaign_link"),
    path("campaigns/<int:pk>/cost/", views.campaign_cost, name="campaign_cost"),
    path("campaigns/<int:pk>/<slug:action>/", views.campaign_action, name="campaign_action"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
