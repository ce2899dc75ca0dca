"""A participant's own data, to read and to download (`/portal/my-data/`, URL names
`accounts:portal-my-data` and `accounts:portal-my-data-page`, kept from when accounts held
them; see participants/account_urls.py)."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.permissions import participant_required
from common.downloads import attachment_response

from .. import my_data as selectors


@require_GET
@participant_required
def my_data(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data_export(participant=request.participant)
    return attachment_response(
        stream=json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        filename="my-data.json",
        content_type="application/json; charset=utf-8",
    )


@require_GET
@participant_required
def my_data_page(request: HttpRequest) -> HttpResponse:
    """The same data as the download, as a page a person can read."""
    data = selectors.personal_data_export(participant=request.participant)
    return render(
        request,
        "participants/portal/my_data.html",
        {
            "data": data,
            "record": selectors.personal_record_fields(data),
            "account": selectors.personal_account_fields(data),
            "sections": selectors.personal_data_sections(data),
        },
    )
