"""The JSON API (django-ninja): session login, same scoping as the pages, OpenAPI at /api/openapi.json."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from core.api import answer_errors_in_json
from orgs.api import router as orgs_router
from registers.api import router as registers_router
from workers.api import router as workers_router

api = NinjaAPI(
    title="工会工作台 API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url=None,
    docs_decorator=login_required,  # the schema is for signed-in programs and people  # the Swagger page needs inline script, which the CSP forbids
)
answer_errors_in_json(api)
api.add_router("/", orgs_router)
api.add_router("/", workers_router)
api.add_router("/", registers_router)
