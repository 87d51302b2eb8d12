from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="entry-list"),
    path("verify/", views.chain_check, name="chain-check"),
]
