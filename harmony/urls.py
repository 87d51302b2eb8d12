from django.urls import path

from . import views

app_name = "harmony"
urlpatterns = [
    path("tables/", views.tables, name="tables"),
    path("tables/<int:year>/", views.table, name="table"),
    path("<int:pk>/", views.assessment, name="assessment"),
    path("<int:pk>/mark/", views.mark, name="mark"),
    path("<int:pk>/evidence/<int:mark_pk>/", views.evidence, name="evidence"),
]
