"""Who follows a person, kept in the ``followers`` table, and what changes when it changes.

The structures that follow a person (by the enrolment name of their devices):

* the structure whose device created their file (wrote their ``people`` record; until the
  server has it, the structures whose devices wrote the person's records). Writing another
  record of the file makes no follower: a partner that received the file only through the
  person's consent to share, and noted a contact in it, loses it with that consent like any
  other partner;
* the structure of each counsellor named on the person's interviews (social and employment
  counsellors), consents (who recorded them) and plan signatures: a ``counsellors`` record's
  ``structure_id`` names a ``structures`` record, and a structures record is the structure of
  the device that created it (its ``owner_structure``); a counsellor without a structure
  counts for the structure of the device that created it;
* every structure of the territory (the row ``*``) when the person's latest consent holds
  ``share_consortium``.

``sees_sensitive`` (every row of the person): their latest consent holds ``share_sensitive``.

When the set changes, in the push's transaction: a structure that starts following (or starts
seeing sensitive answers) gets the person's whole file again — their live records are
re-sequenced, so its devices receive them at their next pull whatever they pulled before; a
structure that stops following (or stops seeing sensitive answers) gets an ``unshares`` notice
with a new sequence number, and its devices erase their copy of the file (a structure that
still follows receives the file again after the notice, without what it may no longer see).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Uuid, delete, select
from sqlalchemy.orm import Session

from spie_protocol.schemas import SCHEMAS
from spie_protocol.sharing import SHARE_CONSORTIUM, SHARE_SENSITIVE
from spie_server.models import Device, Follower, Record, Unshare, table_of
from spie_server.sealing import keys_for
from spie_server.sync.bulk import insert_rows, one_of, update_rows
from spie_server.sync.people_of import as_uuid
from spie_server.sync.purge import PERSON
from spie_server.sync.sequence import lock_and_draw
from spie_server.sync.visibility import EVERYONE

STRUCTURES = "structures"
COUNSELLORS = "counsellors"
CONSENTS = "consents"
#: Fields that name a counsellor who works with the person.
COUNSELLOR_FIELDS = ("social_counsellor_id", "emploi_counsellor_id", "counsellor_id", "recorded_by")
#: Entities whose documents name counsellors or hold the consent's scopes.
READ_FOR_FOLLOWERS = tuple(
    sorted(
        entity
        for entity, schema in SCHEMAS.items()
        if entity == CONSENTS or any(name in schema for name in COUNSELLOR_FIELDS)
    )
)

Followers = dict[str, bool]  # structure → sees sensitive answers


class _Directory:
    """The territory's counsellors and structures: counsellor id → structure name."""

    def __init__(self, session: Session, territory: int) -> None:
        key = keys_for(session, territory)
        rows = session.execute(
            select(
                Record.entity, Record.entity_id, Record.version, Record.doc, Record.owner_structure
            ).where(
                Record.territory_id == territory,
                Record.entity.in_((STRUCTURES, COUNSELLORS)),
                Record.deleted.is_(False),
            )
        )
        self.structures: dict[uuid.UUID, str | None] = {}
        counsellors: dict[uuid.UUID, tuple[uuid.UUID | None, str | None]] = {}
        for entity, entity_id, version, sealed, owner in rows:
            if entity == STRUCTURES:
                self.structures[entity_id] = owner
            else:
                doc = key.open_doc(entity, entity_id, version, sealed)
                counsellors[entity_id] = (as_uuid(doc.get("structure_id")), owner)
        self.counsellors = counsellors
        self.territory_structures = {
            name
            for name in session.scalars(
                select(Device.structure).where(Device.territory_id == territory).distinct()
            )
        }

    def structure_of(self, counsellor: uuid.UUID) -> str | None:
        structure_id, owner = self.counsellors.get(counsellor, (None, None))
        if structure_id is not None and self.structures.get(structure_id):
            return self.structures[structure_id]
        return owner


Named = dict[uuid.UUID, set[uuid.UUID]]  # person → counsellors named on their file


