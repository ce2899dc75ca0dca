"""Staff pages of operations: "Recently deleted", and the delete and restore actions every
deletable kind shares (operations.trash)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required

from . import selectors, trash


def _object_or_404(kind: str, pk: int):
    if kind not in trash.KINDS:
        raise Http404
    obj = trash.get_any_or_none(kind=kind, pk=pk)
    if obj is None:
        raise Http404
    return obj


def _next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@staff_required
@require_POST
def delete(request, kind: str, pk: int):
    """Delete (the button asks for confirmation first). A second POST finds it already
    deleted and answers the same: the message and the page it came from."""
    obj = _object_or_404(kind, pk)
    spec = trash.KINDS[kind]
    try:
        trash.delete_object(obj=obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_next(request, spec.home(obj)))
    messages.success(
        request,
        _('Deleted. You can restore it from "Recently deleted" for %(days)s days.')
        % {"days": settings.DELETED_KEEP_DAYS},
    )
    # The object's own page is gone now; back to where it is listed.
    return redirect(_next(request, spec.home(obj)))


@staff_required
@require_POST
def restore(request, kind: str, pk: int):
    obj = _object_or_404(kind, pk)
    try:
        trash.restore_object(obj=obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _('"%(name)s" is restored.') % {"name": obj})
    return redirect("operations:deleted")


@staff_required
def deleted(request):
    return render(
        request,
        "operations/staff/deleted.html",
        {"items": selectors.recently_deleted(), "keep_days": settings.DELETED_KEEP_DAYS},
    )
