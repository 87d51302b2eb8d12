from django.http import HttpRequest

from core.context_processors import shows_menu

from .services import unread_count


def notices(request: HttpRequest) -> dict[str, object]:
    """The count of unread notices beside 待办 in the menu."""
    return {"unread_notices": unread_count(request.user)} if shows_menu(request) else {}
