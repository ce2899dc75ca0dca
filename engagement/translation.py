"""Content translated through django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import MeetingNote


@register(MeetingNote)
class MeetingNoteTranslation(TranslationOptions):
    fields = ("key_points", "next_steps")
