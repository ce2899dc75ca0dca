"""Staff pages for convenings."""

from django.shortcuts import render

from accounts.permissions import staff_required


@staff_required
def dashboard(request):
    return render(request, "convenings/staff/dashboard.html", {})
