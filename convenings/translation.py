"""Content translated through django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaSession, Convening, SiteVisit


@register(Convening)
class ConveningTranslation(TranslationOptions):
    fields = ("title", "venue_name")


@register(AgendaSession)
class AgendaSessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SiteVisit)
class SiteVisitTranslation(TranslationOptions):
    fields = ("programme", "learning")
