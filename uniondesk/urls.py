from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("orgs/", include("orgs.urls")),
    path("workers/", include("workers.urls")),
    path("registers/", include("registers.urls")),
    path("contests/", include("contests.urls")),
    path("training/", include("training.urls")),
    path("proposals/", include("proposals.urls")),
    path("meetings/", include("meetings.urls")),
    path("contracts/", include("contracts.urls")),
    path("mediation/", include("mediation.urls")),
    path("supervision/", include("supervision.urls")),
    path("assistance/", include("assistance.urls")),
    path("radar/", include("radar.urls")),
    path("harmony/", include("harmony.urls")),
    path("members/", include("members.urls")),
    path("todo/", include("todo.urls")),
    path("indicators/", include("indicators.urls")),
    path("reporting/", include("reporting.urls")),
    path("p/", include("public.urls")),
    path("", include("operations.urls")),
    path("api/", api.urls),
]

# the product's pages; core.errors.ErrorPagesMiddleware shows them under DEBUG too
handler400 = "core.errors.bad_request"
handler403 = "core.errors.denied"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
