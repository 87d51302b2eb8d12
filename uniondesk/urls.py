from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("orgs/", include("orgs.urls")),
    path("workers/", include("workers.urls")),
]

handler403 = "core.views.denied"
