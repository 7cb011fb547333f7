from django.urls import path

from . import views

app_name = "credit_insurance"

urlpatterns = [
    path("", views.home, name="home"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/new/", views.policy_edit, name="policy_create"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("policies/<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("policies/<int:pk>/covers/new/", views.cover_request, name="cover_request"),
    path("covers/<int:pk>/", views.cover_detail, name="cover_detail"),
    path("to-declare/", views.to_declare, name="to_declare"),
    path("declarations/", views.declaration_list, name="declaration_list"),
    path("declarations/new/<int:buyer_pk>/", views.declaration_new, name="declaration_create"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration_detail"),
]
