"""Small charts on a convening's staff page: replies over time, the reply rate, needs, and
interpretation seats. Server-drawn SVG, no script: each chart has a title and a description
(role="img", aria-labelledby) and the same figures as a table beside it for screen readers
and for anyone who wants the numbers.

Figures come from what the page already reads (the convening's reply counts, `Needs`) plus
one query for the reply dates (`reply_timeline`), so the page's query count stays flat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Convening, Invitation, InvitationStatus
from .selectors import Needs

INK = "#1c2430"
COLOURS = {"yes": "#1e6b3a", "no": "#b3741a", "waiting": "#8a96a3", "bar": "#0f5c6e"}
WIDTH = 320


@dataclasses.dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: list[tuple]  # the table fallback


@dataclasses.dataclass(frozen=True)
class TimelinePoint:
    day: dt.date
    accepted: int  # cumulative, by the end of the day
    declined: int


def reply_timeline(*, convening: Convening) -> list[TimelinePoint]:
    """Cumulative yes and no replies by day (venue zone), from the current invitations'
    reply times (one query). An invitation counts once, on the day of its last reply."""
    zone = convening.zone
    per_day: dict[dt.date, list[int]] = {}
    rows = Invitation.objects.filter(convening=convening, replied_at__isnull=False).values_list(
        "replied_at", "status"
    )
    for replied_at, status in rows:
        counts = per_day.setdefault(timezone.localdate(replied_at, timezone=zone), [0, 0])
        if status in (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED, "no_show"):
            counts[0] += 1
        elif status == InvitationStatus.DECLINED:
            counts[1] += 1
    points, yes, no = [], 0, 0
    for day in sorted(per_day):
        yes, no = yes + per_day[day][0], no + per_day[day][1]
        points.append(TimelinePoint(day=day, accepted=yes, declined=no))
    return points


def _svg(key: str, title: str, description: str, body: str, height: int) -> SafeString:
    return mark_safe(  # every text in `body` is escaped where it is built
        f'<svg class="chart" role="img" aria-labelledby="{key}-title {key}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _bars(key: str, title: str, description: str, rows: list[tuple[str, int]]) -> SafeString:
    """Horizontal bars, label above each bar, value after it."""
    largest = max((value for _label, value in rows), default=0)
    room = WIDTH - 40
    body, y = [], 4
    for label, value in rows:
        length = round(room * value / largest) if largest and value else 0
        body.append(
            f'<text x="0" y="{y + 12}" font-size="13" fill="{INK}">{escape(label)}</text>'
            f'<rect x="0" y="{y + 17}" width="{length}" height="13" rx="2" '
            f'fill="{COLOURS["bar"]}"/>'
            f'<text x="{length + 4}" y="{y + 29}" font-size="13" font-weight="bold" '
            f'fill="{INK}">{value}</text>'
        )
        y += 36
    return _svg(key, title, description, "".join(body), max(y, 24))


def timeline_chart(points: list[TimelinePoint]) -> Chart:
    title = _("Replies over time")
    if not points:
        description = _("No replies yet.")
        svg = _svg("timeline", title, description, "", 24)
        return Chart("timeline", title, description, svg, (), [])
    height, left, top, bottom = 150, 28, 8, 22
    # The lines start from nobody the day before the first reply.
    drawn = [TimelinePoint(day=points[0].day - dt.timedelta(days=1), accepted=0, declined=0)]
    drawn += points
    first, last = drawn[0].day, drawn[-1].day
    span = max((last - first).days, 1)
    top_value = max(max(p.accepted, p.declined) for p in points) or 1
    plot_w, plot_h = WIDTH - left - 8, height - top - bottom

    def xy(point: TimelinePoint, value: int) -> str:
        x = left + plot_w * (point.day - first).days / span
        y = top + plot_h * (1 - value / top_value)
        return f"{x:.1f},{y:.1f}"

    lines = []
    for field, colour in (("accepted", COLOURS["yes"]), ("declined", COLOURS["no"])):
        steps = " ".join(xy(p, getattr(p, field)) for p in drawn)
        lines.append(
            f'<polyline points="{steps}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
    axis = (
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 8}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
        f'<text x="{left - 4}" y="{top + 9}" font-size="12" text-anchor="end" '
        f'fill="{INK}">{top_value}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="12" text-anchor="end" '
        f'fill="{INK}">0</text>'
        f'<text x="{left}" y="{height - 6}" font-size="12" fill="{INK}">'
        f"{escape(date_format(points[0].day, 'j M'))}</text>"
        f'<text x="{WIDTH - 8}" y="{height - 6}" font-size="12" text-anchor="end" '
        f'fill="{INK}">{escape(date_format(last, "j M"))}</text>'
    )
    final = points[-1]
    description = _("By %(day)s: %(yes)d said yes and %(no)d said no (green: yes, orange: no).") % {
        "day": date_format(final.day, "j M Y"),
        "yes": final.accepted,
        "no": final.declined,
    }
    return Chart(
        "timeline",
        title,
        description,
        _svg("timeline", title, description, axis + "".join(lines), height),
        (_("Day"), _("Said yes"), _("Said no")),
        [(date_format(p.day, "j M Y"), p.accepted, p.declined) for p in points],
    )


def reply_rate_chart(convening: Convening) -> Chart:
    """One stacked bar: yes, no, waiting; read from the convening's reply counts."""
    invited = convening.invited_count
    parts = [
        (_("Said yes"), convening.accepted_count, COLOURS["yes"]),
        (_("Said no"), convening.declined_count, COLOURS["no"]),
        (_("No reply yet"), convening.no_reply_count, COLOURS["waiting"]),
    ]
    replied = convening.accepted_count + convening.declined_count
    rate = round(100 * replied / invited) if invited else 0
    title = _("Reply rate")
    description = _("%(rate)d%% of %(invited)d invited have replied.") % {
        "rate": rate,
        "invited": invited,
    }
    body, x = [], 0.0
    for _label, value, colour in parts:
        width = (WIDTH * value / invited) if invited else 0
        if width:
            body.append(
                f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="22" fill="{colour}"/>'
            )
        x += width
    body.append(
        f'<text x="0" y="40" font-size="13" font-weight="bold" fill="{INK}">'
        f"{escape(description)}</text>"
    )
    return Chart(
        "rate",
        title,
        description,
        _svg("rate", title, description, "".join(body), 48),
        (_("Reply"), _("People")),
        [(label, value) for label, value, _colour in parts],
    )


