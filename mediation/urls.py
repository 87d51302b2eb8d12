from django.urls import re_path

from . import views

app_name = "mediation"
urlpatterns = [
    re_path(r"^(?P<pk>\d+)/agreement\.(?P<fmt>docx|pdf)$", views.agreement, name="agreement"),
]
