"""Staff pages of ad-hoc messages: a convening's messages, writing one (with the
confirmation step of every send), and one message's delivery to each person."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.sends import build_send_preview, is_confirmed

from .. import adhoc
from ..adhoc_forms import MessageForm
from ..adhoc_selectors import (
    message_deliveries,
    message_of_convening_or_none,
    message_recipients,
    messages_for_convening,
)
from ..models import Message, MessageDeliveryStatus
from .staff.base import convening_or_404


@staff_required
def message_list(request, pk: int):
    convening = convening_or_404(pk)
    return render(
        request,
        "convenings/staff/messages.html",
        {
            "convening": convening,
            "tab": "messages",
            "messages_sent": list(messages_for_convening(convening=convening)),
        },
    )


def _confirm(request, convening, form: MessageForm):
    """The confirmation step: who gets it, in which language, and each language's e-mail."""
    draft = adhoc.unsaved_message(
        convening=convening, audience=form.cleaned_data["audience"], texts=form.texts()
    )
    preview = build_send_preview(
        recipients=list(
            message_recipients(
                convening=convening,
                audience=form.cleaned_data["audience"],
                countries=form.cleaned_data["countries"],
            )
        ),
        participant_of=lambda i: i.participant,
        language_of=lambda i: i.participant.preferred_language,
        compose=lambda i, language: adhoc.compose(
            message=draft, participant=i.participant, language=language
        ),
    )
    url = reverse("convenings:staff-message-new", args=[convening.pk])
    return render(
        request,
        "sends/confirm.html",
        {
            "heading": _("Check the message before it goes out"),
            "back_url": reverse("convenings:staff-messages", args=[convening.pk]),
            "back_label": _("Back to the messages"),
            "preview": preview,
            "form": form,
            "action": url,
            "button": _("Send the message now"),
        },
    )


@staff_required
def message_new(request, pk: int):
    convening = convening_or_404(pk)
    form = MessageForm(request.POST if request.method == "POST" else None, convening=convening)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["send_key"]
        again = form.cleaned_data["again"]
        if (
            not is_confirmed(request)
            and not Message.objects.filter(send_key=key).exists()
            # The same message sent before (another tab) goes to it below, unless "again".
            and not (
                not again
                and adhoc.identical_message(
                    convening=convening,
                    audience=form.cleaned_data["audience"],
                    countries=form.cleaned_data["countries"],
                    texts=form.texts(),
                )
            )
        ):
            return _confirm(request, convening, form)
        sent = adhoc.send_message(
            convening=convening,
            audience=form.cleaned_data["audience"],
            countries=form.cleaned_data["countries"],
            texts=form.texts(),
            by=request.user,
            send_key=key,
            again=again,
        )
        if sent.message.convening_id != convening.pk:
            raise Http404  # a key of another convening's message: not this page's send
        if sent.same_message:
            messages.info(
                request,
                _(
                    "The same message already went out to these people; nothing was sent "
                    "again. To send it again anyway, tick “Send again” when you write it."
                ),
            )
        elif sent.repeated:
            messages.info(request, _("This message was already sent; nothing was sent again."))
        else:
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)d person.",
                    "The message is on its way to %(count)d people.",
                    sent.added,
                )
                % {"count": sent.added},
            )
        return redirect("convenings:staff-message", pk=convening.pk, message_id=sent.message.pk)
    return render(
        request,
        "convenings/staff/message_form.html",
        {"convening": convening, "tab": "messages", "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_required
@require_POST
def message_retry(request, pk: int, message_id: int):
    convening = convening_or_404(pk)
    message = message_of_convening_or_none(convening=convening, message_id=message_id)
    if message is None:
        raise Http404
    count = adhoc.retry_failed_deliveries(message=message, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s failed delivery queued again.",
            "%(count)s failed deliveries queued again.",
            count,
        )
        % {"count": count},
    )
    return redirect("convenings:staff-message", pk=pk, message_id=message_id)


@staff_required
def message_detail(request, pk: int, message_id: int):
    convening = convening_or_404(pk)
    message = message_of_convening_or_none(convening=convening, message_id=message_id)
    if message is None:
        raise Http404
    return render(
        request,
        "convenings/staff/message.html",
        {
            "convening": convening,
            "tab": "messages",
            "message": message,
            "deliveries": list(message_deliveries(message=message)),
            "statuses": MessageDeliveryStatus,
        },
    )
