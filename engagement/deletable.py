"""Meeting notes and follow-up actions can be deleted into "Recently deleted"
(operations.trash)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from operations.trash import Kind, register


def register_kinds() -> None:
    register(
        Kind(
            key="notes",
            model_label="engagement.MeetingNote",
            label=gettext_lazy("Meeting notes"),
            parents=("session",),
            home=lambda n: reverse("engagement:staff-notes", args=[n.convening_id]),
            select_related=("convening", "session"),
            belongs_to="convening",
            purge_rank=1,
        ),
        Kind(
            key="action",
            model_label="engagement.FollowUpAction",
            label=gettext_lazy("Follow-up action"),
            report_year=lambda a: a.convening.start_date.year,
            home=lambda a: reverse("engagement:staff-actions", args=[a.convening_id]),
            select_related=("convening",),
            belongs_to="convening",
            purge_rank=2,
        ),
    )
