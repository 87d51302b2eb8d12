from django.urls import path

from . import record_views, views

app_name = "registers"
urlpatterns = [
    path("imports/", views.import_list, name="import-list"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("imports/<int:pk>/undo/", views.import_undo, name="import-undo"),
    path("imports/<int:pk>/retry/", views.import_retry, name="import-retry"),
    path("imports/<int:pk>/marked/", views.import_marked, name="import-marked"),
    path("person/<slug:slug>/<int:pk>/", record_views.person, name="person"),
    path("<slug:slug>/template/", views.template, name="template"),
    path("<slug:slug>/export/", views.export, name="export"),
    path("<slug:slug>/import/", views.import_upload, name="import"),
    path("<slug:slug>/", record_views.record_list, name="record-list"),
    path("<slug:slug>/new/", record_views.record_create, name="record-create"),
    path("<slug:slug>/<int:pk>/", record_views.record_detail, name="record-detail"),
    path("<slug:slug>/<int:pk>/edit/", record_views.record_edit, name="record-edit"),
    path("<slug:slug>/<int:pk>/delete/", record_views.record_delete, name="record-delete"),
    path("<slug:slug>/<int:pk>/move/", record_views.record_move, name="record-move"),
]
