"""What the staff pages about one convening share: the tabs, the venue's zone, the 404, and
the edit and delete pages of a convening's parts (`ConveningParts`)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise

from ... import selectors
from ...models import Convening


def tabs(convening: Convening, current: str) -> dict:
    return {"convening": convening, "tab": current}


def in_venue_zone(convening: Convening) -> Convening:
    """A page about one convening reads and prints times in the venue's zone (the
    middleware puts the reader's own zone back after the request)."""
    timezone.activate(convening.zone)
    return convening


def convening_or_404(pk: int) -> Convening:
    return in_venue_zone(selectors.convening_with_counts_or_404(convening_id=pk))


@dataclass(frozen=True)
class ConveningParts:
    """The pages of one kind of a convening's parts (agenda sessions, site visits): the list
    with its form to add one, and each part's edit and delete. The convening or the part is
    found or the page answers 404, times are read in the venue's zone, the edit form works
    on a copy (a form that fails leaves the page's object as stored), and an add, a save or
    a delete is answered with a message and the list."""

    model: type[models.Model]
    tab: str
    list_url: str
    list_template: str
    template: str  # the edit page
    name: str  # the part's name in the edit template's context
    added: Promise
    saved: Promise
    deleted: Promise

    def list_page(
        self,
        request: HttpRequest,
        pk: int,
        *,
        form: Callable[[dict | None, Convening], forms.Form],
        save: Callable[[forms.Form, Convening], bool],
        context: Callable[[Convening], dict],
    ) -> HttpResponse:
        """`form(data, convening)` builds the empty form; `save` as for `edit`; `context`
        gives what the list shows."""
        convening = convening_or_404(pk)
        bound = form(request.POST or None, convening)
        if request.method == "POST" and bound.is_valid() and save(bound, convening):
            messages.success(request, self.added)
            return redirect(self.list_url, pk=convening.pk)
        page = tabs(convening, self.tab)
        page.update({**context(convening), "form": bound})
        return render(request, self.list_template, page)

    def get_or_404(self, pk: int, part_id: int, *, deleted_too: bool = False) -> models.Model:
        # Deleting looks at deleted rows too: a second POST answers like the first.
        manager = self.model.all_objects if deleted_too else self.model.objects
        part = get_object_or_404(manager.select_related("convening"), pk=part_id, convening_id=pk)
        in_venue_zone(part.convening)
        return part

    def edit(
        self,
        request: HttpRequest,
        pk: int,
        part_id: int,
        *,
        form: Callable[[dict | None, models.Model], forms.ModelForm],
        save: Callable[[forms.ModelForm, models.Model], bool],
    ) -> HttpResponse:
        """`form(data, copy)` builds the form; `save(form, part)` calls the service and
        returns False when it put its refusal on the form."""
        part = self.get_or_404(pk, part_id)
        bound = form(request.POST or None, copy.copy(part))
        if request.method == "POST" and bound.is_valid() and save(bound, part):
            messages.success(request, self.saved)
            return redirect(self.list_url, pk=pk)
        context = tabs(part.convening, self.tab)
        context.update({"form": bound, self.name: part})
        return render(request, self.template, context)

    def delete(
        self,
        request: HttpRequest,
        pk: int,
        part_id: int,
        *,
        delete: Callable[[models.Model], object],
    ) -> HttpResponse:
        delete(self.get_or_404(pk, part_id, deleted_too=True))
        messages.success(request, self.deleted)
        return redirect(self.list_url, pk=pk)
