"""Form widgets for the browser's own date and time pickers, shared by every app's forms.

An `<input type="date">` only accepts a value written `YYYY-MM-DD` (`datetime-local`:
`YYYY-MM-DDTHH:MM`, `time`: `HH:MM`), whatever language the page is in. Django's date widgets
otherwise format their value in the active language's style (`05-12-2026` in Indonesian,
`05/12/2026` in Thai), which the browser throws away, showing an empty field. Reading is not
affected: Django always accepts the ISO forms on input.
"""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
