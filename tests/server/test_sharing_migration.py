"""Migration 0010_sharing on a database that holds records: each record gets its person, each
person their followers, and the structures that received a file they do not follow are told
to erase it (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command

from spie_server.db import alembic_config, is_postgresql, make_engine, session_scope
from spie_server.models import (
    Follower,
    OrphanParent,
    PersonCounsellor,
    Record,
    Territory,
    Unshare,
    utc_now,
)
from spie_server.sealing import territory_key
from spie_server.server_key import load_or_create_secret
from spie_server.territory.territories import add_territory

HOME, PARTNER = "CD Aveyron", "Mission locale Rodez"
NOW = "2026-11-27T10:00:00+00:00"

_devices = sa.table(
    "devices",
    sa.column("id", sa.Uuid),
    sa.column("territory_id", sa.Integer),
    sa.column("structure", sa.String),
    sa.column("token_hash", sa.String),
    sa.column("enrolled_at", sa.DateTime),
)
_records = sa.table(
    "records",
    *(
        sa.column(name, kind)
        for name, kind in (
            ("territory_id", sa.Integer),
            ("entity", sa.String),
            ("entity_id", sa.Uuid),
            ("version", sa.Integer),
            ("doc", sa.LargeBinary),
            ("deleted", sa.Boolean),
            ("hlc", sa.String),
            ("device_id", sa.Uuid),
            ("seq", sa.BigInteger),
            ("updated_at", sa.DateTime),
            ("owner_structure", sa.String),
        )
    ),
)


def test_existing_files_are_shared_only_with_their_followers_after_the_upgrade(
    backend: str, database_url_factory: Callable[[str], str], tmp_path: Path
) -> None:
    engine = make_engine(database_url_factory(backend))
    secret = load_or_create_secret(tmp_path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0009_managers")
        with session_scope(engine) as session:
            territory = add_territory(session, "12", "Aveyron", secret)
            tid, key_id, wrapped = territory.id, territory.data_key_id, territory.data_key
        assert key_id is not None and wrapped is not None
        key = territory_key(secret, tid, key_id, wrapped)
        home, partner = uuid.uuid4(), uuid.uuid4()
        person, consent, interview, answer = (uuid.uuid4() for _ in range(4))
        orphan, absent_plan, counsellor = (uuid.uuid4() for _ in range(3))
        adviser = str(counsellor)
        docs: list[tuple[str, uuid.UUID, dict[str, Any]]] = [
            ("people", person, {"first_name": "Ana", "created_at": NOW}),
            ("consents", consent, {"person_id": str(person), "scopes": ["record"]}),
            ("interviews", interview, {"person_id": str(person), "social_counsellor_id": adviser}),
            ("answers", answer, {"interview_id": str(interview), "key": "sante.notes"}),
            ("objectives", orphan, {"plan_id": str(absent_plan)}),  # its plan never arrived
        ]
        with engine.begin() as connection:
            for device, structure in ((home, HOME), (partner, PARTNER)):
                connection.execute(
                    _devices.insert().values(
                        id=device,
                        territory_id=tid,
                        structure=structure,
                        token_hash=device.hex * 2,
                        enrolled_at=utc_now(),
                    )
                )
            for seq, (entity, entity_id, doc) in enumerate(docs, start=1):
                connection.execute(
                    _records.insert().values(
                        territory_id=tid,
                        entity=entity,
                        entity_id=entity_id,
                        version=1,
                        doc=key.seal_doc(entity, entity_id, 1, doc),
                        deleted=False,
                        hlc=f"{seq:015d}-00000-home",
                        device_id=home,
                        seq=seq,
                        updated_at=utc_now(),
                        owner_structure=HOME,
                    )
                )
            if is_postgresql(connection):
                connection.execute(sa.text("SELECT setval('change_seq', 5)"))
            else:
                connection.execute(
                    sa.text("UPDATE counters SET value = 5 WHERE name = 'change_seq'")
                )
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection, lambda: secret), "head")
        with session_scope(engine) as session:
            people = dict(session.execute(sa.select(Record.entity, Record.person_id)).all())
            assert people == {
                **dict.fromkeys(("people", "consents", "interviews", "answers"), person),
                "objectives": None,
            }
            # Migration 0011 indexed whom the file names and what the orphan waits for.
            named = session.execute(
                sa.select(PersonCounsellor.counsellor_id, PersonCounsellor.person_id)
            ).all()
            assert [tuple(n) for n in named] == [(counsellor, person)]
            waiting = session.execute(
                sa.select(OrphanParent.parent_id, OrphanParent.entity, OrphanParent.entity_id)
            ).all()
            assert [tuple(w) for w in waiting] == [(absent_plan, "objectives", orphan)]
            assert session.scalars(sa.select(Record.entity).where(Record.sensitive)).all() == [
                "answers"
            ]
            followers = session.execute(
                sa.select(Follower.structure, Follower.sees_sensitive)
            ).all()
            assert [tuple(f) for f in followers] == [(HOME, False)]
            notices = session.execute(sa.select(Unshare.structure, Unshare.person_id, Unshare.seq))
            assert [tuple(n) for n in notices] == [(PARTNER, person, 6)]
            assert session.get(Territory, tid) is not None
    finally:
        engine.dispose()
