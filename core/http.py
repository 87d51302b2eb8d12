"""The request a view behind a login sees, as the type checker should see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from accounts.models import User


class AuthedRequest(HttpRequest):
    """A request past `login_required` (or a role decorator): its user is an account, never
    AnonymousUser, and django-htmx's middleware has set `htmx`. Only annotations use it."""

    user: User
    htmx: HtmxDetails