def needs_chart(needs: Needs) -> Chart:
    access = sum(1 for i in needs.needs if i.access_needs)
    dietary = sum(1 for i in needs.needs if i.dietary_needs)
    rows = [
        (_("Access needs"), access),
        (_("Dietary needs"), dietary),
        (_("Travel support"), needs.travel_support),
    ]
    title = _("Needs of the people coming")
    description = _(
        "%(access)d with access needs, %(dietary)d with dietary needs, %(travel)d asking for travel support."
    ) % {
        "access": access,
        "dietary": dietary,
        "travel": needs.travel_support,
    }
    return Chart(
        "needs",
        title,
        description,
        _bars("needs", title, description, rows),
        (_("Need"), _("People")),
        rows,
    )


def seats_chart(needs: Needs) -> Chart:
    rows = [(row.language, row.seats) for row in needs.interpretation]
    title = _("Interpretation seats")
    description = (
        _("%(seats)d interpretation seats in all.") % {"seats": needs.seats_total}
        if rows
        else _("No interpretation offered or asked for.")
    )
    return Chart(
        "seats",
        title,
        description,
        _bars("seats", title, description, rows),
        (_("Language"), _("Seats")),
        rows,
    )


def convening_charts(*, convening: Convening, needs: Needs) -> list[Chart]:
    """The four charts of the staff page (one query: the reply dates)."""
    return [
        reply_rate_chart(convening),
        timeline_chart(reply_timeline(convening=convening)),
        needs_chart(needs),
        seats_chart(needs),
    ]
