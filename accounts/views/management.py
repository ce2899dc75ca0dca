"""The admins' accounts page: every account with its role, state, last sign-in and
two-factor, and one confirmation page per action (accounts.managing does the work)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import managing, selectors
from ..forms import AccountActionForm, AccountFilterForm, RoleChangeForm
from ..permissions import admin_required

PAGE_SIZE = 50


def _account_or_404(pk: int):
    account = selectors.account_for_admin(user_id=pk)
    if account is None:
        raise Http404
    return account


def _row(account) -> dict:
    participant = getattr(account, "participant", None)
    role = selectors.role_of(account)
    return {
        "account": account,
        "participant": participant,
        "role": role,
        "role_label": managing.role_label(role),
    }


@admin_required
def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET or None)
    filters = form.filters()
    accounts = selectors.accounts_for_admin(**filters)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/staff/accounts.html",
        {
            "form": form,
            "page": page,
            "rows": [_row(account) for account in page.object_list],
            "query": query.urlencode(),
            "filtered": bool(filters),
        },
    )


def _done(request: HttpRequest, result: managing.ActionResult, done: str, unchanged: str):
    if result.repeated:
        messages.info(request, _("This was already done; nothing was changed again."))
    elif result.changed:
        messages.success(request, done)
    else:
        messages.info(request, unchanged)
    return redirect("accounts:account-list")


@admin_required
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    row = _row(_account_or_404(pk))
    form = RoleChangeForm(request.POST or None, initial={"role": row["role"]})
    if request.method == "POST" and form.is_valid():
        try:
            result = managing.change_role(
                user=row["account"],
                role=form.cleaned_data["role"],
                by=request.user,
                key=form.cleaned_data["key"],
            )
        except managing.AccountActionError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(
                request,
                result,
                _("The role is changed and the person is told by e-mail."),
                _("The account already had this role; nothing was changed."),
            )
    return render(request, "accounts/staff/account_role.html", {**row, "form": form, "row": row})


# The other actions: one confirmation page each, all alike.
ACTIONS = {
    "deactivate": {
        "service": managing.deactivate_account,
        "title": gettext_lazy("Deactivate this account"),
        "explain": gettext_lazy(
            "The person is signed out at once and can no longer sign in. Their records stay"
            " as they are. They are told by e-mail."
        ),
        "button": gettext_lazy("Deactivate"),
        "danger": True,
        "done": gettext_lazy("The account is deactivated and the person is told by e-mail."),
        "unchanged": gettext_lazy("The account was already deactivated; nothing was changed."),
    },
    "reactivate": {
        "service": managing.reactivate_account,
        "title": gettext_lazy("Reactivate this account"),
        "explain": gettext_lazy(
            "The person can sign in again, with the role they have. They are told by e-mail."
        ),
        "button": gettext_lazy("Reactivate"),
        "danger": False,
        "done": gettext_lazy("The account is active again and the person is told by e-mail."),
        "unchanged": gettext_lazy("The account was already active; nothing was changed."),
    },
    "reset-two-factor": {
        "service": managing.reset_two_factor,
        "title": gettext_lazy("Reset two-factor authentication"),
        "explain": gettext_lazy(
            "The person's authenticator app, recovery codes and security keys are removed;"
            " they sign in with their password or an e-mailed code. Staff and admins must set"
            " up an authenticator app again before they can open any other page. They are"
            " told by e-mail."
        ),
        "button": gettext_lazy("Reset two-factor"),
        "danger": True,
        "done": gettext_lazy(
            "Two-factor authentication is reset and the person is told by e-mail."
        ),
        "unchanged": gettext_lazy(
            "This account has no two-factor authentication set up; nothing was changed."
        ),
    },
    "resend-invitation": {
        "service": managing.resend_invitation,
        "title": gettext_lazy("Send the account invitation again"),
        "explain": gettext_lazy(
            "The person gets a new e-mail, in their language, with a link to choose their"
            " password. Links sent before keep working until they expire or the password"
            " is set."
        ),
        "button": gettext_lazy("Send the invitation"),
        "danger": False,
        "done": gettext_lazy("The account invitation is on its way."),
        "unchanged": gettext_lazy("Nothing was sent."),
    },
}


@admin_required
def account_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    row = _row(_account_or_404(pk))
    form = AccountActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = spec["service"](
                user=row["account"], by=request.user, key=form.cleaned_data["key"]
            )
        except managing.AccountActionError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(request, result, str(spec["done"]), str(spec["unchanged"]))
    return render(
        request,
        "accounts/staff/account_action.html",
        {**row, "row": row, "form": form, "spec": spec, "action": action},
    )
