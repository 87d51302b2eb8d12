from django.conf import settings
from django.http import HttpRequest


def product(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    # While a user is held on the second-factor or password page, the menu would only bounce back.
    held = bool(
        user is not None and user.is_authenticated and (
            user.must_change_password or user.password_expired
            or (settings.OTP_REQUIRED and not user.is_verified())
        )
    )
    out: dict[str, object] = {"otp_required": settings.OTP_REQUIRED, "held_at_login": held}
    if user is not None and user.is_authenticated and not held and user.reads_business_data:
        from todo.services import unread_count

        from .areas import AREAS

        out["unread_notices"] = unread_count(user)
        for area in AREAS:
            out[f"{area.slug}_navs"] = area.navs
    return out