def counsellors_of(session: Session, territory: int, structures: set[uuid.UUID]) -> set[uuid.UUID]:
    """The counsellors whose ``structure_id`` names one of ``structures``."""
    if not structures:
        return set()
    directory = _Directory(session, territory)
    return {c for c, (s, _) in directory.counsellors.items() if s in structures}


def refresh(session: Session, territory: int, people: Iterable[uuid.UUID]) -> Named:
    """Recompute the followers of ``people``; re-sequence and notify as the changes need.
    Returns the counsellors named on each one's file (for counsellor_index.py)."""
    wanted = sorted(set(people))
    if not wanted:
        return {}
    directory = _Directory(session, territory)
    computed, sensitive_by, named = _compute(session, territory, wanted, directory)
    stored = _stored(session, territory, wanted)
    everyone = directory.territory_structures
    resend: list[uuid.UUID] = []
    notices: list[tuple[uuid.UUID, str]] = []
    for person in wanted:
        new, old = computed.get(person, {}), stored.get(person, {})
        if new == old:
            continue
        gained, lost = _difference(old, new, everyone, sensitive_by.get(person, set()))
        # A person without followers yet is new: nothing of theirs was withheld from anyone.
        if old and (gained or lost & set(_effective(new, everyone))):
            resend.append(person)
        notices.extend((person, structure) for structure in sorted(lost))
        _replace(session, territory, person, new)
    _notify(session, territory, notices)
    resequence(session, territory, resend)
    return {person: named.get(person, set()) for person in wanted}


def _effective(followers: Followers, everyone: set[str]) -> Followers:
    """Per structure that may receive the file: whether it sees sensitive answers."""
    if EVERYONE not in followers:
        return followers
    sees = followers[EVERYONE]
    return {**dict.fromkeys(everyone, sees), **{s: v or sees for s, v in followers.items()}}


def _difference(
    old: Followers, new: Followers, everyone: set[str], sensitive_by: set[str]
) -> tuple[set[str], set[str]]:
    """Structures that gain the file (or sensitive answers of another structure), and those
    that lose it (or them). ``*`` stands for the structures of the territory's devices and
    for any later one. ``sensitive_by``: the structures that recorded the sensitive answers."""
    old_eff, new_eff = _effective(old, everyone), _effective(new, everyone)

    def others(structure: str) -> bool:  # sensitive answers it sees only when allowed
        return bool(sensitive_by - {structure})

    gained = {
        s
        for s, sees in new_eff.items()
        if s not in old_eff or (sees and not old_eff[s] and others(s))
    }
    lost = {
        s
        for s, sees in old_eff.items()
        if s not in new_eff or (sees and not new_eff[s] and others(s))
    }
    return gained - {EVERYONE}, lost - {EVERYONE}


def _compute(
    session: Session, territory: int, people: list[uuid.UUID], directory: _Directory
) -> tuple[dict[uuid.UUID, Followers], dict[uuid.UUID, set[str]], Named]:
    """Each person's followers, the structures that recorded their sensitive answers, and
    the counsellors their live records name."""
    key = keys_for(session, territory)
    rows = session.execute(
        select(
            Record.person_id,
            Record.entity,
            Record.entity_id,
            Record.version,
            Record.doc,
            Record.deleted,
            Record.owner_structure,
            Record.sensitive,
        ).where(Record.territory_id == territory, one_of(session, Record.person_id, people, Uuid()))
    )
    structures: dict[uuid.UUID, set[str]] = {}
    writers: dict[uuid.UUID, dict[str, bool]] = {}  # structure → whether it wrote the person
    consent: dict[uuid.UUID, tuple[datetime, str, list[Any]]] = {}
    sensitive_by: dict[uuid.UUID, set[str]] = {}
    named: Named = {}
    for person, entity, entity_id, version, sealed, deleted, owner, sensitive in rows:
        if person is None:
            continue
        names = structures.setdefault(person, set())
        if owner:
            wrote = writers.setdefault(person, {})
            wrote[owner] = wrote.get(owner, False) or entity == PERSON
        if sensitive and not deleted:
            sensitive_by.setdefault(person, set()).add(owner or "")
        if deleted or entity not in READ_FOR_FOLLOWERS:
            continue
        doc = key.open_doc(entity, entity_id, version, sealed)
        for name in COUNSELLOR_FIELDS:
            counsellor = as_uuid(doc.get(name))
            if counsellor is not None:  # known or not yet: its arrival looks the person up
                named.setdefault(person, set()).add(counsellor)
            structure = directory.structure_of(counsellor) if counsellor else None
            if structure:
                names.add(structure)
        if entity == CONSENTS:
            latest = (_when(doc.get("given_at")), str(entity_id), _scopes(doc))
            if person not in consent or latest[:2] > consent[person][:2]:
                consent[person] = latest
    result: dict[uuid.UUID, Followers] = {}
    for person, names in structures.items():
        names |= _creators(writers.get(person, {}))
        scopes = consent[person][2] if person in consent else []
        sees = SHARE_SENSITIVE in scopes
        followers = dict.fromkeys(names, sees)
        if SHARE_CONSORTIUM in scopes:
            followers[EVERYONE] = sees
        result[person] = followers
    return result, sensitive_by, named


