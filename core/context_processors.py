from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def shows_menu(request: HttpRequest) -> bool:
    """A business user's full menu. While a user is held on the second-factor or password page,
    the menu would only bounce back."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and not held_at_login(user) and user.reads_business_data)


def held_at_login(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return bool(
        user.must_change_password or user.password_expired
        # is_verified is django-otp's, set on the user by its middleware
        or (settings.OTP_REQUIRED and not user.is_verified())  # type: ignore[attr-defined]
    )


def product(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"otp_required": settings.OTP_REQUIRED, "held_at_login": user is not None and held_at_login(user)}
