"""Roles are Django groups with model permissions; this module creates them after migrate."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "secretariat"
ADMIN_GROUP = "platform-admin"

# Apps whose models the secretariat manages day to day.
STAFF_APPS = ("participants", "convenings", "briefings", "engagement", "outcomes")


def ensure_role_groups(sender=None, **kwargs) -> None:
    """Create or refresh the two role groups; safe to run after every migrate."""

    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    admin, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    staff_perms = Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
    staff.permissions.set(staff_perms)
    admin_perms = Permission.objects.filter(
        content_type__app_label__in=(*STAFF_APPS, "accounts", "auth", "account", "mfa")
    )
    admin.permissions.set(admin_perms)
