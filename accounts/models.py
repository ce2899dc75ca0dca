"""The user account: signed in by e-mail address, with a remembered language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.zones import get_zone, validate_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account. Roles are groups (see accounts.roles); participants link via Participant.user."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invitation_sent_at = models.DateTimeField(_("account invitation sent"), null=True, blank=True)
    # Why the last account invitation e-mail could not be sent (shown to staff on the
    # participant's page); cleared when one goes out.
    invitation_failed_at = models.DateTimeField(
        _("account invitation failed"), null=True, blank=True
    )
    invitation_error = models.CharField(_("account invitation error"), max_length=300, blank=True)
    # A staff member's own zone (the digest arrives in its morning); blank: the platform's.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_zone]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def zone(self):
        return get_zone(self.time_zone)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class AuditEntry(models.Model):
    """Who changed what, when: participants, consents, invitations, notes, outcomes.

    Written only through `accounts.audit.record`; read by admins. Kept when the person it
    is about is erased (the object label is pseudonymised then, see the erasure service).
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"


class AccountActionKind(models.TextChoices):
    ROLE_CHANGED = "role_changed", _("Role changed")
    DEACTIVATED = "deactivated", _("Account deactivated")
    REACTIVATED = "reactivated", _("Account reactivated")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor authentication reset")
    INVITATION_RESENT = "invitation_resent", _("Account invitation sent again")


class AccountAction(models.Model):
    """One thing an admin did to an account from the accounts page, and the e-mail that
    tells the person about it.

    `key` is the hidden key of the confirmation form (common/sends.py): a repeated
    or concurrent POST of the same confirmation finds this row and changes nothing more.
    The notice e-mail is claimed and sent once by `accounts.tasks.send_account_notice`
    (`mail_sent_at`); a resent invitation is the account invitation itself, whose state
    lives on the user (`invitation_sent_at`, `invitation_error`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="account_actions",
    )
    # Named *_by so "my data" treats it as what the admin did, not as the admin's own row.
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("action"), max_length=32, choices=AccountActionKind.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    key = models.UUIDField(_("confirmation key"), unique=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    mail_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    mail_failed_at = models.DateTimeField(_("e-mail failed"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("account action")
        verbose_name_plural = _("account actions")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id}"
