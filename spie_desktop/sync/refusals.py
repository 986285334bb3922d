"""Deletions the server refused while keeping the record: its copy comes back here.

``not_owner``: another structure created the record, and only its devices may delete it.
``deletion_held``: this device deleted more records in an hour than the territory allows; the
deletion waits for an administrator. Either way the server still holds the record, so the copy
deleted here is put back from the server's record (``current`` in the answer, else the last
server version this device holds), the device agrees with the server again and the sync says
why in French. If an administrator approves a held deletion, the deletion arrives by a pull.

An erasure (a tombstone this device pushes: a new ``purges`` record, not a deletion) past the
allowance is refused ``deletion_held`` too, with nothing to put back: the file stays forgotten
here, its tombstone stays in the outbox marked with the refusal (never sent again: the decision
is the administrator's), and every sync says « Effacement en attente de validation par
l'administrateur » until the server's own tombstone for that person arrives — the one it writes
when the administrator approves — which takes the place of this device's
(:func:`spie_desktop.sync.tombstones.settle_local_tombstones`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from spie_desktop.domain.interface_sentence import Sentence, say
from spie_desktop.storage.entities import PURGES
from spie_desktop.storage.repositories.base import OUTBOX
from spie_desktop.storage.repositories.outbox import ERROR
from spie_protocol.messages import Change, ChangeResult

from .apply import ApplyCounts, Remote, apply_remote

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

NOT_OWNER = "not_owner"
DELETION_HELD = "deletion_held"
KEPT_CODES = frozenset({NOT_OWNER, DELETION_HELD})
#: ``kept`` key of a push's result for an erasure the server holds for an administrator.
ERASURE_HELD = "erasure_held"
ERASURE_HELD_FR = "Effacement en attente de validation par l'administrateur"


def is_held_erasure(change: Change, result: ChangeResult) -> bool:
    """True when the server held this device's tombstone past its hourly allowance."""
    code = result.reason.code if result.reason is not None else None
    return change.entity == PURGES and not change.deleted and code == DELETION_HELD


def held_erasures(uow: UnitOfWork) -> int:
    """How many of this device's erasures wait for an administrator of the territory."""
    c = OUTBOX.c
    stmt = select(func.count()).where(
        c.entity == PURGES, c.status == ERROR, c.error.like(f"{DELETION_HELD}:%")
    )
    return int(uow.session.execute(stmt).scalar_one())


def held_erasures_warning(n: int) -> Sentence:
    """« Effacement en attente de validation par l'administrateur : 1 dossier… »."""
    if n == 1:
        return say(
            "Effacement en attente de validation par l'administrateur : 1 dossier effacé sur "
            "cet ordinateur est encore sur le serveur du territoire (trop d'effacements en une "
            "heure). Il en sera effacé dès qu'un administrateur l'aura accepté."
        )
    return say(
        "Effacement en attente de validation par l'administrateur : {n} dossiers effacés sur "
        "cet ordinateur sont encore sur le serveur du territoire (trop d'effacements en une "
        "heure). Ils en seront effacés dès qu'un administrateur l'aura accepté.",
        n=n,
    )


def restore_refused(
    uow: UnitOfWork, change: Change, result: ChangeResult, counts: ApplyCounts
) -> str | None:
    """Put back a record whose deletion the server refused; its refusal code, or None when the
    refusal was of another kind (nothing done)."""
    code = result.reason.code if result.reason is not None else None
    if not change.deleted or code is None or code not in KEPT_CODES:
        return None
    current = result.current
    if current is not None and not current.deleted:
        remote = Remote.of(current.model_dump(mode="json"))
    else:
        entity, entity_id = change.entity, change.entity_id
        base = uow.merge_base.base(entity, entity_id)
        if base is None or base.deleted:
            return code
        remote = Remote(
            entity, entity_id, base.version, base.doc, uow.documents.stamp(), False, None
        )
    apply_remote(uow, remote, counts=counts, force=True)
    return code


def warnings(kept: dict[str, int]) -> list[Sentence]:
    """What the sync report says about refused deletions."""
    out = []
    owned = kept.get(NOT_OWNER, 0)
    if owned == 1:
        out.append(
            say(
                "Suppression refusée pour 1 fiche : seule la structure qui a créé une fiche "
                "peut la supprimer. Elle a été rétablie sur cet ordinateur."
            )
        )
    elif owned:
        out.append(
            say(
                "Suppression refusée pour {n} fiches : seule la structure qui a créé une fiche "
                "peut la supprimer. Elles ont été rétablies sur cet ordinateur.",
                n=owned,
            )
        )
    held = kept.get(DELETION_HELD, 0)
    if held == 1:
        out.append(
            say(
                "La suppression de 1 fiche attend l'accord d'un administrateur du territoire "
                "(trop de suppressions en une heure). En attendant, elle a été rétablie sur cet "
                "ordinateur."
            )
        )
    elif held:
        out.append(
            say(
                "La suppression de {n} fiches attend l'accord d'un administrateur du territoire "
                "(trop de suppressions en une heure). En attendant, elles ont été rétablies sur "
                "cet ordinateur.",
                n=held,
            )
        )
    return out
