from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="claim_list"),
    path("statistics/", views.claim_statistics, name="claim_statistics"),
    path("new/<int:shipment_pk>/", views.claim_edit, name="claim_create"),
    path("<int:pk>/", views.claim_detail, name="claim_detail"),
    path("<int:pk>/edit/", views.claim_edit_existing, name="claim_edit"),
    path("<int:pk>/status/", views.claim_status, name="claim_status"),
    path("<int:pk>/amounts/", views.claim_amounts, name="claim_amounts"),
    path("<int:pk>/files/", views.claim_attach, name="claim_attach"),
    path(
        "<int:pk>/files/<int:file_pk>/",
        views.claim_file,
        name="claim_file",
    ),
    path(
        "<int:pk>/files/<int:file_pk>/remove/",
        views.claim_file_remove,
        name="claim_file_remove",
    ),
    path("<int:pk>/letters/<str:letter>.pdf", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/letters/<str:letter>/sent/", views.letter_sent, name="letter_sent"),
]
