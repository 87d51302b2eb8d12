from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/act/", views.act, name="act"),
]
