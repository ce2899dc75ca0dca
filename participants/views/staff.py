"""Staff pages for the directory: list, participant page, create/edit, accounts, import.

Import keeps the uploaded rows (plain text cells with the file's row numbers) in the
signed-in user's server-side session between the preview and the commit, under a random
token the commit form sends back; the commit validates them again inside its transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import NamedTuple

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.downloads import attachment_response
from common.listing import Column, Sorting, paginate

from .. import protection as protection_selectors
from .. import selectors, services
from ..filters import DirectoryFilter, member_countries_first
from ..forms import ImportUploadForm, ParticipantForm
from ..importing import ImportFileError, read_upload, template_csv, validate_rows
from ..models import Participant

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "participants_import"


def _participant_or_404(participant_id: int) -> Participant:
    participant = selectors.participant_for_staff(participant_id=participant_id)
    if participant is None:
        raise Http404
    return participant


def _with_choice_labels(participants) -> list[Participant]:
    """The rows with their choice labels looked up once per page, as `<field>_label`.

    Model.get_FOO_display rebuilds the field's whole choices mapping (and translates every
    label) on each call; a directory page makes four such calls per row.
    """
    labels = {
        name: dict(Participant._meta.get_field(name).flatchoices)
        for name in ("visibility", "sector", "expertise_level", "preferred_language")
    }
    rows = list(participants)
    for participant in rows:
        for name, choices in labels.items():
            value = getattr(participant, name)
            setattr(participant, f"{name}_label", choices.get(value, value))
    return rows


class ConsentRow(NamedTuple):
    """One consent on the participant page (the template unpacks it)."""

    label: str
    given: bool
    changed_at: dt.datetime | None  # when last given or withdrawn


def _consent_rows(participant: Participant) -> list[ConsentRow]:
    return [
        ConsentRow(
            label=Participant._meta.get_field(name).verbose_name,
            given=getattr(participant, name),
            changed_at=getattr(participant, f"{name}_at"),
        )
        for name in Participant.CONSENT_FIELDS
    ]


DIRECTORY_COLUMNS = (
    Column("name", _l("Name"), ("full_name",), text=True),
    Column("organisation", _l("Organisation and position"), ("organisation__name",), text=True),
    Column("country", _l("Country"), ("country__name",), text=True),
    Column("sector", _l("Sector"), ("sector",)),
    Column("expertise", _l("Expertise"), ("expertise_level",)),
    Column("language", _l("Language"), ("preferred_language",)),
)


@staff_required
def directory(request):
    directory_filter = DirectoryFilter(
        request.GET or None,
        queryset=selectors.staff_directory(),
        countries=member_countries_first(),
    )
    queryset = directory_filter.qs
    sorting = Sorting(request.GET, DIRECTORY_COLUMNS, default="name", tiebreak=("pk",))
    page, query = paginate(request.GET, sorting.apply(queryset), per_page=PAGE_SIZE)
    page.object_list = _with_choice_labels(page.object_list)
    active = directory_filter.active_filters
    return render(
        request,
        "participants/staff/directory.html",
        {
            "form": directory_filter.form,
            "page": page,
            "headers": sorting.headers(),
            "sort": sorting.value,
            "counts": selectors.directory_counts(queryset),
            "query": query,
            "filtered": bool(active),
            "more_filters": bool(active - {"q"}),
        },
    )


@staff_required
def detail(request, participant_id: int):
    participant = _participant_or_404(participant_id)
    return render(
        request,
        "participants/staff/detail.html",
        {
            "participant": participant,
            "consents": _consent_rows(participant),
            "history": selectors.participant_history(participant=participant),
        },
    )


@staff_required
def create(request):
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.create_participant(
                by=request.user, **form.record_data(), consents=form.consents()
            )
        except services.ParticipantError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Participant added to the directory."))
            return redirect("participants:staff-detail", participant_id=participant.pk)
    return render(request, "participants/staff/form.html", {"form": form, "participant": None})


@staff_required
def edit(request, participant_id: int):
    participant = _participant_or_404(participant_id)
    form = ParticipantForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_participant(
                participant=participant,
                by=request.user,
                consents=form.consents(),
                **form.record_data(),
            )
        except services.ParticipantError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("participants:staff-detail", participant_id=participant.pk)
    return render(
        request, "participants/staff/form.html", {"form": form, "participant": participant}
    )


@staff_required
@require_POST
def create_account(request, participant_id: int):
    participant = _participant_or_404(participant_id)
    try:
        services.create_account_for(participant=participant, by=request.user)
    except services.AccountExistsError as exc:
        # A second POST (double click, resubmit) lands on the page the first one led to,
        # told why nothing more was sent: the first POST's invitation is the one on its way.
        messages.info(request, str(exc))
    except services.ParticipantError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Account created. An invitation to choose a password is on its way to %(email)s.")
            % {"email": participant.email},
        )
    return redirect("participants:staff-detail", participant_id=participant.pk)


@staff_required
def import_template(request):
    return attachment_response(
        stream=template_csv(),
        filename="participants-template.csv",
        content_type="text/csv; charset=utf-8",
    )


def _preview(
    request,
    *,
    parsed,
    filename: str,
    token: str | None,
    status: int = 200,
    duplicates_refused: bool = False,
):
    return render(
        request,
        "participants/staff/import.html",
        {
            "form": ImportUploadForm(),
            "parsed": parsed,
            "filename": filename,
            "token": token,
            "duplicates_refused": duplicates_refused,
        },
        status=status,
    )


@staff_required
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_upload(upload)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            parsed = validate_rows(rows)
            token = None
            request.session.pop(IMPORT_SESSION_KEY, None)
            if parsed.is_valid:
                token = secrets.token_urlsafe(16)
                request.session[IMPORT_SESSION_KEY] = {
                    "token": token,
                    "filename": upload.name,
                    "rows": rows,
                    # The rows shown as likely duplicates: what "accept" accepts.
                    "warned": [row.number for row in parsed.warned_rows],
                }
            return _preview(request, parsed=parsed, filename=upload.name, token=token)
    return render(request, "participants/staff/import.html", {"form": form, "parsed": None})


@staff_required
@require_POST
def import_commit(request):
    stored = request.session.get(IMPORT_SESSION_KEY)
    if not stored or not secrets.compare_digest(
        str(stored.get("token", "")), request.POST.get("token", "")
    ):
        messages.error(request, _("That preview has expired. Upload the file again."))
        return redirect("participants:staff-import")
    accepted = stored.get("warned", []) if request.POST.get("accept_duplicates") else []
    try:
        created = services.import_participants(
            rows=stored["rows"], by=request.user, accepted_duplicates=accepted
        )
    except services.DuplicatesNotAcceptedError as exc:
        # Not accepted, or flagged only now: the preview again, with what is flagged now.
        stored["warned"] = [row.number for row in exc.parsed.warned_rows]
        request.session[IMPORT_SESSION_KEY] = stored
        return _preview(
            request,
            parsed=exc.parsed,
            filename=stored["filename"],
            token=stored["token"],
            status=409,
            duplicates_refused=True,
        )
    except services.ImportRejectedError as exc:
        request.session.pop(IMPORT_SESSION_KEY, None)
        return _preview(
            request, parsed=exc.parsed, filename=stored["filename"], token=None, status=409
        )
    except IntegrityError:
        # Someone added one of these addresses between our check and the insert.
        messages.error(
            request,
            _("Nothing was imported: the directory changed meanwhile. Upload the file again."),
        )
        return redirect("participants:staff-import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        ngettext(
            "Imported %(count)s participant.", "Imported %(count)s participants.", len(created)
        )
        % {"count": len(created)},
    )
    return redirect("participants:staff-directory")


@staff_required
def protection_flags(request):
    """What the re-check took down from participant view, with the reason, until fixed."""
    return render(
        request,
        "participants/staff/protection.html",
        {"flags": protection_selectors.open_flags()},
    )
