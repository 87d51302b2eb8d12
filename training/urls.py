from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("<int:pk>/", views.course_page, name="course"),
    path("<int:pk>/complete/", views.complete, name="complete"),
]
