"""Content translated through django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaSession, Convening, Message, SiteVisit, VisaLetterTemplate


@register(Convening)
class ConveningTranslation(TranslationOptions):
    fields = ("title", "venue_name")


@register(AgendaSession)
class AgendaSessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SiteVisit)
class SiteVisitTranslation(TranslationOptions):
    fields = ("programme", "learning")


@register(Message)
class MessageTranslation(TranslationOptions):
    fields = ("subject", "body")
    # English is required by the form; the others may be left out (then English is sent).
    required_languages = ("en",)


# Branch visa: the visa letter's text, edited by staff per language (convenings/visa.py).
@register(VisaLetterTemplate)
class VisaLetterTemplateTranslation(TranslationOptions):
    fields = ("body",)
    required_languages = ("en",)
