from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from . import health


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For a monitor or a load balancer: open without login, touches no session, and says only
    whether each part is well (no counts, no names). 200 when all is well, else 503."""
    if not health.database_answers():
        return JsonResponse({"database": "down"}, status=503)
    if not health.queue_in_database():
        return JsonResponse({"database": "ok", "queue": "unchecked"})
    try:
        late = health.queue_late()
    except DatabaseError:  # it went away between the two questions
        return JsonResponse({"database": "down"}, status=503)
    return JsonResponse({"database": "ok", "queue": "late" if late else "ok"}, status=503 if late else 200)
