"""Demo accounts for the local set-up; `make run` prints them (accounts/management/commands/demo_logins.py)."""

from __future__ import annotations

from .models import User
from .services import create_account, set_role

DEMO_PASSWORD = "peer-learning-demo"  # noqa: S105 - printed by make run, local demo only
DEMO_ACCOUNTS = [
    # (email, name, role, language)
    ("staff@demo.example", "Demo Secretariat Officer", "staff", "en"),
    ("admin@demo.example", "Demo Platform Admin", "admin", "en"),
    ("participant@demo.example", "Demo Participant", None, "th"),
]


def seed(*, scale: int = 1, stdout=None) -> dict[str, User]:
    """Create the demo accounts once; later runs leave them as they are."""
    users = {}
    for email, name, role, language in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = create_account(email=email, name=name, language=language, password=DEMO_PASSWORD)
            set_role(user=user, role=role)
        users[role or "participant"] = user
    return users
