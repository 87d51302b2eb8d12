from django.urls import path

from . import views

app_name = "contests"
urlpatterns = [
    path("<int:pk>/", views.competition_page, name="competition"),
    path("<int:pk>/results/", views.results, name="results"),
]
