"""Immersions (PMSMP, périodes de mise en situation en milieu professionnel): what a convention
holds and the rules it follows.

* at most one month per convention, continuous or not: the days of its periods are counted
  (:data:`MAX_DAYS`);
* periods that do not overlap, each ending on or after its start;
* renewable once for the same objective: a renewal of a renewal is refused;
* weekly hours over the legal working time (35 h) are only a warning: the host company's
  working time applies.

Pure: no database, no Qt. The checks return French messages for people and English ones for
logs (:class:`ImmersionProblem`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from spie_desktop.domain.interface_sentence import Sentence, say

from .errors import ValidationError
from .immersion_siret import siret_said
from .people import fold_name
from .plan_problems import day_text
from .records import Record

#: One month per convention, counted in days of presence-calendar (the longest month).
MAX_DAYS = 31
#: Legal weekly working time: more is a warning, never a refusal.
LEGAL_WEEKLY_HOURS = 35.0
#: A convention is renewed at most this many times for the same objective.
MAX_RENEWALS = 1

#: Words of a plan action's label that make it an immersion (folded: no case, no accent).
#: The referential's action is « Réalisation d'une PMSMP ».
IMMERSION_WORDS = ("pmsmp", "immersion", "mise en situation en milieu professionnel")


def is_immersion_action(label: str) -> bool:
    """Whether a plan action is an immersion: the one rule, read from its label (the
    referential has no kind of action, only its wording)."""
    folded = fold_name(label)
    return any(word in folded for word in IMMERSION_WORDS)


class ImmersionObjective(StrEnum):
    """The three objectives the Code du travail (L. 5135-2) gives a PMSMP."""

    DISCOVER = "discover"
    CONFIRM = "confirm"
    RECRUIT = "recruit"

    @property
    def label(self) -> str:
        return OBJECTIVE_LABELS[self]


OBJECTIVE_LABELS = {
    ImmersionObjective.DISCOVER: "Découvrir un métier ou un secteur d'activité",
    ImmersionObjective.CONFIRM: "Confirmer un projet professionnel",
    ImmersionObjective.RECRUIT: "Initier une démarche de recrutement",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def periods_from_json(value: Any) -> tuple[Period, ...]:
    """Periods as stored (``[{"start", "end"}]``); entries that do not read are left out."""
    periods: list[Period] = []
    for item in value or []:
        try:
            periods.append(
                Period(date.fromisoformat(item["start"]), date.fromisoformat(item["end"]))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(periods)


@dataclass(frozen=True)
class HostCompany:
    name: str = ""
    siret: str = ""
    address: str = ""
    commune: str = ""
    sector: str = ""  # NAF code and/or label (« 47.11F Hypermarchés »)


@dataclass(frozen=True)
class Tutor:
    name: str = ""
    function: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Assessment:
    """What the immersion showed, recorded once it ended."""

    skills_shown: str
    follow_up: str
    assessed_on: date

    def as_json(self) -> dict[str, str]:
        return {
            "skills_shown": self.skills_shown,
            "follow_up": self.follow_up,
            "assessed_on": self.assessed_on.isoformat(),
        }


def assessment_from_json(value: Any) -> Assessment | None:
    if not isinstance(value, dict):
        return None
    try:
        return Assessment(
            str(value.get("skills_shown", "")),
            str(value.get("follow_up", "")),
            date.fromisoformat(value["assessed_on"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


@dataclass(kw_only=True)
class Immersion(Record):
    """A PMSMP convention for a plan action of the person's plan."""

    action_id: uuid.UUID
    person_id: uuid.UUID
    company: HostCompany = field(default_factory=HostCompany)
    tutor: Tutor = field(default_factory=Tutor)
    periods: tuple[Period, ...] = ()
    weekly_hours: float | None = None
    objective: ImmersionObjective = ImmersionObjective.DISCOVER
    trade_code: str = ""  # ROME code (« N4105 »), may be empty
    trade_label: str = ""  # free text allowed
    activities: str = ""
    skills: str = ""  # skills to observe
    renewal_of: uuid.UUID | None = None
    assessment: Assessment | None = None

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)

    @property
    def starts_on(self) -> date | None:
        return min((p.start for p in self.periods), default=None)

    @property
    def ends_on(self) -> date | None:
        return max((p.end for p in self.periods), default=None)

    def has_ended(self, today: date) -> bool:
        end = self.ends_on
        return end is not None and end <= today


@dataclass(frozen=True)
class ImmersionProblem:
    said: Sentence  # for people, in the interface's language once rendered
    message_en: str
    field: str
    warning: bool = False

    def error(self) -> ValidationError:
        return ValidationError(self.said, self.message_en, self.field)

    @property
    def message_fr(self) -> str:
        return self.said.french


