"""Participant portal pages for convenings."""

from django.shortcuts import render

from accounts.permissions import participant_required


@participant_required
def home(request):
    return render(request, "convenings/portal/home.html", {"participant": request.participant})
