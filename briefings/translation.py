"""Content translated through django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import TRANSLATED_FIELDS, Briefing


@register(Briefing)
class BriefingTranslation(TranslationOptions):
    fields = TRANSLATED_FIELDS