def period_problems(periods: tuple[Period, ...]) -> list[ImmersionProblem]:
    """Each period ends on or after its start; none overlaps another; one month at most."""
    problems: list[ImmersionProblem] = []
    if not periods:
        problems.append(
            ImmersionProblem(
                say("Indiquez au moins une période (début et fin)."), "no period", "periods"
            )
        )
    for period in periods:
        if period.end < period.start:
            problems.append(
                ImmersionProblem(
                    say(
                        "La période du {start} se termine avant de commencer ({end}).",
                        start=day_text(period.start),
                        end=day_text(period.end),
                    ),
                    "period ends before it starts",
                    "periods",
                )
            )
    ordered = sorted((p for p in periods if p.end >= p.start), key=lambda p: p.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start <= before.end:
            problems.append(
                ImmersionProblem(
                    say(
                        "Les périodes du {start} et du {start2} se chevauchent.",
                        start=day_text(before.start),
                        start2=day_text(after.start),
                    ),
                    "overlapping periods",
                    "periods",
                )
            )
    days = sum(p.days for p in ordered)
    if days > MAX_DAYS:
        problems.append(
            ImmersionProblem(
                say(
                    "Une immersion dure au plus un mois par convention : {days} jours demandés.",
                    days=days,
                ),
                "immersion longer than one month",
                "periods",
            )
        )
    return problems


def renewal_problems(immersion: Immersion, renewed: Immersion | None) -> list[ImmersionProblem]:
    """A renewal keeps the objective of the convention it renews, and is the only one."""
    if immersion.renewal_of is None:
        return []
    if renewed is None:
        return [
            ImmersionProblem(
                say("La convention renouvelée est introuvable."),
                "renewed immersion not found",
                "renewal",
            )
        ]
    if renewed.objective is not immersion.objective:
        return [
            ImmersionProblem(
                say(
                    "Un renouvellement garde l'objectif de la convention renouvelée (« {label} ») : pour un autre objectif, établissez une nouvelle convention.",
                    label=renewed.objective.label,
                ),
                "renewal with another objective",
                "objective",
            )
        ]
    if renewed.renewal_of is not None:
        return [
            ImmersionProblem(
                say(
                    "Cette immersion a déjà été renouvelée une fois pour le même objectif : un second renouvellement n'est pas possible."
                ),
                "second renewal",
                "renewal",
            )
        ]
    return []


def sibling_renewal_problems(
    immersion: Immersion, others: list[Immersion]
) -> list[ImmersionProblem]:
    """Another convention already renews the same one: that was its one renewal."""
    if immersion.renewal_of is None:
        return []
    taken = [o for o in others if o.renewal_of == immersion.renewal_of and o.id != immersion.id]
    if len(taken) >= MAX_RENEWALS:
        return [
            ImmersionProblem(
                say(
                    "Cette immersion a déjà été renouvelée une fois pour le même objectif : un second renouvellement n'est pas possible."
                ),
                "second renewal",
                "renewal",
            )
        ]
    return []


def hours_problems(weekly_hours: float | None) -> list[ImmersionProblem]:
    if weekly_hours is None:
        return []
    if weekly_hours <= 0:
        return [
            ImmersionProblem(
                say("La durée hebdomadaire doit être positive."),
                "weekly hours not positive",
                "hours",
            )
        ]
    if weekly_hours > LEGAL_WEEKLY_HOURS:
        return [
            ImmersionProblem(
                say(
                    "{weekly_hours} h par semaine dépassent la durée légale de 35 h : la durée du travail de l'entreprise s'applique, vérifiez-la.",
                    weekly_hours=_hours(weekly_hours),
                ),
                "weekly hours over 35",
                "hours",
                warning=True,
            )
        ]
    return []


def company_problems(company: HostCompany) -> list[ImmersionProblem]:
    problems: list[ImmersionProblem] = []
    if not company.name.strip():
        problems.append(
            ImmersionProblem(
                say("Indiquez le nom de l'entreprise d'accueil."), "no company name", "company"
            )
        )
    siret = siret_said(company.siret)
    if siret is not None:
        problems.append(ImmersionProblem(siret, "invalid SIRET", "siret"))
    return problems


def immersion_problems(
    immersion: Immersion, renewed: Immersion | None = None, others: list[Immersion] | None = None
) -> list[ImmersionProblem]:
    """Every problem of a convention (errors, then warnings). ``renewed``: the convention
    it renews, if any; ``others``: the person's other conventions."""
    problems = (
        company_problems(immersion.company)
        + period_problems(immersion.periods)
        + renewal_problems(immersion, renewed)
        + sibling_renewal_problems(immersion, others or [])
        + hours_problems(immersion.weekly_hours)
    )
    return sorted(problems, key=lambda p: p.warning)


def check_immersion(
    immersion: Immersion, renewed: Immersion | None = None, others: list[Immersion] | None = None
) -> list[ImmersionProblem]:
    """Raise the first error; return the warnings."""
    problems = immersion_problems(immersion, renewed, others)
    for problem in problems:
        if not problem.warning:
            raise problem.error()
    return problems


def check_assessment(immersion: Immersion, today: date) -> None:
    """An assessment is recorded once the immersion has ended."""
    if not immersion.has_ended(today):
        end = immersion.ends_on
        raise ValidationError(
            say(
                "Le bilan se recueille à la fin de l'immersion (elle se termine le {date}).",
                date=day_text(end),
            )
            if end is not None
            else say("Le bilan se recueille à la fin de l'immersion (elle se termine)."),
            "assessment before the immersion ended",
            "assessment",
        )


def _hours(hours: float) -> str:
    return f"{hours:g}".replace(".", ",")
