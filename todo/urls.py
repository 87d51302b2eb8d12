from django.urls import path

from . import views

app_name = "todo"
urlpatterns = [
    path("", views.due_list, name="due-list"),
    path("notices/read/", views.notices_read, name="notices-read"),
]
