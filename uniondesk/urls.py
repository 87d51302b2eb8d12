from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("orgs/", include("orgs.urls")),
    path("workers/", include("workers.urls")),
    path("registers/", include("registers.urls")),
    path("api/", api.urls),
]

handler403 = "core.views.denied"
