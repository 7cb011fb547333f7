from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("templates/", views.templates_page, name="templates"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:template_pk>/items/", views.template_item_add, name="template_item_add"),
    path(
        "templates/items/<int:item_pk>/remove/",
        views.template_item_remove,
        name="template_item_remove",
    ),
    path("invitation/<str:token>/", views.invitation_answer, name="invitation_answer"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/delete/", views.event_delete, name="event_delete"),
    path("<int:pk>/checklist/apply/", views.checklist_apply, name="checklist_apply"),
    path("<int:pk>/checklist/add/", views.checklist_add, name="checklist_add"),
    path("<int:pk>/checklist/<int:item_pk>/done/", views.checklist_done, name="checklist_done"),
    path("<int:pk>/budget/", views.budget_save, name="budget_add"),
    path("<int:pk>/budget/<int:line_pk>/", views.budget_save, name="budget_edit"),
    path("<int:pk>/budget/<int:line_pk>/receipts/", views.receipt_add, name="receipt_add"),
    path("<int:pk>/receipts/<int:receipt_pk>/", views.receipt_file, name="receipt_file"),
    path("<int:pk>/receipts/<int:receipt_pk>/remove/", views.receipt_remove, name="receipt_remove"),
    path("<int:pk>/invite/", views.invite_page, name="invite"),
    path("<int:pk>/invite/add/", views.invite_add, name="invite_add"),
    path("<int:pk>/invitations/send/", views.invitations_send, name="invitations_send"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/answer/",
        views.invitation_answer_by_hand,
        name="invitation_answer_by_hand",
    ),
    path("<int:pk>/stand/", views.stand_form, name="stand"),
    path("<int:pk>/visitors/", views.visitor_submit, name="visitor_submit"),
    path("<int:pk>/visitors/<int:visitor_pk>/card/", views.visitor_card, name="visitor_card"),
    path("<int:pk>/deals/", views.deal_link, name="deal_link"),
    path("<int:pk>/deals/<int:deal_pk>/remove/", views.deal_unlink, name="deal_unlink"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
