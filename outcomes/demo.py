"""Demo data for outcomes: framework commitments, ~20 outcomes, challenges and lessons.

Runs last in `seed_demo`. Deterministic (fixed picks, random.Random(2019)) and idempotent:
rows are looked up by their English title or code, so a second run adds nothing.

It builds on the people, countries and convenings of the participants and convenings
demos (`seed_demo` runs those first) and adds nothing of its own to them.
"""

from __future__ import annotations

import datetime as dt

from convenings.models import (
    Convening,
    ConveningStatus,
)
from participants.models import Country, Participant

from . import demo_substantiation
from .demo_content import CHALLENGES, FRAMEWORKS, OUTCOMES
from .models import ChallengeLesson, FrameworkCommitment, Outcome, OutcomeEvidence

LANGS = ("en", "ind", "ms", "th")


def seed(*, scale: int = 1, stdout=None) -> None:
    if not Participant.objects.exists():
        if stdout is not None:
            stdout.write("outcomes: no participants yet; run participants.demo first")
        return
    frameworks = _seed_frameworks()
    created = _seed_outcomes(frameworks)
    added = _seed_challenges()
    asked = demo_substantiation.seed()
    from . import harvest_demo  # noqa: PLC0415  after the outcomes it merges into

    harvest_demo.seed(stdout=stdout)
    if stdout is not None:
        stdout.write(f"outcomes: {created} outcomes and {added} challenges and lessons added")
        stdout.write(f"outcomes: {asked} substantiators asked")


def _seed_frameworks() -> dict[str, FrameworkCommitment]:
    result = {}
    for framework, code, position, titles in FRAMEWORKS:
        commitment, _ = FrameworkCommitment.objects.get_or_create(
            code=code,
            defaults={
                "framework": framework,
                "position": position,
                **{f"title_{lang}": titles[lang] for lang in LANGS},
            },
        )
        result[code] = commitment
    return result


def _pick_champion(country: str, sector: str, index: int) -> Participant | None:
    people = list(
        Participant.objects.filter(country__code=country, sector=sector, is_active=True).order_by(
            "pk"
        )[: index + 1]
    )
    return people[index] if len(people) > index else None


def _seed_outcomes(frameworks: dict[str, FrameworkCommitment]) -> int:
    countries = {c.code: c for c in Country.objects.all()}
    created = 0
    for spec in OUTCOMES:
        title_en = spec["en"]["title"]
        if Outcome.objects.filter(title_en=title_en).exists():
            continue
        country = countries.get(spec["country"]) if spec["country"] else None
        if spec["country"] and country is None:
            continue  # that country is not in this directory
        fields = {}
        for lang in LANGS:
            for name, value in spec.get(lang, {}).items():
                fields[f"{name}_{lang}"] = value
        date = dt.date.fromisoformat(spec["date"])
        outcome = Outcome.objects.create(
            kind=spec["kind"],
            country=country,
            is_regional=country is None,
            date=date,
            verification=spec["verification"],
            **fields,
        )
        outcome.frameworks.set([frameworks[c] for c in spec["frameworks"] if c in frameworks])
        champions = [_pick_champion(*pick) for pick in spec["champions"]]
        outcome.champions.set([p for p in champions if p is not None])
        linked = Convening.objects.filter(start_date__lte=date).exclude(
            status=ConveningStatus.CANCELLED
        )
        if country is not None:
            nearby = linked.filter(host_country=country).order_by("-start_date").first()
        else:
            nearby = None
        latest = linked.order_by("-start_date").first()
        outcome.convenings.set({c for c in (nearby, latest) if c is not None})
        for kind, description, value in spec["evidence"]:
            OutcomeEvidence.objects.create(
                outcome=outcome,
                kind=kind,
                description=description,
                url=value if kind == "link" else "",
                note=description if kind == "note" else "",
            )
        created += 1
    return created


def _seed_challenges() -> int:
    added = 0
    for category, year, texts in CHALLENGES:
        if ChallengeLesson.objects.filter(
            category=category, year=year, what_happened_en=texts["en"][0]
        ).exists():
            continue
        fields = {}
        for lang, (what, response) in texts.items():
            fields[f"what_happened_{lang}"] = what
            fields[f"response_{lang}"] = response
        ChallengeLesson.objects.create(category=category, year=year, **fields)
        added += 1
    return added
