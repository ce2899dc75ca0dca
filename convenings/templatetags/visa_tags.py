"""`{{ code|country_name }}`: an ISO country code's name in the active language (visa support)."""

from django import template

from ..visa import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return _country_name(code) if code else ""
