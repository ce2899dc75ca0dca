"""Demo substantiation: people asked about the demo outcomes, and their answers, so the
staff pages and the reports show every state (substantiated, partly, contested, not
substantiated, awaiting answers, not yet asked).

Deterministic and idempotent: an outcome that already has substantiators is left alone.
People outside the directory are fictional, with addresses under example.org.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from participants.models import Participant, Visibility

from .models import Agreement, Outcome, SubstantiationMailStatus, Substantiator

OUTSIDERS = [
    ("Dr Helen Marsh", "h.marsh@example.org", "en"),
    ("Rahmat Hidayat", "rahmat.hidayat@example.org", "id"),
    ("Nurul Aina Zakaria", "nurul.zakaria@example.org", "ms"),
    ("Kannika Srisuk", "kannika.s@example.org", "th"),
    ("Tama Wiremu", "tama.wiremu@example.org", "en"),
    ("Siti Rahayu", "siti.rahayu@example.org", "id"),
]

F, P, N, W = Agreement.FULLY, Agreement.PARTLY, Agreement.NOT_AT_ALL, None  # W: no answer yet
# The answers of each outcome in turn (cycled over the demo outcomes); an empty pattern
# leaves the outcome not yet put to substantiators.
PATTERNS = [
    [F, F, P],  # substantiated by 3 of 3; 1 partly
    [F, F],  # substantiated by 2 of 2
    [F, W, W],  # substantiated by 1 of 3
    [W, W],  # awaiting answers
    [F, N, P],  # contested
    [],  # not yet asked
    [F, P, W],
    [N, N],  # not substantiated
    [P, F, F],
    [],
]
CHANGES = {
    P: "The description is right, but the change took longer and needed a second decree.",
    N: "I do not think this changed in practice: children are still held at the border posts.",
}


def _participants() -> list[Participant]:
    return list(
        Participant.objects.filter(visibility=Visibility.NAMED, is_active=True)
        .exclude(sector="lived_experience")
        .order_by("pk")[:40]
    )


def seed() -> int:
    """Ask people about the demo outcomes; returns how many were asked."""
    people = _participants()
    added = 0
    for index, outcome in enumerate(Outcome.objects.order_by("date", "pk")):
        if outcome.substantiators.exists():
            continue
        pattern = PATTERNS[index % len(PATTERNS)]
        asked_on = timezone.make_aware(
            dt.datetime.combine(outcome.date + dt.timedelta(days=120), dt.time(9))
        )
        for position, agreement in enumerate(pattern):
            if position % 2 == 0 and people:
                person = people[(index * 3 + position) % len(people)]
                who = {
                    "participant": person,
                    "name": person.full_name,
                    "email": person.email,
                    "language": person.preferred_language or "en",
                }
            else:
                name, email, language = OUTSIDERS[(index + position) % len(OUTSIDERS)]
                who = {"name": name, "email": email, "language": language}
            if Substantiator.objects.filter(
                outcome=outcome, email_key=who["email"].casefold()
            ).exists():
                continue
            answered = agreement is not None
            Substantiator.objects.create(
                outcome=outcome,
                email_key=who["email"].casefold(),
                mail_status=SubstantiationMailStatus.SENT,
                sent_at=asked_on,
                answered_at=asked_on + dt.timedelta(days=5 + position) if answered else None,
                agreement=agreement or "",
                changes=CHANGES.get(agreement, ""),
                knows_contribution=(agreement == F) if answered else None,
                contribution_note=(
                    "I took part in the working group the platform's convening started."
                    if agreement == F
                    else ""
                ),
                may_be_named=answered and position == 0,
                **who,
            )
            added += 1
    return added
