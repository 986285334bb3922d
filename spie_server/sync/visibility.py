"""Which records a device may receive: the SQL condition pull, the integrity digest and blob
downloads share (see followers.py for who follows a person).

A record that belongs to a person (its ``person_id`` column) goes to the devices of the
structures that follow that person (``followers``, or the row ``*``: every structure of the
territory); a sensitive answer only to the structure that recorded it, unless the person agreed
that their followers see it too. A record that belongs to no one (structures, counsellors,
anonymous evaluations, case reviews, tombstones) goes to the whole territory. A person-bound
record whose person is not known yet (its parent has not arrived) goes only to the structure
that wrote it, until its parent arrives and it is re-sequenced for the followers.

One ``EXISTS`` on the followers' primary key per record of the page: the page is still read
in sequence order through ``ix_records_territory_seq``.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_

from spie_server.models import Follower, Record, Unshare
from spie_server.sync.purge import PERSON, owner_references

#: Every structure of the territory follows the person (they agreed to share with it).
EVERYONE = "*"


def person_bound() -> frozenset[str]:
    """Entities whose records belong to a person (from the protocol's owner chains)."""
    return frozenset({PERSON, *owner_references()})


BOUND: frozenset[str] = person_bound()


def follows(structure: str) -> ColumnElement[bool]:
    """``structure`` follows the person of the current ``Record`` row and may see it."""
    return exists().where(
        Follower.territory_id == Record.territory_id,
        Follower.person_id == Record.person_id,
        Follower.structure.in_((structure, EVERYONE)),
        or_(
            Record.sensitive.is_(False),
            Record.owner_structure == structure,
            Follower.sees_sensitive.is_(True),
        ),
    )


def visible_to(structure: str) -> ColumnElement[bool]:
    """The ``Record`` rows the devices of ``structure`` may receive."""
    return or_(
        and_(
            Record.person_id.is_(None),
            or_(Record.entity.not_in(sorted(BOUND)), Record.owner_structure == structure),
        ),
        and_(Record.person_id.is_not(None), follows(structure)),
    )


def once_unshared(structure: str) -> ColumnElement[bool]:
    """``structure`` was once told to erase the file of the current ``Record`` row's person
    (its devices may have erased records they wrote themselves)."""
    return exists().where(
        Unshare.territory_id == Record.territory_id,
        Unshare.structure == structure,
        Unshare.person_id == Record.person_id,
    )
