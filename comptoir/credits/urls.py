from django.urls import path

from . import views

app_name = "credits"

urlpatterns = [
    path("", views.credit_list, name="credit_list"),
    path("new/", views.credit_create, name="credit_create"),
    path("<int:pk>/", views.credit_detail, name="credit_detail"),
    path("<int:pk>/edit/", views.credit_edit, name="credit_edit"),
    path("<int:pk>/status/", views.credit_status, name="credit_status"),
    path("<int:pk>/amendments/request/", views.amendment_request, name="amendment_request"),
    path("<int:pk>/amendments/receive/", views.amendment_receive, name="amendment_receive"),
    path(
        "<int:pk>/amendments/<int:amendment_pk>/decide/",
        views.amendment_decide,
        name="amendment_decide",
    ),
    path("<int:pk>/present/", views.presentation_new, name="presentation_new"),
    path(
        "<int:pk>/presentations/<int:presentation_pk>/",
        views.presentation_detail,
        name="presentation_detail",
    ),
    path(
        "<int:pk>/presentations/<int:presentation_pk>/answer/",
        views.presentation_answer,
        name="presentation_answer",
    ),
    path(
        "<int:pk>/presentations/<int:presentation_pk>/paid/",
        views.presentation_paid,
        name="presentation_paid",
    ),
    path(
        "<int:pk>/presentations/<int:presentation_pk>/outcome/",
        views.notice_outcome,
        name="notice_outcome",
    ),
    path("<int:pk>/opening-request.pdf", views.opening_request_pdf, name="opening_request_pdf"),
]
