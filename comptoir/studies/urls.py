from django.urls import path

from . import views

app_name = "studies"

urlpatterns = [
    path("", views.file_list, name="file_list"),
    path("files/new/", views.file_edit, name="file_create"),
    path("files/<int:pk>/", views.file_detail, name="file_detail"),
    path("files/<int:pk>/edit/", views.file_edit, name="file_edit"),
    path("files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("files/<int:pk>/notes/", views.hand_note, name="hand_note"),
    path("files/<int:pk>/clips/<int:clip_pk>/comment/", views.clip_comment, name="clip_comment"),
    path("files/<int:pk>/clips/<int:clip_pk>/remove/", views.clip_remove, name="clip_remove"),
    path("files/<int:file_pk>/synthesis/new/", views.note_edit, name="note_create"),
    path("items/<int:item_pk>/clip/", views.clip_item, name="clip_item"),
    path("synthesis/<int:pk>/", views.note_detail, name="note_detail"),
    path("synthesis/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("synthesis/<int:pk>/pdf/", views.note_pdf, name="note_pdf"),
    path("synthesis/<int:pk>/docx/", views.note_docx, name="note_docx"),
    path("selection/", views.study_list, name="study_list"),
    path("selection/new/", views.study_create, name="study_create"),
    path("selection/<int:pk>/", views.study_detail, name="study_detail"),
    path("selection/<int:pk>/pdf/", views.study_pdf, name="study_pdf"),
    path("selection/<int:pk>/<slug:action>/", views.study_action, name="study_action"),
    path("analyses/", views.strategy_list, name="strategy_list"),
    path("analyses/new/<slug:kind>/", views.strategy_edit, name="strategy_create"),
    path("analyses/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("analyses/<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("analyses/<int:pk>/pdf/", views.strategy_pdf, name="strategy_pdf"),
]
