"""`post`: a POST as the admin with the on-commit work (the e-mail task) run."""

from __future__ import annotations

import pytest

from tests.accounts.managing.pages import new_key


@pytest.fixture
def post(admin_client_, django_capture_on_commit_callbacks):
    """POST as the admin with the on-commit work (the e-mail task) run, as after a commit."""

    def do(url, data=None, client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or admin_client_).post(url, data or {"key": new_key()})

    return do
