"""Content translated through django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import ChallengeLesson, FrameworkCommitment, Outcome


@register(FrameworkCommitment)
class FrameworkCommitmentTranslation(TranslationOptions):
    fields = ("title",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title", "what_changed", "who_changed", "significance", "contribution")


@register(ChallengeLesson)
class ChallengeLessonTranslation(TranslationOptions):
    fields = ("what_happened", "response")
