"""Give every convening its venue's zone, keeping the agenda's wall-clock times.

Until now every time was entered and read in settings.TIME_ZONE (Asia/Bangkok), so a
session typed as "09:00" for Wellington meant 09:00 to the person who typed it and to
everyone reading the site. The migration keeps that meaning: each stored instant becomes
the same wall-clock time in the convening's new zone (09:00 Bangkok → 09:00 Wellington).
"""

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    from common.zones import propose_zone, same_wall_clock

    Convening = apps.get_model("convenings", "Convening")
    AgendaSession = apps.get_model("convenings", "AgendaSession")
    old = settings.TIME_ZONE
    for convening in Convening.objects.select_related("host_country").iterator():
        zone = propose_zone(country_code=convening.host_country.code, city=convening.city)
        Convening.objects.filter(pk=convening.pk).update(time_zone=zone)
        if zone == old:
            continue
        for session in AgendaSession.objects.filter(convening_id=convening.pk):
            AgendaSession.objects.filter(pk=session.pk).update(
                starts_at=same_wall_clock(session.starts_at, old=old, new=zone),
                ends_at=same_wall_clock(session.ends_at, old=old, new=zone),
            )


def backwards(apps, schema_editor):
    from common.zones import same_wall_clock

    Convening = apps.get_model("convenings", "Convening")
    AgendaSession = apps.get_model("convenings", "AgendaSession")
    old = settings.TIME_ZONE
    for convening in Convening.objects.iterator():
        if convening.time_zone == old:
            continue
        for session in AgendaSession.objects.filter(convening_id=convening.pk):
            AgendaSession.objects.filter(pk=session.pk).update(
                starts_at=same_wall_clock(session.starts_at, old=convening.time_zone, new=old),
                ends_at=same_wall_clock(session.ends_at, old=convening.time_zone, new=old),
            )


class Migration(migrations.Migration):
    dependencies = [("convenings", "0003_venue_time_zone")]

    operations = [migrations.RunPython(forwards, backwards)]
