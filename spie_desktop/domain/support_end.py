"""The end of a person's support, its reopening and the restriction of processing (RGPD
art. 18): the outcomes, the rules on their dates and details, and when a file is frozen.

A file is *closed* while the person's stored status is ``closed`` (an END_OF_SUPPORT event
set it; a SUPPORT_REOPENED event lifts it). A file is *restricted* while the latest of its
RESTRICTED / RESTRICTION_LIFTED events is a RESTRICTED one. A closed or restricted file is
frozen: no change to the person's records is accepted, except the event that unfreezes it
(and a restriction of a closed file).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from spie_desktop.domain.interface_sentence import say

from .errors import SpieError, ValidationError
from .events import FollowUpKind


class SupportOutcome(StrEnum):
    """Why the support ended. Stored values never change (they travel)."""

    EMPLOYMENT_LASTING = "emploi_durable"
    EMPLOYMENT_SHORT = "emploi_court"
    QUALIFYING_TRAINING = "formation_qualifiante"
    BUSINESS_CREATION = "creation_activite"
    REFERRAL = "reorientation"
    MOVED = "demenagement"
    NO_NEWS = "sans_nouvelles"
    DEATH = "deces"
    OTHER = "autre"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    SupportOutcome.EMPLOYMENT_LASTING: "Emploi durable (6 mois ou plus)",
    SupportOutcome.EMPLOYMENT_SHORT: "Emploi de moins de 6 mois",
    SupportOutcome.QUALIFYING_TRAINING: "Formation qualifiante",
    SupportOutcome.BUSINESS_CREATION: "Création d'activité",
    SupportOutcome.REFERRAL: "Réorientation vers un autre accompagnement",
    SupportOutcome.MOVED: "Déménagement",
    SupportOutcome.NO_NEWS: "Sans nouvelles",
    SupportOutcome.DEATH: "Décès",
    SupportOutcome.OTHER: "Autre",
}

#: details["outcome"] of an END_OF_SUPPORT event; details["reason"] of a reopening or a
#: restriction.
OUTCOME = "outcome"
REASON = "reason"
MAX_REASON = 500

#: Kinds recorded only through their own action (close, reopen, restrict, lift), never
#: through the generic "add an event".
SUPPORT_KINDS = frozenset(
    {
        FollowUpKind.END_OF_SUPPORT,
        FollowUpKind.SUPPORT_REOPENED,
        FollowUpKind.RESTRICTED,
        FollowUpKind.RESTRICTION_LIFTED,
    }
)
_RESTRICTION_KINDS = (FollowUpKind.RESTRICTED, FollowUpKind.RESTRICTION_LIFTED)
#: What a closed file still takes: its reopening, and a restriction and its lifting.
_CLOSED_FILE_TAKES = (FollowUpKind.SUPPORT_REOPENED, *_RESTRICTION_KINDS)


def outcome_of(code: str) -> SupportOutcome:
    """The outcome named by ``code``; ValidationError listing the codes otherwise."""
    try:
        return SupportOutcome(code)
    except ValueError:
        codes = ", ".join(o.value for o in SupportOutcome)
        raise ValidationError(
            say(
                "Issue d'accompagnement inconnue : {code}. Codes possibles : {codes}.",
                code=code,
                codes=codes,
            ),
            "unknown support outcome",
            OUTCOME,
        ) from None


def checked_reason(text: str, what: str) -> str:
    """A mandatory reason, stripped; ``what`` names it in the message (« Le motif »)."""
    reason = " ".join(text.split())
    if not reason:
        raise ValidationError(say("{what} est obligatoire.", what=what), "reason required", REASON)
    if len(reason) > MAX_REASON:
        raise ValidationError(
            say("{what} fait au plus {MAX_REASON} caractères.", what=what, MAX_REASON=MAX_REASON),
            "reason too long",
            REASON,
        )
    return reason


def check_end_day(day: date, *, today: date, oriented_on: date | None) -> None:
    """An end of support happened (not in the future) and not before the orientation."""
    if day > today:
        raise ValidationError(
            say("La date de fin d'accompagnement ne peut pas être dans le futur."),
            "end of support in the future",
            "date",
        )
    if oriented_on is not None and day < oriented_on:
        raise ValidationError(
            say(
                "La date de fin d'accompagnement ne peut pas précéder l'orientation (le "
                "{oriented_on}).",
                oriented_on=format(oriented_on, "%d/%m/%Y"),
            ),
            "end of support before orientation",
            "date",
        )


def check_support_details(kind: FollowUpKind, details: Mapping[str, Any]) -> None:
    """The details an END_OF_SUPPORT (an outcome), a reopening or a restriction (a reason)
    must hold; any other kind is not checked here."""
    if kind is FollowUpKind.END_OF_SUPPORT:
        outcome_of(str(details.get(OUTCOME, "")))
    elif kind in (FollowUpKind.SUPPORT_REOPENED, FollowUpKind.RESTRICTED):
        value = details.get(REASON)
        checked_reason(value if isinstance(value, str) else "", "Le motif")


def restricted_by(kinds_in_order: Iterable[FollowUpKind]) -> bool:
    """Whether the latest restriction event (events oldest first) is a restriction."""
    latest = [k for k in kinds_in_order if k in _RESTRICTION_KINDS]
    return bool(latest) and latest[-1] is FollowUpKind.RESTRICTED


def closed_by(kinds_in_order: Iterable[FollowUpKind]) -> bool:
    """Whether the latest end-of-support or reopening event (oldest first) is an end."""
    latest = [k for k in kinds_in_order if k in _SUPPORT_KINDS]
    return bool(latest) and latest[-1] is FollowUpKind.END_OF_SUPPORT


_SUPPORT_KINDS = frozenset({FollowUpKind.END_OF_SUPPORT, FollowUpKind.SUPPORT_REOPENED})
#: The only events whose order says whether a file is closed or restricted.
FILE_STATE_KINDS = _SUPPORT_KINDS | frozenset(_RESTRICTION_KINDS)


class FileFrozen(SpieError):
    """A change to a closed or restricted file."""


@dataclass(frozen=True)
class FileState:
    """Whether a person's file accepts changes."""

    closed: bool = False
    restricted: bool = False

    @property
    def frozen(self) -> bool:
        return self.closed or self.restricted

    def check_change(self, kind: FollowUpKind | None = None) -> None:
        """Refuse (:class:`FileFrozen`) a change to a frozen file. ``kind`` is the event the
        change records, if it records one: lifting a restriction, reopening a closed file
        and restricting or lifting the restriction of a closed file are the changes a frozen
        file still takes."""
        if self.restricted and kind is not FollowUpKind.RESTRICTION_LIFTED:
            raise FileFrozen(
                say(
                    "Le traitement de ce dossier est limité (RGPD, article 18) : il ne peut pas "
                    "être modifié. Levez d'abord la limitation."
                ),
                "file restricted: change refused",
            )
        if self.closed and kind not in _CLOSED_FILE_TAKES:
            raise FileFrozen(
                say(
                    "L'accompagnement de cette personne est terminé : son dossier est en lecture "
                    "seule. Rouvrez l'accompagnement pour le modifier."
                ),
                "file closed: change refused",
            )
