"""Propose each participant's time zone from their country (editable in "My profile")."""

from django.db import migrations


def forwards(apps, schema_editor):
    from common.zones import propose_zone

    Participant = apps.get_model("participants", "Participant")
    Country = apps.get_model("participants", "Country")
    for country in Country.objects.all():
        Participant.objects.filter(country=country, time_zone="").update(
            time_zone=propose_zone(country_code=country.code)
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_participant_time_zone")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
