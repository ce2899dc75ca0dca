"""Template tags other apps' pages use to show engagement between meetings.

The staff dashboard (convenings app) lists who has gone quiet with:
    {% load engagement %}{% quiet_participants_panel %}
"""

from django import template

from engagement.selectors import quiet_participants

register = template.Library()


@register.inclusion_tag("engagement/staff/_quiet_panel.html")
def quiet_participants_panel(limit: int = 10) -> dict:
    rows = sorted(
        quiet_participants(),
        key=lambda r: (r.last_activity is not None, r.last_activity, r.participant.full_name),
    )
    return {"rows": rows[:limit], "total": len(rows)}
