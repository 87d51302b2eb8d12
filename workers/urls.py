from django.urls import path

from . import views

app_name = "workers"
urlpatterns = [
    path("", views.worker_list, name="worker-list"),
    path("new/", views.worker_create, name="worker-create"),
    path("<int:pk>/", views.worker_detail, name="worker-detail"),
    path("<int:pk>/edit/", views.worker_edit, name="worker-edit"),
    path("<int:pk>/reveal/", views.worker_reveal, name="worker-reveal"),
    path("<int:pk>/delete/", views.worker_delete, name="worker-delete"),
]
