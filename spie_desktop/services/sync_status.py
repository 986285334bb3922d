"""Per-record sync badge for lists and forms: pending, sent, error or conflict.

Cheap enough for a list: :func:`badges_for` answers for many ids with two indexed queries.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from enum import StrEnum

from spie_desktop.storage.session import Session


class Badge(StrEnum):
    LOCAL = "local"  # never synchronised and nothing waiting (e.g. before enrolment)
    PENDING = "pending"  # a change waits to be sent
    SENT = "sent"  # the server has every change
    ERROR = "error"  # the server refused a change (the reason is kept)
    CONFLICT = "conflict"  # a value waits in the conflict inbox


BADGE_FR = {
    Badge.LOCAL: "Non synchronisé",
    Badge.PENDING: "En attente d'envoi",
    Badge.SENT: "Envoyé",
    Badge.ERROR: "Refusé par le serveur",
    Badge.CONFLICT: "Conflit à examiner",
}


def badges_for(session: Session, entity_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Badge]:
    ids = list(entity_ids)
    with session.uow(read_only=True) as uow:
        states = uow.merge_base.record_states(ids)
    return {i: _badge(states.get(i, set())) for i in ids}


def badge_for(session: Session, entity: str, entity_id: uuid.UUID) -> Badge:
    del entity  # ids are UUIDs: unique across entities
    return badges_for(session, [entity_id])[entity_id]


def _badge(states: set[str]) -> Badge:
    for status, badge in (
        ("conflict", Badge.CONFLICT),
        ("error", Badge.ERROR),
        ("pending", Badge.PENDING),
    ):
        if status in states:
            return badge
    if states & {"sent", "merged", "synced"}:
        return Badge.SENT
    return Badge.LOCAL
