"""Reads for substantiation: the state of an outcome from its substantiators' answers (the
one rule, `state_from_counts`), the substantiators staff see, and links' payloads.

The rule, as the reports' methodology page prints it (`RULE_TEXT`):
- nobody asked yet: "Not put to substantiators";
- asked, nobody has answered: "Awaiting answers";
- at least one "not at all" and at least one "fully" or "partly": "Contested";
- every answer "not at all": "Not substantiated";
- otherwise (answers agree fully or partly, none disagree): "Substantiated by X of N"
  (X: people agreeing fully or partly; N: people asked), with "; Y partly" when some agree
  only partly.
People asked who have not answered count in N and nowhere else. The staff menu
"verification" (kept as "staff assessment before substantiation") plays no part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Agreement, Outcome, Substantiator


class StateKey:
    NONE = "none"
    AWAITING = "awaiting"
    SUBSTANTIATED = "substantiated"
    CONTESTED = "contested"
    NOT_SUBSTANTIATED = "not_substantiated"


# In the order reports list them.
STATE_KEYS = [
    StateKey.SUBSTANTIATED,
    StateKey.CONTESTED,
    StateKey.NOT_SUBSTANTIATED,
    StateKey.AWAITING,
    StateKey.NONE,
]

STATE_NAMES = {
    StateKey.NONE: gettext_lazy("Not put to substantiators"),
    StateKey.AWAITING: gettext_lazy("Awaiting answers"),
    StateKey.SUBSTANTIATED: gettext_lazy("Substantiated"),
    StateKey.CONTESTED: gettext_lazy("Contested"),
    StateKey.NOT_SUBSTANTIATED: gettext_lazy("Not substantiated"),
}

RULE_TEXT = gettext_lazy(
    "An outcome's substantiation follows only from the answers of the people asked to "
    "substantiate it. Nobody asked yet: not put to substantiators. Asked, no answer yet: "
    "awaiting answers. At least one answer disagrees and at least one agrees (fully or "
    "partly): contested. Every answer disagrees: not substantiated. Otherwise, when the "
    "answers agree fully or partly: substantiated by the number agreeing of the number "
    "asked, saying how many agree only partly. People who have not answered count only "
    "among those asked."
)


@dataclass(frozen=True)
class SubstantiationState:
    key: str
    asked: int
    fully: int
    partly: int
    not_at_all: int

    @property
    def answered(self) -> int:
        return self.fully + self.partly + self.not_at_all

    @property
    def agreeing(self) -> int:
        return self.fully + self.partly

    @property
    def name(self) -> str:
        return str(STATE_NAMES[self.key])

    @property
    def is_substantiated(self) -> bool:
        return self.key == StateKey.SUBSTANTIATED

    @property
    def label(self) -> str:
        """The state as printed beside an outcome, in the active language."""
        if self.key == StateKey.SUBSTANTIATED:
            text = ngettext(
                "Substantiated by %(agreeing)d of %(asked)d",
                "Substantiated by %(agreeing)d of %(asked)d",
                self.asked,
            ) % {"agreeing": self.agreeing, "asked": self.asked}
            if self.partly:
                text = _("%(state)s; %(partly)d partly") % {"state": text, "partly": self.partly}
            return text
        if self.key == StateKey.AWAITING:
            return ngettext(
                "Awaiting answers (%(asked)d person asked)",
                "Awaiting answers (%(asked)d people asked)",
                self.asked,
            ) % {"asked": self.asked}
        if self.key == StateKey.CONTESTED:
            return _("Contested: %(agreeing)d agree, %(against)d disagree, of %(asked)d asked") % {
                "agreeing": self.agreeing,
                "against": self.not_at_all,
                "asked": self.asked,
            }
        if self.key == StateKey.NOT_SUBSTANTIATED:
            return _("Not substantiated: %(against)d of %(asked)d disagree") % {
                "against": self.not_at_all,
                "asked": self.asked,
            }
        return self.name


def state_from_counts(
    *, asked: int, fully: int, partly: int, not_at_all: int
) -> SubstantiationState:
    """The rule (see the module docstring), written once."""
    agreeing = fully + partly
    if not asked:
        key = StateKey.NONE
    elif not (agreeing or not_at_all):
        key = StateKey.AWAITING
    elif not_at_all and agreeing:
        key = StateKey.CONTESTED
    elif not_at_all:
        key = StateKey.NOT_SUBSTANTIATED
    else:
        key = StateKey.SUBSTANTIATED
    return SubstantiationState(
        key=key, asked=asked, fully=fully, partly=partly, not_at_all=not_at_all
    )


COUNT_ANNOTATIONS = {
    "subst_asked": Count("substantiators", distinct=True),
    "subst_fully": Count(
        "substantiators", filter=Q(substantiators__agreement=Agreement.FULLY), distinct=True
    ),
    "subst_partly": Count(
        "substantiators", filter=Q(substantiators__agreement=Agreement.PARTLY), distinct=True
    ),
    "subst_not_at_all": Count(
        "substantiators",
        filter=Q(substantiators__agreement=Agreement.NOT_AT_ALL),
        distinct=True,
    ),
}


def in_state(key: str) -> Q:
    """The outcomes (read `with_substantiation`) in one state: `state_from_counts` as a
    database condition, for the staff list's filter. tests/outcomes/
    test_substantiation_rule.py checks that both give the same state for every case."""
    agreeing = Q(subst_fully__gt=0) | Q(subst_partly__gt=0)
    against = Q(subst_not_at_all__gt=0)
    asked = Q(subst_asked__gt=0)
    return {
        StateKey.NONE: ~asked,
        StateKey.AWAITING: asked & ~agreeing & ~against,
        StateKey.CONTESTED: agreeing & against,
        StateKey.NOT_SUBSTANTIATED: against & ~agreeing,
        StateKey.SUBSTANTIATED: agreeing & ~against,
    }[key]


def with_substantiation(outcomes: QuerySet[Outcome]) -> QuerySet[Outcome]:
    """The outcomes with the counts `substantiation_state` reads, in the same query."""
    return outcomes.annotate(**COUNT_ANNOTATIONS)


def substantiation_state(outcome: Outcome) -> SubstantiationState:
    """The substantiation state of one outcome: from `with_substantiation`'s counts when
    the outcome was read with them (no query), else from one query."""
    if hasattr(outcome, "subst_asked"):
        counts = {
            "asked": outcome.subst_asked,
            "fully": outcome.subst_fully,
            "partly": outcome.subst_partly,
            "not_at_all": outcome.subst_not_at_all,
        }
    else:
        row = Outcome.objects.filter(pk=outcome.pk).aggregate(**COUNT_ANNOTATIONS)
        counts = {
            "asked": row["subst_asked"] or 0,
            "fully": row["subst_fully"] or 0,
            "partly": row["subst_partly"] or 0,
            "not_at_all": row["subst_not_at_all"] or 0,
        }
    return state_from_counts(**counts)


def substantiation_label(outcome: Outcome) -> str:
    """The state as printed beside an outcome (for harvest's learning page)."""
    return substantiation_state(outcome).label


def states_for(outcome_ids: Iterable[int]) -> dict[int, SubstantiationState]:
    """The state of many outcomes in one query (reports)."""
    rows = (
        Outcome.objects.filter(pk__in=list(outcome_ids))
        .annotate(**COUNT_ANNOTATIONS)
        .values("pk", "subst_asked", "subst_fully", "subst_partly", "subst_not_at_all")
    )
    states = {
        row["pk"]: state_from_counts(
            asked=row["subst_asked"],
            fully=row["subst_fully"],
            partly=row["subst_partly"],
            not_at_all=row["subst_not_at_all"],
        )
        for row in rows
    }
    return states


def substantiators_of(outcome: Outcome) -> list[Substantiator]:
    """The people asked about one outcome, for staff, in the order they were added."""
    return list(
        Substantiator.objects.filter(outcome=outcome)
        .select_related("participant")
        .order_by("added_at", "pk")
    )
