from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.hit_list, name="hit_list"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("hits/<int:pk>/review/", views.hit_review, name="hit_review"),
    path("lists/", views.list_versions, name="list_versions"),
    path("lists/import/", views.list_import, name="list_import"),
    path("screen/", views.screen_name, name="screen_name"),
    path("companies/<int:pk>/screen/", views.screen_company, name="screen_company"),
]
