from django.urls import path

from . import views

app_name = "tenders"

urlpatterns = [
    path("", views.tender_list, name="list"),
    path("new/", views.tender_create, name="create"),
    path("<int:pk>/", views.tender_detail, name="detail"),
    path("<int:pk>/suppliers/<int:invitation_pk>/answer/", views.answer_edit, name="answer"),
    path("<int:pk>/suppliers/<int:invitation_pk>/costs/", views.costs_edit, name="costs"),
    path(
        "<int:pk>/suppliers/<int:invitation_pk>/build-up/",
        views.answer_detail,
        name="answer_detail",
    ),
    path("<int:pk>/suppliers/<int:invitation_pk>/pdf/", views.invitation_pdf, name="pdf"),
    path("<int:pk>/<slug:action>/", views.tender_action, name="action"),
]
