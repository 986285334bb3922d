"""Multi-agency case reviews: a session of professionals from several structures, and the
cases put to it with the question asked of the group and what the group decided.

A case travels under a random pseudonymous reference (« C-7K3Q »), drawn by chance and never
computed from anything about the person, so the reference alone leads back to no one; only
the counsellor's device ties it to the file. A session names its participants by name,
structure and role, nothing more.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError
from .records import Record, utc_now

REASON_MAX = 1000
QUESTION_MAX = 1000
PLACE_MAX = 200
PARTICIPANT_TEXT_MAX = 200
PARTICIPANTS_MAX = 40
DECISION_WHAT_MAX = 500
DECISION_WHO_MAX = 200
DECISIONS_MAX = 30

#: Letters and digits that cannot be mistaken for one another when read aloud or on a screen
#: (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 4
REFERENCE_PREFIX = "C-"


class ReviewStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"

    @property
    def label(self) -> str:
        return {ReviewStatus.PLANNED: "Prévue", ReviewStatus.HELD: "Tenue"}[self]


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone taking part in a session: name, structure and role, nothing else."""

    name: str
    structure: str
    role: str = ""

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "structure": self.structure, "role": self.role}


@dataclass(frozen=True, slots=True)
class Decision:
    """What the group decided for a case: what is to be done, by whom, by when."""

    what: str
    who: str = ""
    due_on: date | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "what": self.what,
            "who": self.who,
            "due_on": None if self.due_on is None else self.due_on.isoformat(),
        }


@dataclass(kw_only=True)
class CaseReview(Record):
    starts_at: datetime
    place: str
    participants: list[Participant] = field(default_factory=list)
    status: ReviewStatus = ReviewStatus.PLANNED
    structure_id: uuid.UUID | None = None
    author_id: uuid.UUID | None = None


@dataclass(kw_only=True)
class ReviewCase(Record):
    """A person's situation flagged for a case review (``review_id`` once scheduled)."""

    person_id: uuid.UUID
    reason: str
    question: str
    reference: str
    review_id: uuid.UUID | None = None
    include_sex: bool = False
    decisions: list[Decision] = field(default_factory=list)
    flagged_at: datetime = field(default_factory=utc_now)
    author_id: uuid.UUID | None = None


# -- checks -----------------------------------------------------------------------------------


def _text(value: str, *, name: str, field_name: str, limit: int, required: bool) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(
            say("{name} est obligatoire.", name=name), f"{field_name} is empty", field_name
        )
    if len(text) > limit:
        raise ValidationError(
            say("{name} est trop long ({limit} caractères au plus).", name=name, limit=limit),
            f"{field_name} longer than {limit}",
            field_name,
        )
    return text


def checked_reason(text: str) -> str:
    return _text(text, name="Le motif", field_name="reason", limit=REASON_MAX, required=True)


def checked_question(text: str) -> str:
    return _text(
        text,
        name="La question posée au groupe",
        field_name="question",
        limit=QUESTION_MAX,
        required=True,
    )


def checked_place(text: str) -> str:
    return _text(text, name="Le lieu", field_name="place", limit=PLACE_MAX, required=True)


def checked_participants(participants: Sequence[Participant]) -> list[Participant]:
    """Participants with their texts trimmed; empty lines dropped; a line needs a name and
    a structure."""
    kept: list[Participant] = []
    for p in participants:
        if not (p.name.strip() or p.structure.strip() or p.role.strip()):
            continue
        kept.append(
            Participant(
                name=_participant_text(p.name, "Le nom d'un participant", required=True),
                structure=_participant_text(
                    p.structure, "La structure d'un participant", required=True
                ),
                role=_participant_text(p.role, "Le rôle d'un participant", required=False),
            )
        )
    if len(kept) > PARTICIPANTS_MAX:
        raise ValidationError(
            say(
                "Une revue réunit au plus {PARTICIPANTS_MAX} participants.",
                PARTICIPANTS_MAX=PARTICIPANTS_MAX,
            ),
            "too many participants",
            "participants",
        )
    return kept


def _participant_text(value: str, name: str, *, required: bool) -> str:
    return _text(
        value,
        name=name,
        field_name="participants",
        limit=PARTICIPANT_TEXT_MAX,
        required=required,
    )


def checked_decisions(decisions: Sequence[Decision]) -> list[Decision]:
    """Decisions with their texts trimmed; empty lines dropped; each needs what to do."""
    kept: list[Decision] = []
    for d in decisions:
        if not (d.what.strip() or d.who.strip() or d.due_on):
            continue
        kept.append(
            Decision(
                what=_text(
                    d.what,
                    name="Ce qui est décidé",
                    field_name="decisions",
                    limit=DECISION_WHAT_MAX,
                    required=True,
                ),
                who=_text(
                    d.who,
                    name="Qui s'en charge",
                    field_name="decisions",
                    limit=DECISION_WHO_MAX,
                    required=False,
                ),
                due_on=d.due_on,
            )
        )
    if len(kept) > DECISIONS_MAX:
        raise ValidationError(
            say("Au plus {DECISIONS_MAX} décisions par situation.", DECISIONS_MAX=DECISIONS_MAX),
            "too many decisions",
            "decisions",
        )
    return kept


# -- the pseudonymous reference ---------------------------------------------------------------


def random_reference(taken: Collection[str], draw: Callable[[str], str] = secrets.choice) -> str:
    """A reference no case on this device has yet, drawn by chance (``draw`` picks one
    character of the alphabet): nothing about the person goes into it."""
    for _ in range(1000):
        body = "".join(draw(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = REFERENCE_PREFIX + body
        if reference not in taken:
            return reference
    raise ValidationError(
        say("Impossible de tirer une référence libre : trop de situations enregistrées."),
        "no free case reference left",
    )


# -- JSON forms -------------------------------------------------------------------------------


def participants_from_json(value: Any) -> list[Participant]:
    """Participants as stored; anything else a newer version may add is left out."""
    return [
        Participant(
            name=str(item.get("name", "")),
            structure=str(item.get("structure", "")),
            role=str(item.get("role", "")),
        )
        for item in value or ()
        if isinstance(item, Mapping)
    ]


def decisions_from_json(value: Any) -> list[Decision]:
    found: list[Decision] = []
    for item in value or ():
        if not isinstance(item, Mapping):
            continue
        due = item.get("due_on")
        try:
            due_on = date.fromisoformat(due) if isinstance(due, str) and due else None
        except ValueError:
            due_on = None
        found.append(Decision(str(item.get("what", "")), str(item.get("who", "")), due_on))
    return found
