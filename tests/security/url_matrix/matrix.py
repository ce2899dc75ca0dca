"""The one URL access matrix: every URL of the platform against every role, in the manner
of pretix's permission tests, and how one row is asked.

`MATRIX` names each URL pattern the root resolver knows (outside the few prefixes that are
not ours, see `SKIPPED_PREFIXES`) and, for one or more sets of arguments pointing into the
world of `tests.security.world`, the status each role must get. A URL added without a row
here fails `test_every_url_is_in_the_matrix` (test_completeness.py). The checks live beside
this file by kind: completeness, each role's answer, revoked rights, writes, Django's admin.

The promises checked: anonymous people are sent to sign in; a signed-in person without the
role gets 403 on staff and admin pages; a participant asking for another convening's
objects gets 404 (never 403, which would confirm they exist); an invited participant gets
their convening's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import ROLES

# Route prefixes left out of the matrix, each for a reason.
SKIPPED_PREFIXES = {
    "accounts/": "allauth's own sign-in, MFA and e-mail pages (and the signup redirect)",
    "admin/": "Django admin: platform admins only, and its login goes through allauth "
    "(tests/security/test_sessions_and_roles.py, tests/accounts/managing/)",
    "static/": "public assets served by WhiteNoise in production",
    "i18n/": "language switch, open to everyone by design (tests/accounts)",
    "healthz/": "the public health check, no personal data (tests/platform/test_health.py)",
}


def expect(**overrides) -> dict[str, int]:
    base = dict.fromkeys(ROLES, None)
    base.update(overrides)
    missing = [role for role, status in base.items() if status is None]
    assert not missing, missing
    return base


STAFF = expect(anonymous=302, other_user=403, outsider=403, invited=403, staff=200, admin=200)


# POST-only staff actions: a GET never reaches the action, but the guard runs first.
STAFF_POST_ONLY = {**STAFF, "staff": 405, "admin": 405}


ADMIN = {**STAFF, "staff": 403}


PORTAL = expect(anonymous=302, other_user=403, outsider=200, invited=200, staff=403, admin=403)


# Convening A's objects: its invitee sees them, a participant not invited gets 404.
PORTAL_A = {**PORTAL, "outsider": 404}


# Convening B's objects: nobody in the portal world is invited to B.
PORTAL_B = {**PORTAL, "outsider": 404, "invited": 404}


@dataclass(frozen=True)
class Case:
    """Arguments (names of world objects, or literal strings) and the expected statuses."""

    kwargs: dict
    expected: dict
    method: str = "GET"
    data: dict | None = None


def case(expected, method="GET", data=None, **kwargs) -> Case:
    return Case(kwargs=kwargs, expected=expected, method=method, data=data)


MATRIX: dict[str, list[Case]] = {
    # The start page sends everyone somewhere; anonymous people to sign in.
    "home": [
        case(expect(anonymous=302, other_user=302, outsider=302, invited=302, staff=302, admin=302))
    ],
    # accounts
    "accounts:audit-log": [case(ADMIN)],
    "accounts:erase-person": [case(ADMIN, pk="b_participant")],
    "accounts:account-list": [case(ADMIN)],
    "accounts:account-role": [case(ADMIN, pk="outsider_account")],
    "accounts:account-action": [
        case(ADMIN, pk="outsider_account", action=action)
        for action in ("deactivate", "reactivate", "reset-two-factor", "resend-invitation")
    ],
    "accounts:staff-time-zone": [case(STAFF)],
    "accounts:portal-my-data": [case(PORTAL)],
    "accounts:portal-my-data-page": [case(PORTAL)],
    # participants
    "participants:staff-directory": [case(STAFF)],
    "participants:staff-protection": [case(STAFF)],
    "participants:staff-create": [case(STAFF)],
    "participants:staff-import": [case(STAFF)],
    "participants:staff-import-commit": [case(STAFF_POST_ONLY)],
    "participants:staff-import-template": [case(STAFF)],
    "participants:staff-detail": [case(STAFF, participant_id="b_participant")],
    "participants:staff-edit": [case(STAFF, participant_id="b_participant")],
    "participants:staff-create-account": [case(STAFF_POST_ONLY, participant_id="b_participant")],
    "participants:portal-profile": [case(PORTAL)],
    # convenings
    "convenings:staff-dashboard": [case(STAFF)],
    "convenings:staff-list": [case(STAFF)],
    "convenings:staff-create": [case(STAFF)],
    "convenings:staff-detail": [case(STAFF, pk="conv_b")],
    "convenings:staff-edit": [case(STAFF, pk="conv_b")],
    "convenings:staff-invitations": [case(STAFF, pk="conv_b")],
    "convenings:staff-invitation-balance": [case(STAFF, pk="conv_b")],
    "convenings:staff-remind": [case(STAFF_POST_ONLY, pk="conv_b")],
    # The confirmation page (GET) changes nothing; the withdrawal is its POST.
    "convenings:staff-invitation-withdraw": [
        case(STAFF, pk="conv_b", invitation_id="invitation_b")
    ],
    "convenings:staff-invitation-restore": [
        case(STAFF_POST_ONLY, pk="conv_b", invitation_id="invitation_b")
    ],
    "convenings:staff-replies": [case(STAFF, pk="conv_b")],
    "convenings:staff-attendance": [case(STAFF_POST_ONLY, pk="conv_b")],
    "convenings:staff-agenda": [case(STAFF, pk="conv_b")],
    "convenings:staff-session-edit": [case(STAFF, pk="conv_b", session_id="session_b")],
    "convenings:staff-session-delete": [case(STAFF_POST_ONLY, pk="conv_b", session_id="session_b")],
    "convenings:staff-session-move": [case(STAFF_POST_ONLY, pk="conv_b", session_id="session_b")],
    "convenings:staff-site-visits": [case(STAFF, pk="conv_b")],
    "convenings:staff-site-visit-edit": [case(STAFF, pk="conv_b", visit_id="visit_b")],
    "convenings:staff-site-visit-delete": [case(STAFF_POST_ONLY, pk="conv_b", visit_id="visit_b")],
    "convenings:staff-costs": [case(STAFF, pk="conv_b")],
    "convenings:staff-messages": [case(STAFF, pk="conv_b")],
    "convenings:staff-message-new": [case(STAFF, pk="conv_b")],
    "convenings:staff-message": [case(STAFF, pk="conv_b", message_id="message_b")],
    "convenings:staff-message-retry": [case(STAFF_POST_ONLY, pk="conv_b", message_id="message_b")],
    "convenings:portal-home": [case(PORTAL)],
    "convenings:portal-detail": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    "convenings:portal-reply": [
        case(PORTAL_A, pk="conv_a_open"),
        # A held convening takes no replies: its invitee is sent back to the convening page.
        case({**PORTAL_A, "invited": 302}, pk="conv_a"),
        case(PORTAL_B, pk="conv_b"),
    ],
    "convenings:portal-attendees": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    "convenings:portal-calendar": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    # Visa support (issue 16): a GET of the new letter's address goes back to the person's
    # visa page; the POST previews and the confirmation makes the letter.
    "convenings:portal-visa": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    "convenings:portal-visa-letter": [
        case(PORTAL_A, pk="conv_a", letter_id="letter_a"),
        case(PORTAL_B, pk="conv_b", letter_id="letter_b"),
        # B's letter asked for through A, the invited person's own convening.
        case({**PORTAL_A, "invited": 404}, pk="conv_a", letter_id="letter_b"),
    ],
    "convenings:staff-visa": [case(STAFF, pk="conv_b")],
    "convenings:staff-visa-person": [case(STAFF, pk="conv_b", invitation_id="invitation_b")],
    "convenings:staff-visa-letter-new": [
        case({**STAFF, "staff": 302, "admin": 302}, pk="conv_b", invitation_id="invitation_b")
    ],
    "convenings:staff-visa-letter": [case(STAFF, pk="conv_b", letter_id="letter_b")],
    "convenings:staff-visa-letter-text": [case(STAFF)],
    # On site (issue 16): the check-in desk, badge codes and printables.
    "convenings:staff-checkin": [case(STAFF, pk="conv_b")],
    "convenings:staff-checkin-counts": [case(STAFF, pk="conv_b")],
    "convenings:staff-checkin-person": [case(STAFF, pk="conv_b", invitation_id="invitation_b")],
    "convenings:staff-checkin-new-code": [
        case(STAFF_POST_ONLY, pk="conv_b", invitation_id="invitation_b")
    ],
    # A code nobody was issued: staff get the refusal page (404), others never see it.
    "convenings:staff-checkin-scan": [
        case(
            expect(anonymous=302, other_user=403, outsider=403, invited=403, staff=404, admin=404),
            token="no-such-code",
        )
    ],
    "convenings:staff-printables": [case(STAFF, pk="conv_b")],
    "convenings:staff-printable": [case(STAFF, pk="conv_b", kind="participant-list")],
    "convenings:portal-checkin-code": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    # Logistics (issue 16): travel and stay, the waiting list and the exports.
    "convenings:staff-logistics": [case(STAFF, pk="conv_b")],
    "convenings:staff-logistics-edit": [case(STAFF, pk="conv_b", invitation_id="invitation_b")],
    "convenings:staff-logistics-promote": [
        case({**STAFF, "staff": 302, "admin": 302}, pk="conv_b")
    ],
    "convenings:staff-logistics-export": [
        case(STAFF, pk="conv_b", kind=kind, fmt=fmt)
        for kind in ("caterer", "venue", "interpreters", "travel")
        for fmt in ("csv", "xlsx", "pdf")
    ],
    # briefings
    "briefings:staff-list": [case(STAFF)],
    "briefings:staff-create": [case(STAFF)],
    "briefings:staff-detail": [case(STAFF, pk="briefing_b"), case(STAFF, pk="briefing_draft")],
    "briefings:staff-edit": [case(STAFF, pk="briefing_b")],
    # Publishing and going back to draft: a confirmation page, then its POST.
    "briefings:staff-publish": [case(STAFF, pk="briefing_draft")],
    "briefings:staff-unpublish": [case(STAFF, pk="briefing_b")],
    # A GET of the upload address goes back to the briefing page.
    "briefings:staff-upload": [case({**STAFF, "staff": 302, "admin": 302}, pk="briefing_b")],
    "briefings:staff-file": [case(STAFF, pk="briefing_b", language="en")],
    "briefings:staff-pdf": [case(STAFF, pk="briefing_draft", language="th")],
    "briefings:staff-pack-convenings": [case(STAFF)],
    "briefings:staff-convening-packs": [case(STAFF, convening_id="conv_b")],
    "briefings:staff-pack": [case(STAFF, pk="pack_b")],
    "briefings:staff-pack-status": [case(STAFF, pk="pack_b")],
    "briefings:staff-pack-send": [case(STAFF, pk="pack_b")],
    "briefings:staff-pack-retry": [case(STAFF_POST_ONLY, pk="pack_b")],
    "briefings:portal-list": [case(PORTAL)],
    **{
        f"briefings:portal-{name}": [
            case(PORTAL_A, pk="briefing_a"),
            case(PORTAL, pk="briefing_platform"),
            case(PORTAL_B, pk="briefing_b"),
            # A draft of the invited person's own convening is not theirs to see yet.
            case(PORTAL_B, pk="briefing_draft"),
        ]
        for name in ("detail", "file", "pdf")
    },
    # engagement
    "engagement:staff-overview": [case(STAFF)],
    "engagement:staff-notes": [case(STAFF, convening_id="conv_b")],
    "engagement:staff-note-new": [case(STAFF, convening_id="conv_b")],
    "engagement:staff-note-edit": [
        case(STAFF, convening_id="conv_b", note_id="note_b"),
        # Another convening's note under this convening's address is not found, even by staff.
        case({**STAFF, "staff": 404, "admin": 404}, convening_id="conv_a", note_id="note_b"),
    ],
    "engagement:staff-note-publish": [
        case(STAFF_POST_ONLY, convening_id="conv_b", note_id="note_b")
    ],
    "engagement:staff-note-unpublish": [
        case(STAFF_POST_ONLY, convening_id="conv_b", note_id="note_b")
    ],
    "engagement:staff-actions": [case(STAFF, convening_id="conv_b")],
    "engagement:staff-action": [
        case(STAFF, convening_id="conv_b", action_id="action_b"),
        case({**STAFF, "staff": 404, "admin": 404}, convening_id="conv_a", action_id="action_b"),
    ],
    "engagement:staff-action-delete": [
        case(STAFF_POST_ONLY, convening_id="conv_b", action_id="action_b")
    ],
    "engagement:staff-followups": [case(STAFF, convening_id="conv_b")],
    "engagement:staff-followups-pause": [case(STAFF_POST_ONLY, convening_id="conv_b")],
    "engagement:staff-feedback": [case(STAFF, convening_id="conv_b")],
    "engagement:portal-notes-index": [case(PORTAL)],
    "engagement:portal-notes": [
        case(PORTAL_A, convening_id="conv_a"),
        case(PORTAL_B, convening_id="conv_b"),
    ],
    "engagement:portal-actions": [case(PORTAL)],
    "engagement:portal-action-update": [
        # An empty form is refused in place (400); nobody else's action is found at all.
        case({**PORTAL_A, "invited": 400}, method="POST", data={}, action_id="action_a"),
        case(PORTAL_B, method="POST", data={}, action_id="action_a_colleague"),
        case(PORTAL_B, method="POST", data={}, action_id="action_b"),
    ],
    "engagement:portal-feedback": [
        case(PORTAL_A, convening_id="conv_a"),
        # Invited to A_open but it has not happened: no feedback form yet.
        case(PORTAL_B, convening_id="conv_a_open"),
        case(PORTAL_B, convening_id="conv_b"),
    ],
    # outcomes
    # Substantiation (issue 17): staff ask; the public page answers only a signed link,
    # and anything else is 404 to everyone.
    # Outcome harvesting (issue 17): a participant's own reports; staff review them.
    "outcomes:portal-harvest": [case(PORTAL)],
    "outcomes:portal-harvest-new": [case(PORTAL)],
    "outcomes:portal-harvest-edit": [
        case({**PORTAL, "outsider": 404}, pk="submission"),
        case({**PORTAL, "invited": 404}, pk="others_submission"),
    ],
    "outcomes:staff-harvest": [case(STAFF)],
    "outcomes:staff-harvest-detail": [case(STAFF, pk="submission")],
    "outcomes:staff-harvest-accept": [case(STAFF, pk="submission")],
    "outcomes:staff-harvest-merge": [case(STAFF_POST_ONLY, pk="submission")],
    "outcomes:staff-harvest-changes": [case(STAFF_POST_ONLY, pk="submission")],
    "outcomes:staff-harvest-decline": [case(STAFF_POST_ONLY, pk="submission")],
    "outcomes:staff-harvest-file": [case(STAFF, pk="submission")],
    "outcomes:staff-learning": [case(STAFF)],
    "outcomes:substantiation": [case(STAFF, pk="outcome")],
    "outcomes:substantiate": [
        case(
            expect(anonymous=404, other_user=404, outsider=404, invited=404, staff=404, admin=404),
            token="not-a-link",
        )
    ],
    "outcomes:staff-list": [case(STAFF)],
    "outcomes:staff-create": [case(STAFF)],
    "outcomes:staff-champion-search": [case(STAFF)],
    "outcomes:staff-edit": [case(STAFF, pk="outcome")],
    "outcomes:evidence-download": [case(STAFF, pk="evidence")],
    "outcomes:challenges": [case(STAFF)],
    "outcomes:challenge-create": [case(STAFF)],
    "outcomes:challenge-edit": [case(STAFF, pk="challenge")],
    "outcomes:reports": [case(ADMIN)],
    # operations: "Recently deleted" and the delete and restore actions of every kind
    "operations:deleted": [case(STAFF)],
    "operations:delete": [case(STAFF_POST_ONLY, kind="outcome", pk="outcome")],
    "operations:restore": [case(STAFF_POST_ONLY, kind="outcome", pk="outcome")],
    "outcomes:report-status": [case(ADMIN, pk="report")],
    "outcomes:report-download": [case(ADMIN, pk="report")],
}


def walk_urls(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child_ns = f"{namespace}{ns}:" if ns else namespace
            yield from walk_urls(entry.url_patterns, route, child_ns)
        elif isinstance(entry, URLPattern):
            yield route, (f"{namespace}{entry.name}" if entry.name else None)


def url_patterns() -> list[tuple[str, str | None]]:
    return [
        (route, name)
        for route, name in walk_urls(get_resolver().url_patterns)
        if not any(route.startswith(prefix) for prefix in SKIPPED_PREFIXES)
    ]


def resolve_kwargs(world, kwargs: dict) -> dict:
    resolved = {}
    for key, value in kwargs.items():
        obj = world.objects.get(value) if isinstance(value, str) else None
        resolved[key] = obj.pk if obj is not None else value
    return resolved


def ask(world, role: str, url: str, c: Case):
    client = world.client(role)
    # Each role's request runs in its own savepoint: a POST by one role changes nothing
    # the next role sees.
    with transaction.atomic():
        response = client.post(url, c.data or {}) if c.method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response
