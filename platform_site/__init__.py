"""Project package: settings, URLs, the Celery app and cross-app views."""

from .celery import app as celery_app

__all__ = ("celery_app",)
