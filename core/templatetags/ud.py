"""Template filters used across the product's pages."""

from django import template

from core.masking import mask_id_number, mask_mobile

register = template.Library()

register.filter("mask_id", mask_id_number)
register.filter("mask_mobile", mask_mobile)


@register.filter
def yesno_cn(value: object) -> str:
    return "是" if value else "否"
