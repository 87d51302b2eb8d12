from django.urls import path

from . import dashboard, views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("file/", views.file_year, name="file"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("<str:key>/", views.indicator_detail, name="detail"),
]
