from django.urls import path

from . import views

app_name = "parties"

urlpatterns = [
    path("companies/", views.company_list, name="company_list"),
    path("companies/new/", views.company_edit, name="company_create"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("companies/<int:pk>/edit/", views.company_edit, name="company_edit"),
    path("companies/<int:company_pk>/addresses/new/", views.address_edit, name="address_create"),
    path("companies/<int:company_pk>/addresses/<int:pk>/", views.address_edit, name="address_edit"),
    path("companies/<int:company_pk>/activities/", views.activity_add, name="activity_add"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_edit, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/gdpr-export/", views.contact_gdpr_export, name="contact_gdpr_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
    path("contacts/<int:pk>/opt-out/", views.contact_opt_out, name="contact_opt_out"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_edit, name="task_create"),
    path("tasks/<int:pk>/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("countries/<str:code>/edit/", views.country_edit, name="country_edit"),
    path("import/", views.import_view, name="import"),
]
