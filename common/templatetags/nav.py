"""Menu links: `<a href="{% url 'convenings:staff-list' %}"{% aria_current 'convenings:staff-list' %}>`.

The href is a plain `{% url %}` and `aria_current` reverses the same name, so a renamed or
removed URL fails the page (and the tests) instead of silently dropping the menu item, as
the old `{% url … as u %}{% if u %}` guards did.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()

CURRENT = mark_safe(' aria-current="page"')


@register.simple_tag(takes_context=True)
def aria_current(context, url_name: str, exact: bool = False) -> str:
    """` aria-current="page"` on the page the link names (`exact`) or any page under it."""
    url = reverse(url_name)
    path = context["request"].path
    return CURRENT if (path == url if exact else path.startswith(url)) else ""
