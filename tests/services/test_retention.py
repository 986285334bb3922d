"""The retention run on a device: a due file is forgotten only once the server holds all of
it; while one of its changes waits to be pushed (or is in flight), or one of its pulled
records is set aside, it waits and says why. The territory's rule replaces the defaults."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from spie_desktop.config import store_path
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.retention import DueBecause, RetentionRules
from spie_desktop.services.people import PeopleService
from spie_desktop.services.retention import Verdict, rules_in_force, run_retention
from spie_desktop.storage.repositories.base import OUTBOX
from spie_desktop.storage.session import Session
from spie_desktop.sync.push import form_batch
from spie_desktop.sync.state_keys import RETENTION_RULES_KEY
from spie_desktop.sync.territory_rules import keep_territory_rules
from spie_protocol.messages import RetentionRulesModel, TerritorySettings

from .forgetting import names, sql_dump, traces

LONG_AGO = datetime.now(UTC) - timedelta(days=800)  # 26 months and more


def _ended_long_ago(session: Session, first: str, last: str) -> uuid.UUID:
    person = PeopleService(session).create_person(first, last, date(1970, 6, 7))
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=person.id,
                kind=FollowUpKind.END_OF_SUPPORT,
                occurred_at=LONG_AGO,
                note="parti vivre à Millau",
            )
        )
    return person.id


def _server_holds_everything(session: Session) -> None:
    with session.uow() as uow:
        ids = list(uow.session.execute(select(OUTBOX.c.op_id)).scalars())
        uow.outbox.mark_sent(ids)


def test_a_due_file_waits_for_the_outbox_then_is_forgotten(session: Session) -> None:
    person_id = _ended_long_ago(session, "Théodule", "Cabrespine")
    kept = PeopleService(session).create_person("Ana", "Silva", date(1990, 1, 1))

    waiting = run_retention(session)
    assert [(x.person_id, x.verdict) for x in waiting] == [(person_id, Verdict.WAITING)]
    assert waiting[0].because is DueBecause.END_OF_SUPPORT
    assert "pas encore envoyée" in waiting[0].waiting_fr
    with session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is not None

    _server_holds_everything(session)
    dry = run_retention(session, dry_run=True)
    assert [(x.person_id, x.verdict) for x in dry] == [(person_id, Verdict.DUE)]
    with session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is not None

    done = run_retention(session)
    assert [(x.person_id, x.verdict) for x in done] == [(person_id, Verdict.PURGED)]
    needles = ["Théodule", "Cabrespine", "1970-06-07", "parti vivre à Millau"]
    assert traces(session.data_dir, session.data_key, needles) == {}
    # Only a tombstone names their (random) id: what the server sends back of them before
    # its own run forgot them is forgotten again.
    dump = sql_dump(store_path(session.data_dir), session.data_key).splitlines()
    naming = [line for line in dump if names(line, person_id)]
    assert naming and all('"purges"' in line for line in naming), naming
    with session.uow(read_only=True) as uow:
        assert uow.people.find(kept.id) is not None
    assert run_retention(session) == []


def test_a_due_file_waits_while_a_batch_carrying_it_is_in_flight(session: Session) -> None:
    person_id = _ended_long_ago(session, "Zoé", "Peyrusse")
    with session.uow() as uow:
        assert form_batch(uow, 50, 1_000_000) is not None
    _server_holds_everything(session)  # pending no more, but the answer is still awaited
    lines = run_retention(session)
    assert [(x.person_id, x.verdict) for x in lines] == [(person_id, Verdict.WAITING)]
    assert "envoi" in lines[0].waiting_fr


def test_a_due_file_waits_while_a_record_of_theirs_is_set_aside(session: Session) -> None:
    person_id = _ended_long_ago(session, "Zoé", "Peyrusse")
    _server_holds_everything(session)
    event_id = uuid.uuid4()
    with session.uow() as uow:
        record = {
            "entity": "follow_up_events",
            "entity_id": str(event_id),
            "version": 1,
            "fields": {"person_id": str(person_id), "kind": "from_the_future"},
            "hlc": "x",
            "deleted": False,
        }
        uow.inbox.park("follow_up_events", event_id, record, "refused")
    lines = run_retention(session)
    assert [(x.person_id, x.verdict) for x in lines] == [(person_id, Verdict.WAITING)]
    assert "mise(s) de côté" in lines[0].waiting_fr


def test_the_territory_rule_replaces_the_defaults(session: Session) -> None:
    _ended_long_ago(session, "Zoé", "Peyrusse")
    _server_holds_everything(session)
    with session.uow() as uow:
        uow.meta.set(RETENTION_RULES_KEY, RetentionRules(36, 36).to_json())
    assert rules_in_force(session) == RetentionRules(36, 36)
    assert run_retention(session, dry_run=True) == []


def test_the_rule_kept_from_the_territory_settings_is_the_one_in_force(session: Session) -> None:
    settings = TerritorySettings(
        territory="12", retention=RetentionRulesModel(after_end_of_support_months=12)
    )
    with session.uow() as uow:
        keep_territory_rules(uow, settings)
    assert rules_in_force(session) == RetentionRules(12, 24)
    with session.uow() as uow:  # the territory cleared it: the defaults again
        keep_territory_rules(uow, TerritorySettings(territory="12"))
    assert rules_in_force(session) == RetentionRules()
