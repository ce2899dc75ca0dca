"""Moved to `participants.protection.stopwords` (the protection's own name search uses the
list too, and participants imports no app above it); the old path keeps importing."""

from participants.protection.stopwords import COMMON_WORDS

__all__ = ["COMMON_WORDS"]
