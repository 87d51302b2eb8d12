from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("tree/", views.tree, name="tree"),
    path("", views.org_list, name="org-list"),
    path("employers/", views.employer_list, name="employer-list"),
]
