"""One way to compose an e-mail (common.mail.compose), and every sender uses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from common.mail import ComposedMail, compose

pytestmark = pytest.mark.django_db


# Senders not yet switched, each with its reason. operations/ belongs to another engineer in
# this wave; its admin alert switches to compose() at the merge.
@pytest.fixture
def templates(tmp_path, settings):
    (tmp_path / "t").mkdir()
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]},
    ]
    # Django's setting_changed signal rebuilds the template engines.
    return tmp_path / "t"


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text("{% load i18n %}" + text)


def test_compose_renders_subject_text_and_html_in_the_recipients_language(templates):
    _write(templates, "note_subject.txt", '{% translate "Cancel" %}:\n {{ title }}')
    _write(templates, "note_message.txt", '{% translate "Cancel" %} {{ title }}')
    _write(templates, "note_message.html", '<p>{% translate "Cancel" %} {{ title }}</p>')
    mail = compose("t/note", {"title": "A\r\nB"}, language="th")
    # One header line, in Thai, whatever the title holds.
    assert mail.subject == "ยกเลิก: A B"
    assert mail.text.startswith("ยกเลิก ")
    assert mail.html.startswith("<p>ยกเลิก ")
    message = mail.message(to=["a@example.org"], headers={"Message-ID": "<1@x>"})
    assert message.alternatives[0][1] == "text/html"
    assert message.message()["Content-Language"] == "th"
    assert message.extra_headers["Message-ID"] == "<1@x>"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_compose_sends_text_only_without_an_html_template(templates):
    _write(templates, "plain_subject.txt", "Hello")
    _write(templates, "plain_message.txt", "Text")
    mail = compose("t/plain", {}, language="en")
    assert mail.html is None
    assert mail.message(to=["a@example.org"]).alternatives == []


def test_with_texts_changes_every_text_once_and_keeps_the_subject_one_line():
    mail = ComposedMail(subject="Hi Somchai", text="Dear Somchai", html=None, language="th")
    changed = mail.with_texts(lambda text: text.replace("Somchai", "[name]\n"))
    assert changed.subject == "Hi [name]"  # header-safe again after the change
    assert changed.text == "Dear [name]\n"
    assert changed.html is None
    assert changed.language == "th"
    html = ComposedMail(subject="s", text="t", html="<p>Somchai</p>", language="en")
    assert html.with_texts(str.upper).html == "<P>SOMCHAI</P>"


def test_every_e_mail_template_is_named_for_compose():
    # <prefix>_subject.txt beside <prefix>_message.txt (and, optionally, _message.html).
    root = Path(settings.BASE_DIR) / "templates"
    names = [p for p in root.glob("*/email/*") if not p.name.startswith("_")]
    assert len(names) >= 20
    wrong = [
        p.name for p in names if not re.search(r"_(subject\.txt|message\.(txt|html))$", p.name)
    ]
    assert wrong == []
    for subject in (p for p in names if p.name.endswith("_subject.txt")):
        assert subject.with_name(subject.name.replace("_subject.txt", "_message.txt")).exists()


def test_no_sender_renders_its_own_subject_or_body():
    base = Path(settings.BASE_DIR)
    modules = [
        p
        for p in base.glob("*/**/*.py")
        if not p.is_relative_to(base / ".venv")
        and not p.is_relative_to(base / "tests")
        and not p.is_relative_to(base / "common")
    ]
    own = re.compile(r"render_to_string\([^)]*(subject|message|body|email)", re.S)
    offenders = {str(p.relative_to(base)) for p in modules if own.search(p.read_text())}
    assert offenders == set()
