"""`{{ outcome|substantiation_state }}`: an outcome's state from its substantiators' answers
(outcomes/substantiation_selectors.py), from the list's annotated counts when present."""

from django import template

from ..substantiation_selectors import substantiation_state as state_of

register = template.Library()


@register.filter
def substantiation_state(outcome):
    return state_of(outcome)
