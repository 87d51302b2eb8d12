from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.board_page, name="board"),
    path("check/", views.check_page, name="check"),
    path("check/<str:key>/", views.rule_detail, name="rule"),
    path("file/", views.file_year, name="file"),
    path("accept/", views.accept, name="accept"),
    path("return/", views.send_back, name="return"),
    path("reopen/", views.reopen, name="reopen"),
    path("due/", views.set_due, name="due"),
    path("stats/", views.stats_download, name="stats"),
]
