"""Template filters used across the product's pages."""

from django import template

from core.masking import mask_id_number, mask_mobile, mask_phone

register = template.Library()

register.filter("mask_id", mask_id_number)
register.filter("mask_mobile", mask_mobile)
register.filter("mask_phone", mask_phone)


@register.filter
def yesno_cn(value: object) -> str:
    return "是" if value else "否"
