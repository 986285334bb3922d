"""The one check every writer of a person's records makes: a closed or restricted file
(``domain.support_end``) takes no change, except the event that reopens it or lifts its
restriction. Interview answers, plans, consents, follow-up events and identity edits all go
through :func:`editable_person` in the unit of work that writes them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.people import Person
from spie_desktop.domain.support_end import (
    FILE_STATE_KINDS,
    FileFrozen,
    FileState,
    closed_by,
    restricted_by,
)
from spie_desktop.storage.unit_of_work import UnitOfWork


class PersonNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(say("Cette personne est introuvable."), "person not found")


def file_state(uow: UnitOfWork, person_id: uuid.UUID) -> FileState:
    """Whether the person's file is closed and whether its processing is restricted."""
    person = uow.people.find(person_id)
    if person is None:
        raise PersonNotFound()
    return _state_of(uow, person)


def editable_person(
    uow: UnitOfWork, person_id: uuid.UUID, kind: FollowUpKind | None = None
) -> Person:
    """The person whose records the caller is about to change in ``uow``; refused with
    :class:`~spie_desktop.domain.support_end.FileFrozen` when the file is closed or restricted
    (``kind``: the event the change records, which may be the one that unfreezes it)."""
    person = uow.people.find(person_id)
    if person is None:
        raise PersonNotFound()
    _state_of(uow, person).check_change(kind)
    return person


def editable_interview_person(uow: UnitOfWork, interview_id: uuid.UUID) -> Person:
    """:func:`editable_person` for the person an interview belongs to."""
    return editable_person(uow, uow.interviews.get(interview_id).person_id)


def frozen_people(uow: UnitOfWork, kind: FollowUpKind | None = None) -> set[uuid.UUID]:
    """Everyone whose file :func:`editable_person` would refuse this change to (``kind`` as
    there), read at once for all: a list import checks thousands of known people."""
    kinds_of: defaultdict[uuid.UUID, list[FollowUpKind]] = defaultdict(list)
    for event in uow.events.list_of_kinds(FILE_STATE_KINDS):
        kinds_of[event.person_id].append(event.kind)
    frozen = set()
    for person_id, kinds in kinds_of.items():
        try:
            _state_from(kinds).check_change(kind)
        except FileFrozen:
            frozen.add(person_id)
    return frozen


def _state_of(uow: UnitOfWork, person: Person) -> FileState:
    return _state_from([e.kind for e in uow.events.list_for_person(person.id)])


def _state_from(kinds: Iterable[FollowUpKind]) -> FileState:
    """A file's state from the kinds of its events, oldest first."""
    kinds = list(kinds)
    return FileState(closed=closed_by(kinds), restricted=restricted_by(kinds))
