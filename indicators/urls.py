from django.urls import path

from . import areas, dashboard, report_views, views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("file/", views.file_year, name="file"),
    path("report/", report_views.report_page, name="report"),
    path("report/new/", report_views.report_start, name="report-start"),
    path("report/<int:pk>/", report_views.report_job, name="report-job"),
    path("report/<int:pk>/download/", report_views.report_download, name="report-download"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("area/<slug:slug>/", areas.area, name="area"),
    path("<str:key>/", views.indicator_detail, name="detail"),
]
