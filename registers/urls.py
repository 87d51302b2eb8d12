from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("<slug:slug>/template/", views.template, name="template"),
    path("<slug:slug>/export/", views.export, name="export"),
]
