"""Send one briefing pack to every active participant and wait until the worker delivered all.

Run by bench/run.py as `python -m bench.pack prepare` and then `python -m bench.pack send PACK_ID`
with DJANGO_SETTINGS_MODULE=bench.settings, the benchmark DATABASE_URL and CELERY_BROKER_URL
(a real Redis with a real worker); each prints one JSON object on its last line.

`prepare` invites every active participant to the newest convening, builds a pack of the
briefings that may go in it and renders their PDFs once (the steady state: a pack's PDFs
come from the render cache after the first delivery). `send` times the briefings service
from the press of "send" until every delivery is marked sent, through the e-mail backend.
"""

from __future__ import annotations

import json
import sys
import time

import django

PACK_SIZE = 2  # briefings in the pack


def prepare() -> dict:
    # Called from main(), after django.setup().
    from accounts.models import User  # noqa: PLC0415  the app's modules load only after django.setup()
    from briefings.pdf import briefing_pdf  # noqa: PLC0415  the app's modules load only after django.setup()
    from briefings.selectors import briefings_for_pack, content_languages  # noqa: PLC0415  the app's modules load only after django.setup()
    from briefings.services import create_pack  # noqa: PLC0415  the app's modules load only after django.setup()
    from convenings.models import Convening, Invitation  # noqa: PLC0415  the app's modules load only after django.setup()
    from participants.models import Participant  # noqa: PLC0415  the app's modules load only after django.setup()

    convening = Convening.objects.order_by("-start_date", "-pk").first()
    invited = Invitation.objects.filter(convening=convening).values("participant_id")
    Invitation.objects.bulk_create(
        Invitation(convening=convening, participant=p)
        for p in Participant.objects.filter(is_active=True).exclude(pk__in=invited)
    )
    briefings = list(briefings_for_pack(convening=convening)[:PACK_SIZE])
    staff = User.objects.filter(email="staff@demo.example").first()
    pack = create_pack(convening=convening, briefings=briefings, by=staff)
    for briefing in briefings:
        for language in content_languages():
            briefing_pdf(briefing=briefing, language=language)
    return {"pack": pack.pk, "briefings": len(briefings)}


def send(pack_id: int, timeout: float = 600.0) -> dict:
    # Called from main(), after django.setup().
    from briefings.models import BriefingPack, DeliveryStatus, PackDelivery  # noqa: PLC0415  the app's modules load only after django.setup()
    from briefings.services import send_briefing_pack  # noqa: PLC0415  the app's modules load only after django.setup()

    pack = BriefingPack.objects.get(pk=pack_id)
    started = time.perf_counter()
    count = send_briefing_pack(pack=pack)
    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline:
        done = PackDelivery.objects.filter(
            pack=pack, status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED]
        ).count()
        if done >= count:
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    sent = PackDelivery.objects.filter(pack=pack, status=DeliveryStatus.SENT).count()
    return {"count": count, "sent": sent, "seconds": seconds}


def main(argv: list[str]) -> None:
    # A script run as `python -m bench.…`: the app's modules load once django.setup() has run.
    django.setup()
    result = prepare() if argv[0] == "prepare" else send(int(argv[1]))
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
