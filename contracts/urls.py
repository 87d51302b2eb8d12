from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("employer/<int:pk>/", views.employer_history, name="employer"),
    path("uncovered/", views.uncovered, name="uncovered"),
]
