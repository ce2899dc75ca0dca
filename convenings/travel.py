"""The rules of travel and stay that both the reply form and the staff form apply, and
that the service applies again (a form is not the only way in)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from common.currencies import is_currency

from .models import Convening

# Nights may start the day before the convening and end the morning after it: one day
# either side of its dates.
NIGHTS_MARGIN = dt.timedelta(days=1)


def night_choices(convening: Convening) -> list[dt.date]:
    """The nights one may book: from the day before the start to the last day (the night
    of the last day ends the morning after)."""
    first = convening.start_date - NIGHTS_MARGIN
    last = convening.end_date
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def travel_errors(
    *,
    convening: Convening,
    arrival_at: dt.datetime | None,
    departure_at: dt.datetime | None,
    nights: list[dt.date] | None = None,
) -> dict[str, list]:
    """{field: [message]} for what is wrong; empty when all is well."""
    errors: dict[str, list] = {}
    if arrival_at and departure_at and departure_at <= arrival_at:
        errors["departure_at"] = [_("The departure must come after the arrival.")]
    allowed = set(night_choices(convening))
    if any(night not in allowed for night in nights or []):
        errors["nights"] = [
            _("Choose nights within the convening's dates (one day either side at most).")
        ]
    window_start = convening.start_date - NIGHTS_MARGIN * 7
    window_end = convening.end_date + NIGHTS_MARGIN * 7
    for name, moment in (("arrival_at", arrival_at), ("departure_at", departure_at)):
        if moment and not window_start <= moment.astimezone(convening.zone).date() <= window_end:
            errors.setdefault(name, []).append(
                _("This date is far from the convening's dates: check it.")
            )
    return errors


def cost_errors(
    *, support_amount: Decimal | None, accommodation_amount: Decimal | None, currency: str
) -> dict[str, list]:
    errors: dict[str, list] = {}
    for name, amount in (
        ("support_amount", support_amount),
        ("accommodation_amount", accommodation_amount),
    ):
        if amount is not None and amount < 0:
            errors[name] = [_("An amount cannot be negative.")]
    if currency and not is_currency(currency):
        errors["cost_currency"] = [
            _("“%(value)s” is not a currency code: choose one from the list, e.g. MYR.")
            % {"value": currency}
        ]
    if (support_amount or accommodation_amount) and not currency:
        errors.setdefault("cost_currency", []).append(_("Choose the currency of the amounts."))
    return errors
