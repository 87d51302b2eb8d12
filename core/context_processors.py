from django.conf import settings
from django.http import HttpRequest


def shows_menu(request: HttpRequest) -> bool:
    """A business user's full menu. While a user is held on the second-factor or password page,
    the menu would only bounce back."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and not held_at_login(user) and user.reads_business_data)


def held_at_login(user: object) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and (
            user.must_change_password or user.password_expired  # type: ignore[attr-defined]
            or (settings.OTP_REQUIRED and not user.is_verified())  # type: ignore[attr-defined]
        )
    )


def product(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"otp_required": settings.OTP_REQUIRED, "held_at_login": user is not None and held_at_login(user)}
