from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("imports/<int:pk>/confirm/", views.confirm_import, name="confirm_import"),
]
