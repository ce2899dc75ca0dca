"""Template tags other apps' pages use to show outcome harvesting.

The staff dashboard (convenings app) says how many participants' outcomes wait for review:
    {% load harvest %}{% harvest_review_panel %}
"""

from django import template

from outcomes.harvest_selectors import waiting_count

register = template.Library()


@register.inclusion_tag("outcomes/harvest/staff/_panel.html")
def harvest_review_panel() -> dict:
    return {"waiting": waiting_count()}
