from django.urls import path

from . import views

app_name = "radar"
urlpatterns = [
    path("", views.radar_page, name="radar"),
    path("<int:pk>/<str:signal>/", views.signal_records, name="signal-records"),
]
