"""Addresses and small helpers of the admins' accounts page tests: the list, a role change,
an action, a fresh confirmation key, one account's table row.
"""

from __future__ import annotations

import uuid

from django.test import Client
from django.urls import reverse

LIST = reverse("accounts:account-list")


SECRET = "JBSWY3DPEHPK3PXP"


def role_url(user) -> str:
    return reverse("accounts:account-role", args=[user.pk])


def action_url(user, action: str) -> str:
    return reverse("accounts:account-action", args=[user.pk, action])


def new_key() -> str:
    return str(uuid.uuid4())


def row_of(page: str, email: str) -> str:
    """The table row of the account with this address."""
    [row] = [part.split("</tr>")[0] for part in page.split("<tr>") if f">{email}</span>" in part]
    return row


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
