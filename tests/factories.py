"""factory-boy factories for the core models; apps add theirs beside them."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from accounts.models import User
from common.zones import at_wall_clock
from convenings.models import AgendaSession, Convening, Invitation, SessionKind, SiteVisit
from participants.models import Country, Organisation, Participant, Sector


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy passes the object
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Iterator(["TH", "MY", "ID", "AU", "NZ"])
    name = factory.LazyAttribute(
        lambda o: {
            "TH": "Thailand",
            "MY": "Malaysia",
            "ID": "Indonesia",
            "AU": "Australia",
            "NZ": "New Zealand",
        }.get(o.code, o.code)
    )
    is_member = True
    joined_year = 2019


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.CIVIL_SOCIETY
    country = factory.SubFactory(CountryFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    full_name = factory.Sequence(lambda n: f"Participant Person{n}")
    display_name = factory.LazyAttribute(lambda o: o.full_name)
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    country = factory.SubFactory(CountryFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, country=factory.SelfAttribute("..country")
    )
    sector = factory.LazyAttribute(
        lambda o: o.organisation.sector if o.organisation else Sector.CIVIL_SOCIETY
    )
    position = "Programme officer"
    preferred_language = "en"


class ConveningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convening

    title = factory.Sequence(lambda n: f"Regional convening {n}")
    host_country = factory.SubFactory(CountryFactory)
    city = "Bangkok"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=1))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    convening = factory.SubFactory(ConveningFactory)
    participant = factory.SubFactory(ParticipantFactory)


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession

    convening = factory.SubFactory(ConveningFactory)
    kind = SessionKind.PRESENTATION
    title = factory.Sequence(lambda n: f"Session {n}")
    # 09:00 at the venue on the first day.
    starts_at = factory.LazyAttribute(
        lambda o: at_wall_clock(o.convening.start_date, dt.time(9, 0), o.convening.time_zone)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))


class SiteVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteVisit

    convening = factory.SubFactory(ConveningFactory)
    programme = "Community placement programme"
    place = "Bangkok"
    date = factory.LazyAttribute(lambda o: o.convening.start_date)
