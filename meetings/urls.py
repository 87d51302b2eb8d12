from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.by_year, name="by-year"),
]
