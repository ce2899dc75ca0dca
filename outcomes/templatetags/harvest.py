"""Template tags other apps' pages use to show outcome harvesting.

The staff dashboard (convenings app) says how many participants' outcomes wait for review,
and an outcome's page lists the participants' reports it came from:
    {% load harvest %}{% harvest_review_panel %}  {% harvest_sources outcome %}
"""

from django import template

from outcomes.harvest_selectors import sources_of, waiting_count

register = template.Library()


@register.inclusion_tag("outcomes/harvest/staff/_panel.html")
def harvest_review_panel() -> dict:
    return {"waiting": waiting_count()}


@register.inclusion_tag("outcomes/harvest/staff/_sources.html")
def harvest_sources(outcome) -> dict:
    """On an outcome's page: the participants' reports it came from, with their credit."""
    if outcome is None or outcome.pk is None:
        return {"sources": []}
    return {"sources": sources_of(outcome=outcome)}