def _creators(writers: dict[str, bool]) -> set[str]:
    """The structure that created the file (wrote the person record); while the server has
    no person record yet (their file comes in a later push), the structures that wrote it."""
    created = {structure for structure, wrote_person in writers.items() if wrote_person}
    return created or set(writers)


def _when(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _scopes(doc: dict[str, Any]) -> list[Any]:
    scopes = doc.get("scopes")
    return scopes if isinstance(scopes, list) else []


def _stored(
    session: Session, territory: int, people: list[uuid.UUID]
) -> dict[uuid.UUID, Followers]:
    rows = session.execute(
        select(Follower.person_id, Follower.structure, Follower.sees_sensitive).where(
            Follower.territory_id == territory, one_of(session, Follower.person_id, people, Uuid())
        )
    )
    stored: dict[uuid.UUID, Followers] = {}
    for person, structure, sees in rows:
        stored.setdefault(person, {})[structure] = bool(sees)
    return stored


def _replace(session: Session, territory: int, person: uuid.UUID, followers: Followers) -> None:
    session.execute(
        delete(Follower)
        .where(Follower.territory_id == territory, Follower.person_id == person)
        .execution_options(synchronize_session=False)
    )
    rows = [
        {"territory_id": territory, "person_id": person, "structure": s, "sees_sensitive": v}
        for s, v in sorted(followers.items())
    ]
    insert_rows(session, table_of(Follower), rows)


def _notify(session: Session, territory: int, notices: list[tuple[uuid.UUID, str]]) -> None:
    """One ``unshares`` row per (person, structure), at a new sequence number."""
    if not notices:
        return
    seqs = lock_and_draw(session, territory, len(notices))
    for (person, structure), seq in zip(notices, seqs, strict=True):
        session.execute(
            delete(Unshare)
            .where(
                Unshare.territory_id == territory,
                Unshare.structure == structure,
                Unshare.person_id == person,
            )
            .execution_options(synchronize_session=False)
        )
        session.add(Unshare(territory_id=territory, structure=structure, person_id=person, seq=seq))
    session.flush()


def resequence(session: Session, territory: int, people: list[uuid.UUID]) -> None:
    """Give the live records of ``people`` new sequence numbers, in their former order, so
    every device that may receive them does at its next pull."""
    if not people:
        return
    rows = session.execute(
        select(Record.entity, Record.entity_id)
        .where(
            Record.territory_id == territory,
            Record.deleted.is_(False),
            one_of(session, Record.person_id, sorted(people), Uuid()),
        )
        .order_by(Record.seq)
    ).all()
    resequence_records(session, territory, [(e, i) for e, i in rows])


def resequence_records(session: Session, territory: int, keys: list[tuple[str, uuid.UUID]]) -> None:
    if not keys:
        return
    seqs = lock_and_draw(session, territory, len(keys))
    rows = [
        {"territory_id": territory, "entity": e, "entity_id": i, "seq": seq}
        for (e, i), seq in zip(keys, seqs, strict=True)
    ]
    update_rows(session, table_of(Record), ("territory_id", "entity", "entity_id"), rows)
