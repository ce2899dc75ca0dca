"""Forms for staff: a briefing in every language side by side, a file upload, a pack."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import PlatformForm
from common.sends import SendKeyField
from common.translation import localized
from convenings.models import Convening
from participants.protection_services import refuse_protected_names

from .models import Briefing
from .selectors import briefings_for_pack, content_languages
from .uploads import inspect_upload


class BriefingForm(PlatformForm, forms.Form):
    convening = forms.ModelChoiceField(
        label=_("Convening"),
        queryset=Convening.objects.order_by("-start_date"),
        required=False,
        empty_label=_("The whole platform (every participant)"),
    )

    def __init__(self, *args, briefing: Briefing | None = None, **kwargs):
        if briefing is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "convening": briefing.convening_id,
                **{f: getattr(briefing, f) for f in self.content_field_names()},
            }
        super().__init__(*args, **kwargs)
        for code in content_languages():
            self.fields[localized("title", code)] = forms.CharField(
                label=_("Title"), max_length=200, required=code == settings.LANGUAGE_CODE
            )
            self.fields[localized("summary", code)] = forms.CharField(
                label=_("Summary"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "Two or three sentences shown on the Briefings page and in the e-mail."
                ),
            )
            self.fields[localized("body", code)] = forms.CharField(
                label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14})
            )
            for name in ("title", "summary", "body"):
                self.fields[localized(name, code)].widget.attrs["lang"] = code

    @staticmethod
    def content_field_names() -> list[str]:
        return [localized(n, c) for c in content_languages() for n in ("title", "summary", "body")]

    def language_groups(self) -> list[dict]:
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": code,
                "name": names[code],
                "fields": [self[localized(n, code)] for n in ("title", "summary", "body")],
            }
            for code in content_languages()
        ]

    def content(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.content_field_names()}


class BriefingFileForm(PlatformForm, forms.Form):
    language = forms.ChoiceField(label=_("Language of the file"), choices=settings.LANGUAGES)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX)."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.xlsx,.pptx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        inspect_upload(upload)  # ValidationError shows beside the field
        # Participants read it: no protected name in its contents (participants.protection).
        refuse_protected_names(upload)
        return upload


class PackForm(PlatformForm, forms.Form):
    briefings = forms.ModelMultipleChoiceField(
        label=_("Briefings in this pack"),
        queryset=Briefing.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one briefing.")},
    )
    send_key = SendKeyField()
    again = forms.BooleanField(
        label=_("Send again even if these briefings already went out in an earlier pack"),
        required=False,
    )

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["briefings"].queryset = briefings_for_pack(convening=convening)
