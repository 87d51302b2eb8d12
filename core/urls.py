from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    # the area pages live with the indicators they show; the old address still leads there
    path("area/<slug:slug>/", RedirectView.as_view(pattern_name="indicators:area", query_string=True), name="area"),
]
