"""Django admin for the managed list of framework commitments (the rest has staff pages)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import FrameworkCommitment


@admin.register(FrameworkCommitment)
class FrameworkCommitmentAdmin(TranslationAdmin):
    list_display = ("code", "title", "framework", "position")
    list_filter = ("framework",)
