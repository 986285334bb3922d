"""The rules for adding an event to a person's path (refusals in French, nothing written).

The caller gives the event's day in the territory's calendar, today in that calendar and
the days of the steps already on the path (see :func:`check_new_event`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from spie_desktop.domain.interface_sentence import say, verbatim

from .errors import ValidationError
from .event_details import (
    CHANNEL,
    CHANNEL_LABELS,
    CHECK_IN_MONTHS,
    CONTRACT,
    CONTRACT_LABELS,
    DIFFICULTIES,
    DIFFICULTY_LABELS,
    EMPLOYER,
    END_OF,
    HOURS,
    MONTH,
    NEW_ACTION,
    PLANNABLE_KINDS,
    PLANNED,
    STILL_IN_WORK,
)
from .events import FollowUpKind, follow_up_label
from .support_end import check_support_details

#: Nobody's path on this tool started before this day.
EARLIEST_DAY = date(1990, 1, 1)
#: Longest free text in details (an employer's name, a new action).
MAX_TEXT = 300
MAX_HOURS = 60


def is_planned(details: Mapping[str, Any]) -> bool:
    return details.get(PLANNED) is True


def check_new_event(
    kind: FollowUpKind,
    day: date,
    details: Mapping[str, Any],
    *,
    today: date,
    recorded: Iterable[tuple[FollowUpKind, date]] = (),
) -> None:
    """Refuse (``ValidationError``) an event that breaks a rule of the path.

    ``recorded`` holds the kind and day of the person's events already stored (planned ones
    left out). Rules: a day between 1990 and, unless the step is planned, today; only the
    kinds in :data:`PLANNABLE_KINDS` may be planned; an end (immersion, training, step) is
    not before its start; the details of a contact, a return to work and a check-in hold
    their fixed keys.
    """
    planned = is_planned(details)
    if day < EARLIEST_DAY:
        raise ValidationError(
            say("Cette date est trop ancienne pour un parcours : vérifiez l'année."),
            "event day before 1990",
            "date",
        )
    if planned and kind not in PLANNABLE_KINDS:
        raise ValidationError(
            say(
                "« {kind} » ne se planifie pas : enregistrez-le une fois fait.",
                kind=verbatim(follow_up_label(kind)),
            ),
            f"kind {kind.value} cannot be planned",
            "planned",
        )
    if day > today and not planned:
        raise ValidationError(
            say("Une étape datée dans le futur doit être marquée comme prévue."),
            "future event not marked planned",
            "date",
        )
    start_kind = END_OF.get(kind)
    if start_kind is not None:
        starts = [d for k, d in recorded if k is start_kind]
        if starts and all(start > day for start in starts):
            first = min(starts)
            raise ValidationError(
                say(
                    "« {kind} » ne peut pas précéder « {start_kind} » (le {first}).",
                    kind=verbatim(follow_up_label(kind)),
                    start_kind=verbatim(follow_up_label(start_kind)),
                    first=format(first, "%d/%m/%Y"),
                ),
                f"{kind.value} before its start",
                "date",
            )
    _check_details(kind, details)


def _check_details(kind: FollowUpKind, details: Mapping[str, Any]) -> None:
    if PLANNED in details and not isinstance(details[PLANNED], bool):
        raise _bad("planned", "« prévu » vaut oui ou non.")
    if kind is FollowUpKind.CONTACT and CHANNEL in details:
        _choice(details, CHANNEL, CHANNEL_LABELS, "Moyen de contact inconnu.")
    if kind is FollowUpKind.EMPLOYMENT:
        _check_employment(details)
    if kind is FollowUpKind.CHECK_IN:
        check_check_in(details)
    check_support_details(kind, details)


def _check_employment(details: Mapping[str, Any]) -> None:
    if CONTRACT in details:
        _choice(details, CONTRACT, CONTRACT_LABELS, "Type de contrat inconnu.")
    hours = details.get(HOURS)
    if hours is not None and (
        isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS
    ):
        raise _bad(HOURS, f"Le nombre d'heures par semaine est un entier entre 1 et {MAX_HOURS}.")
    _text(details, EMPLOYER, "Le nom de l'employeur")


def check_check_in(details: Mapping[str, Any]) -> None:
    """A check-in names its month (1, 3 or 6), says whether the person is still in work, and
    may give the contract, what is hard (fixed keys) and a new action."""
    month = details.get(MONTH)
    if isinstance(month, bool) or month not in CHECK_IN_MONTHS:
        raise _bad(MONTH, "Un suivi dans l'emploi se fait à 1, 3 ou 6 mois.")
    if not isinstance(details.get(STILL_IN_WORK), bool):
        raise _bad(STILL_IN_WORK, "Indiquez si la personne est toujours en emploi.")
    if CONTRACT in details:
        _choice(details, CONTRACT, CONTRACT_LABELS, "Type de contrat inconnu.")
    hard = details.get(DIFFICULTIES, [])
    if not isinstance(hard, list) or any(key not in DIFFICULTY_LABELS for key in hard):
        raise _bad(DIFFICULTIES, "Difficulté inconnue.")
    _text(details, NEW_ACTION, "La nouvelle action")


def _choice(details: Mapping[str, Any], key: str, labels: Mapping[str, str], fr: str) -> None:
    if details.get(key) not in labels:
        raise _bad(key, f"{fr} Choix possibles : {', '.join(labels.values())}.")


def _text(details: Mapping[str, Any], key: str, what: str) -> None:
    value = details.get(key)
    if value is None:
        return
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _bad(key, f"{what} est un texte d'au plus {MAX_TEXT} caractères.")


def _bad(key: str, fr: str) -> ValidationError:
    return ValidationError(fr, f"invalid event detail {key}", key)
