"""The engagement pages' addresses for one convening, note and action: staff pages, staff
POST-only addresses and the portal's object pages.
"""

from __future__ import annotations

from django.urls import reverse


def staff_urls(c, note, action):
    return [
        reverse("engagement:staff-overview"),
        reverse("engagement:staff-notes", args=[c.pk]),
        reverse("engagement:staff-note-new", args=[c.pk]),
        reverse("engagement:staff-note-edit", args=[c.pk, note.pk]),
        reverse("engagement:staff-actions", args=[c.pk]),
        reverse("engagement:staff-action", args=[c.pk, action.pk]),
        reverse("engagement:staff-followups", args=[c.pk]),
        reverse("engagement:staff-feedback", args=[c.pk]),
    ]


STAFF_POSTS = [
    ("engagement:staff-note-publish", "note"),
    ("engagement:staff-note-unpublish", "note"),
    ("engagement:staff-action-delete", "action"),
    ("engagement:staff-followups-pause", None),
]


def portal_object_urls(c, action):
    return [
        reverse("engagement:portal-notes", args=[c.pk]),
        reverse("engagement:portal-feedback", args=[c.pk]),
    ]
