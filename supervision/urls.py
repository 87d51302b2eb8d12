from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("<int:pk>/result/", views.inspection_result, name="inspection-result"),
]
