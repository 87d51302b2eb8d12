"""Template filters used across the product's pages."""

from django import template
from django.http import QueryDict

from core.masking import mask_id_number, mask_mobile, mask_phone

register = template.Library()

register.filter("mask_id", mask_id_number)
register.filter("mask_mobile", mask_mobile)
register.filter("mask_phone", mask_phone)


@register.filter
def yesno_cn(value: object) -> str:
    return "是" if value else "否"


@register.filter
def query_pairs(query: QueryDict, leave_out: str = "") -> list[tuple[str, str]]:
    """The query's (name, value) pairs but `leave_out`, for hidden inputs. Written in a template as
    `request.GET.items`, a parameter named "items" would be read instead of the method."""
    return [(name, value) for name, values in query.lists() if name != leave_out for value in values]
