from django.http import HttpRequest

from core.context_processors import shows_menu

from .areas import AREAS


def areas(request: HttpRequest) -> dict[str, object]:
    """Each area's menu entry is lit on its front page and its registers' pages (`<slug>_navs`)."""
    return {f"{area.slug}_navs": area.navs for area in AREAS} if shows_menu(request) else {}
