"""Substantiation pages: staff ask people and read their answers (under /staff/); a
substantiator answers through their signed link (public, no sign-in)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.permissions import staff_required
from common.sends import is_confirmed

from .. import substantiation
from ..models import Outcome
from ..substantiation_forms import AnswerForm, AskForm
from ..substantiation_selectors import substantiation_state, substantiators_of

FIND_PEOPLE = "find_people"


def _outcome_or_404(pk: int) -> Outcome:
    # Outcome.objects leaves out deleted outcomes: their pages answer 404.
    return get_object_or_404(Outcome.objects.select_related("country"), pk=pk)


@staff_required
@require_http_methods(["GET", "POST"])
def outcome_substantiation(request, pk: int):
    """The people asked about one outcome with their answers, and the form to ask more
    (a confirmation step shows the e-mails before anything is sent)."""
    outcome = _outcome_or_404(pk)
    if request.method == "POST" and FIND_PEOPLE not in request.POST:
        form = AskForm(request.POST)
        if form.is_valid():
            people, skipped = substantiation.candidates(
                outcome=outcome,
                participants=form.cleaned_data["participants"],
                outsiders=form.cleaned_data["outsiders"],
            )
            if is_confirmed(request):
                created = substantiation.ask_substantiators(
                    outcome=outcome, people=people, by=request.user
                )
                if created:
                    messages.success(
                        request,
                        ngettext(
                            "%(n)d person is being asked to substantiate this outcome.",
                            "%(n)d people are being asked to substantiate this outcome.",
                            len(created),
                        )
                        % {"n": len(created)},
                    )
                else:
                    messages.info(
                        request, _("Everyone chosen was already asked; nothing was sent.")
                    )
                return redirect("outcomes:substantiation", pk=outcome.pk)
            preview = substantiation.request_preview(outcome=outcome, people=people)
            notes = []
            if skipped:
                notes.append(
                    _("Already asked, not asked again: %(names)s")
                    % {"names": ", ".join(sorted(set(skipped)))}
                )
            back = request.path
            hidden = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in {"csrfmiddlewaretoken", "confirm", FIND_PEOPLE}
                for value in values
            ]
            return render(
                request,
                "sends/confirm.html",
                {
                    "heading": _("Ask for substantiation"),
                    "preview": preview,
                    "notes": notes,
                    "form": None,
                    "extra_hidden": hidden,
                    "action": request.path,
                    "button": _("Send the requests"),
                    "back_url": back,
                    "back_label": _("Back to the substantiation of this outcome"),
                },
            )
    elif request.method == "POST":
        # The participant search without JavaScript: the same form again, nothing sent.
        form = AskForm(initial=_posted(request))
    else:
        form = AskForm()
    return render(
        request,
        "outcomes/substantiation/staff_outcome.html",
        {
            "outcome": outcome,
            "state": substantiation_state(outcome),
            "substantiators": substantiators_of(outcome),
            "form": form,
        },
    )


class _Initial(dict):
    """A POST's values as a form's initial data, multi-valued fields kept."""

    def __init__(self, post):
        super().__init__({key: post.get(key) for key in post})
        self._post = post

    def getlist(self, key):
        return self._post.getlist(key)


def _posted(request) -> _Initial:
    return _Initial(request.POST)


# --- The substantiator's page --------------------------------------------------------------

PROBLEM_STATUS = {
    # No such link: 404, as for any object one may not see.
    substantiation.LinkProblem.TAMPERED: 404,
    substantiation.LinkProblem.EXPIRED: 410,
    substantiation.LinkProblem.USED: 410,
    substantiation.LinkProblem.CLOSED: 410,
}


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The link is the key: never pass it to another site (same-origin, not no-referrer:
    # with no-referrer browsers send "Origin: null" and the CSRF check refuses the answer).
    response["Referrer-Policy"] = "same-origin"
    return response


def _language(request, own: str | None) -> str:
    """The page's language: the one chosen with the page's language switcher (its cookie),
    else the substantiator's own (from the record or the signed link), else the browser's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return own or request.LANGUAGE_CODE


def _problem_page(request, *, problem: str, language: str | None):
    with translation.override(_language(request, language)):
        response = render(
            request,
            "outcomes/substantiation/link_problem.html",
            {"problem": problem},
            status=PROBLEM_STATUS[problem],
        )
    return _noindex(response)


def _thanks(request, person):
    """Rendered in the active language (the caller's override)."""
    return _noindex(render(request, "outcomes/substantiation/thanks.html", {"person": person}))


@never_cache
@require_http_methods(["GET", "POST"])
def substantiate(request, token: str):
    """The page a substantiator's link opens: the outcome, scrubbed, and their answer.
    Public: the signed link is the key. In the substantiator's language."""
    reading = substantiation.read_link(token)
    if reading.problem == substantiation.LinkProblem.USED and request.method == "POST":
        # The same answer sent again (a double click): the thanks again, nothing recorded.
        person = reading.substantiator
        with translation.override(_language(request, person.language)):
            form = AnswerForm(request.POST)
            if form.is_valid() and substantiation.is_recorded_answer(
                substantiator_id=person.pk, answer=form.answer()
            ):
                return _thanks(request, person)
    if reading.problem:
        return _problem_page(request, problem=reading.problem, language=reading.language)
    person = reading.substantiator
    with translation.override(_language(request, person.language)):
        form = AnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            answer = form.answer()
            if substantiation.record_answer(
                substantiator_id=person.pk, answer=answer
            ) or substantiation.is_recorded_answer(substantiator_id=person.pk, answer=answer):
                return _thanks(request, person)
            return _problem_page(
                request, problem=substantiation.LinkProblem.USED, language=person.language
            )
        response = render(
            request,
            "outcomes/substantiation/answer.html",
            {
                "person": person,
                "outcome": substantiation.outcome_for_substantiator(person),
                "form": form,
            },
            status=200,
        )
    return _noindex(response)
