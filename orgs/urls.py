from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("tree/", views.tree, name="tree"),
    path("tree/<int:pk>/", views.tree_node, name="tree-node"),
    path("", views.org_list, name="org-list"),
    path("new/", views.org_create, name="org-create"),
    path("<int:pk>/", views.org_detail, name="org-detail"),
    path("<int:pk>/edit/", views.org_edit, name="org-edit"),
    path("<int:pk>/move/", views.org_move, name="org-move"),
    path("<int:pk>/delete/", views.org_delete, name="org-delete"),
    path("employers/", views.employer_list, name="employer-list"),
    path("employers/new/", views.employer_create, name="employer-create"),
    path("employers/<int:pk>/", views.employer_detail, name="employer-detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer-edit"),
    path("employers/<int:pk>/move/", views.employer_move, name="employer-move"),
    path("employers/<int:pk>/delete/", views.employer_delete, name="employer-delete"),
]
