"""The "RSVP day" scenario: its people, and the load they put on the served app.

`python -m bench.rsvp prepare` runs in-process on a seeded benchmark database (like
bench/probe.py) and prints one JSON line: the convening open for replies, 150 participants
invited to it with a signed-in session each (accounts are made for people who have none)
and 5 signed-in staff (the 1x demo has fewer active participants: copies of the first make
up the number). bench/run.py then calls `rsvp_day` against gunicorn: every participant
opens their convening page, the reply form, sends a reply and reads their convening page
again, a fixed number at a time, while the 5 staff browse the replies list and the
participant directory, and one more client asks for the constant view (the limit under
the same load). Everyone pauses between pages (the *_PAUSE constants, untimed). Bounded in count (each participant once, staff until the
participants are done) and in time (`deadline`).
"""

from __future__ import annotations

import concurrent.futures
import json
import sys
import threading
import time
from dataclasses import dataclass, field

import django
from django.conf import settings
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

PARTICIPANTS = 150
STAFF = 5
BENCH_PASSWORD = None  # sessions are made with force_login: nobody signs in with a password
# Seconds each person pauses between two pages (reading, typing), untimed: people on RSVP
# day do not click as fast as a load generator can.
PARTICIPANT_PAUSE = 0.5
STAFF_PAUSE = 1.0
CONSTANT_PAUSE = 0.2


def prepare() -> dict:
    # A script run as `python -m bench.…`: the app's modules load once django.setup() has run.
    django.setup()
    from accounts import services as account_services  # noqa: PLC0415  the app's modules load only after django.setup()
    from accounts.models import User  # noqa: PLC0415  the app's modules load only after django.setup()
    from bench.pages import _open_convening  # noqa: PLC0415  the app's modules load only after django.setup()
    from convenings.models import Invitation, InvitationStatus  # noqa: PLC0415  the app's modules load only after django.setup()
    from participants.models import Participant  # noqa: PLC0415  the app's modules load only after django.setup()

    convening = _open_convening()
    if convening is None:
        return {"convening": None}
    with transaction.atomic():
        people = list(Participant.objects.filter(is_active=True).order_by("pk")[:PARTICIPANTS])
        # The 1x demo has fewer active participants than RSVP day needs: copy the first.
        for n in range(PARTICIPANTS - len(people)):
            extra = Participant.objects.get(pk=people[0].pk)
            extra.pk = extra.id = None
            extra.user = None
            extra.full_name = f"RSVP day participant {n}"
            extra.email = f"rsvp-day-{n}@demo.example"
            extra.save()
            people.append(extra)
        for participant in people:
            if participant.user_id is None:
                # An address of its own: the participant's may belong to another account.
                participant.user = User.objects.create_user(
                    email=f"bench-participant-{participant.pk}@demo.example",
                    password=BENCH_PASSWORD,
                )
                participant.save(update_fields=["user"])
            Invitation.objects.update_or_create(
                convening=convening,
                participant=participant,
                defaults={"status": InvitationStatus.INVITED},
            )
        staff = []
        for n in range(STAFF):
            user, _created = User.objects.get_or_create(email=f"bench-staff-{n}@demo.example")
            account_services.set_role(user=user, role="staff")
            staff.append(user)

    def cookies_for(user) -> dict[str, str]:
        client = Client()
        client.force_login(user)
        return {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: _get_new_csrf_string(),
        }

    return {
        "convening": convening.pk,
        "languages": list(convening.interpretation_languages),
        "chatham_house": convening.chatham_house,
        "participants": [cookies_for(p.user) for p in people],
        "staff": [cookies_for(u) for u in staff],
        "paths": {
            "convening page": reverse("convenings:portal-detail", args=[convening.pk]),
            "reply page": reverse("convenings:portal-reply", args=[convening.pk]),
            "replies list": reverse("convenings:staff-replies", args=[convening.pk]),
            "participant directory": reverse("participants:staff-directory"),
            "constant view (limit)": "/bench/constant/",
        },
    }


def reply_for(n: int, *, languages: list[str], chatham_house: bool) -> dict[str, str]:
    """A varied reply: four in five say yes, some need interpretation or travel support."""
    accept = n % 5 != 0
    data = {
        "accept": "yes" if accept else "no",
        "interpretation_language": ["", *languages][n % (len(languages) + 1)],
        "access_needs": "Step-free access" if n % 7 == 0 else "",
        "dietary_needs": "Vegetarian" if n % 4 == 0 else "",
        "priorities": f"Topic {n}",
    }
    if n % 3 == 0:
        data["travel_support"] = "on"
    if accept and chatham_house:
        data["accepted_chatham_house"] = "on"
    return data


@dataclass
class RsvpFigures:
    participants: int = 0
    staff: int = 0
    in_flight: int = 0
    seconds: float = 0.0
    replies_saved: int = 0
    timed_out: bool = False
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def rsvp_day(server, plan: dict, *, in_flight: int = 8, deadline: float = 300.0) -> RsvpFigures:
    """Run the scenario against `server` (a GunicornServer); latencies per page label."""
    paths = plan["paths"]
    figures = RsvpFigures(
        participants=len(plan["participants"]), staff=len(plan["staff"]), in_flight=in_flight
    )
    lock = threading.Lock()
    done = threading.Event()
    stop_at = time.monotonic() + deadline

    def timed(label: str, method: str, path: str, cookies: dict, data=None, ok=(200,)) -> int:
        started = time.perf_counter()
        if method == "POST":
            status, _headers, _body = server.post(path, data, cookies=cookies)
        else:
            status, _headers, _body = server.get(path, cookies=cookies)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            figures.latencies_ms.setdefault(label, []).append(elapsed)
            if status not in ok:
                figures.errors[label] = figures.errors.get(label, 0) + 1
        return status

    def participant(n: int) -> None:
        if time.monotonic() > stop_at:
            return
        cookies = plan["participants"][n]
        timed("convening page", "GET", paths["convening page"], cookies)
        time.sleep(PARTICIPANT_PAUSE)
        timed("reply page", "GET", paths["reply page"], cookies)
        time.sleep(PARTICIPANT_PAUSE)
        data = reply_for(n, languages=plan["languages"], chatham_house=plan["chatham_house"])
        status = timed("reply (POST)", "POST", paths["reply page"], cookies, data, ok=(302,))
        if status == 302:
            with lock:
                figures.replies_saved += 1
        timed("convening page", "GET", paths["convening page"], cookies)
        time.sleep(PARTICIPANT_PAUSE)

    def staff(cookies: dict) -> None:
        while not done.is_set() and time.monotonic() < stop_at:
            timed("replies list", "GET", paths["replies list"], cookies)
            time.sleep(STAFF_PAUSE)
            timed("participant directory", "GET", paths["participant directory"], cookies)
            time.sleep(STAFF_PAUSE)

    def constant() -> None:
        while not done.is_set() and time.monotonic() < stop_at:
            timed("constant view (limit)", "GET", paths["constant view (limit)"], {})
            time.sleep(CONSTANT_PAUSE)

    started = time.perf_counter()
    background = [threading.Thread(target=staff, args=(c,)) for c in plan["staff"]]
    background.append(threading.Thread(target=constant))
    for thread in background:
        thread.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(in_flight) as pool:
            list(pool.map(participant, range(len(plan["participants"]))))
    finally:
        done.set()
        for thread in background:
            thread.join()
    figures.seconds = time.perf_counter() - started
    figures.timed_out = time.monotonic() > stop_at
    return figures


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        print(json.dumps(prepare()))
    else:
        sys.exit("usage: python -m bench.rsvp prepare")
