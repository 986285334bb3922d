"""Forgetting, end to end, through a real server on 127.0.0.1 (SQLite, then PostgreSQL):
an erasure on request and the server's retention run reach every device; a device with an
edit the server refuses as ``purged`` keeps it for its counsellor; an erasure past the
server's hourly allowance waits, says so in French, and settles once an administrator
approves it."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from spie_desktop.config import store_path
from spie_desktop.domain.support_end import SupportOutcome
from spie_desktop.services.conflicts import list_open
from spie_desktop.services.purge import erase_person
from spie_desktop.services.retention import Verdict
from spie_desktop.services.retention import run_retention as run_retention_on_device
from spie_desktop.services.support import SupportService
from spie_desktop.storage import purge
from spie_desktop.storage.entities import ENTITY_SPECS, PURGES
from spie_desktop.storage.repositories.base import OUTBOX
from spie_desktop.storage.repositories.outbox import ERROR
from spie_desktop.sync import tombstones
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.enrolment import ca_file, require_enrolment
from spie_server.db import session_scope
from spie_server.retention.run import run_retention
from spie_server.settings import RateLimit, Settings, sqlite_url
from spie_server.sync.held_deletions import decide_held, list_held
from tests.conftest import require_tool
from tests.server.dump import database_dump, plain_tables_dump, readable_in
from tests.server.helpers import Admin, RunningServer, start_server
from tests.server.pg import PG_BIN, start_cluster
from tests.services.forgetting import names, sql_dump, traces
from tests.sync.conftest import Laptop

ALLOWANCE = 3  # erasures (and deletions) one device may make in an hour, on this server
HELD_FR = "Effacement en attente de validation par l'administrateur"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sync_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """This module's own server, once per backend, with a small hourly erasure allowance."""
    data_dir = tmp_path_factory.mktemp(f"forgetting-{request.param}")
    cluster = None
    if request.param == "sqlite":
        url = sqlite_url(data_dir)
    else:
        require_tool(str(PG_BIN / "initdb"))
        cluster = start_cluster()
        url = cluster.create_database("forgetting")
    settings = Settings(data_dir, url, RateLimit(100_000, 100_000), deletions_per_hour=ALLOWANCE)
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()
        if cluster is not None:
            cluster.stop()


def _file(laptop: Laptop, first: str, last: str) -> uuid.UUID:
    """A person with an interview and answers (their text names the person)."""
    return laptop.add_interview(first, last)


def _needles(first: str, last: str) -> list[str]:
    return [first, last, f"réponse 3 de {first}", "0600000000"]


def _months_on(moment: datetime, months: int) -> datetime:
    """The first day of the month ``months`` after ``moment``'s (no day-of-month overflow)."""
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1, day=1)


def _record_ids(laptop: Laptop, person_id: uuid.UUID) -> set[uuid.UUID]:
    with laptop.session.uow(read_only=True) as uow:
        return purge.collect(uow, [person_id]).all_ids()


def _server_holds_only_the_tombstone(
    server: RunningServer, admin: Admin, person_id: uuid.UUID, ids: set[uuid.UUID], texts: list[str]
) -> None:
    """Every table, sealed values opened: only the tombstone's lines name the person."""
    whole = plain_tables_dump(admin.engine).splitlines()
    naming = [line for line in whole if str(person_id) in line or person_id.hex in line]
    assert naming, "the tombstone stays"
    assert all("purges" in line for line in naming), naming
    rest = "\n".join(line for line in whole if line not in naming)
    for record_id in ids - {person_id}:
        assert str(record_id) not in rest and record_id.hex not in rest, record_id
    for text in texts:
        assert text not in rest, text
    if server.settings.database_url.startswith("postgresql"):
        raw = database_dump(server.settings.database_url)
        for record_id in ids - {person_id}:
            assert not readable_in(raw, str(record_id).encode()), record_id


def _device_forgot(laptop: Laptop, person_id: uuid.UUID, needles: list[str]) -> None:
    with laptop.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert traces(laptop.data_dir, laptop.session.data_key, needles) == {}
    dump = sql_dump(store_path(laptop.data_dir), laptop.session.data_key).splitlines()
    holding = [line for line in dump if names(line, person_id)]
    assert all(PURGES in line for line in holding), holding


def _digests_agree(laptop: Laptop) -> None:
    """The device's integrity digest equals the server's, tombstones included: a sync with
    its check finds nothing to repair and says nothing about differences."""
    report = laptop.sync()
    assert report.ok, report.error_en
    assert report.pulled == {}, report.pulled
    assert not any("diffèrent" in w for w in report.warnings_fr), report.warnings_fr
    enrolment = require_enrolment(laptop.session)
    client = SyncClient(enrolment.server_url, enrolment.token, ca_file=ca_file(laptop.data_dir))
    try:
        server = {n: (d.count, d.sha256) for n, d in client.integrity().entities.items()}
    finally:
        client.close()
    with laptop.session.uow(read_only=True) as uow:
        assert uow.merge_base.digests() == server
        assert tombstones.awaiting_server(uow) == 0
    assert PURGES in server


def test_an_erasure_on_request_leaves_only_the_tombstone_on_the_server_and_on_b(
    sync_server: RunningServer, sync_admin: Admin, make_laptop: Callable[..., Laptop]
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person_id = _file(a, "Ysaline", "Castelbrun")
    ids = _record_ids(a, person_id)
    assert a.sync().ok and b.sync().ok
    needles = _needles("Ysaline", "Castelbrun")
    assert traces(b.data_dir, b.session.data_key, needles)  # B held the whole file

    erase_person(a.session, person_id, "demande écrite de la personne")
    report = a.sync()
    assert report.ok, report.error_en
    assert report.pushed.get(PURGES) == 1 and a.pending() == 0
    _server_holds_only_the_tombstone(sync_server, sync_admin, person_id, ids, needles)
    _device_forgot(a, person_id, needles)

    report = b.sync()
    assert report.ok, report.error_en
    _device_forgot(b, person_id, needles)
    _digests_agree(a)
    _digests_agree(b)


def test_two_years_after_the_end_of_support_the_server_and_every_device_forget(
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    make_laptop: Callable[..., Laptop],
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person_id = _file(a, "Théodrine", "Malaval")
    ids = _record_ids(a, person_id)
    SupportService(a.session).close(person_id, SupportOutcome.MOVED.value, date.today())
    assert a.sync().ok and b.sync().ok
    with b.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is not None

    now = datetime.now(UTC)
    with session_scope(sync_admin.engine) as session:
        assert run_retention(session, sync_territory, now=now).due == []
    later = _months_on(now, 25)
    with session_scope(sync_admin.engine) as session:
        report = run_retention(session, sync_territory, now=later)
    assert [d.person_id for d in report.due] == [person_id]
    assert report.due[0].reason == "end_of_support"
    needles = _needles("Théodrine", "Malaval")
    _server_holds_only_the_tombstone(sync_server, sync_admin, person_id, ids, needles)

    for laptop in (a, b):
        synced = laptop.sync()
        assert synced.ok, synced.error_en
        assert synced.pulled.get(PURGES) == 1
        _device_forgot(laptop, person_id, needles)
        _digests_agree(laptop)


def test_a_file_the_device_forgot_on_time_does_not_come_back_before_the_server_s_run(
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    make_laptop: Callable[..., Laptop],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The laptop's own run (at unlock) forgets a due file; its next sync, before the server's
    daily run purged it, must not bring it back through the integrity check."""
    a = make_laptop("a")
    person_id = _file(a, "Gwenaëlle", "Lacalmontie")
    SupportService(a.session).close(person_id, SupportOutcome.MOVED.value, date.today())
    assert a.sync().ok
    later = _months_on(datetime.now(UTC), 25)

    with caplog.at_level(logging.DEBUG):
        lines = run_retention_on_device(a.session, today=later.date())
    assert [(x.person_id, x.verdict) for x in lines] == [(person_id, Verdict.PURGED)]
    assert "Gwenaëlle" not in caplog.text and "Lacalmontie" not in caplog.text
    needles = _needles("Gwenaëlle", "Lacalmontie")
    _device_forgot(a, person_id, needles)

    report = a.sync()  # the server still holds the file: it must not come back
    assert report.ok, report.error_en
    _device_forgot(a, person_id, needles)
    assert not any("diffèrent" in w for w in report.warnings_fr), report.warnings_fr

    with session_scope(sync_admin.engine) as session:
        assert [d.person_id for d in run_retention(session, sync_territory, now=later).due] == [
            person_id
        ]
    report = a.sync()
    assert report.ok and report.pulled.get(PURGES) == 1
    _device_forgot(a, person_id, needles)
    _digests_agree(a)


def test_the_run_at_unlock_keeps_a_pending_erasure_and_waits_for_a_pending_change(
    sync_server: RunningServer, sync_admin: Admin, make_laptop: Callable[..., Laptop]
) -> None:
    """Between an erasure and the next sync, the run at unlock neither drops the tombstone
    waiting to be pushed nor forgets a due file whose change is not on the server yet."""
    a = make_laptop("a")
    erased = _file(a, "Clotilde", "Sauclières")
    due = _file(a, "Aubin", "Montjaux")
    assert a.sync().ok
    erase_person(a.session, erased, "demande de la personne")
    people = a.people()
    person = people.get(due)
    person.commune = "Millau"
    people.update(person)
    SupportService(a.session).close(due, SupportOutcome.MOVED.value, date.today())
    pending = a.pending()
    assert pending >= 3  # the tombstone, the change, the end of support

    later = _months_on(datetime.now(UTC), 25).date()
    [line] = run_retention_on_device(a.session, today=later)
    assert (line.person_id, line.verdict) == (due, Verdict.WAITING)
    assert "pas encore envoyée" in line.waiting_fr
    assert a.pending() == pending

    report = a.sync()
    assert report.ok and report.pushed.get(PURGES) == 1, report
    _server_holds_only_the_tombstone(
        sync_server, sync_admin, erased, set(), ["Clotilde", "Sauclières"]
    )
    [line] = run_retention_on_device(a.session, today=later)
    assert (line.person_id, line.verdict) == (due, Verdict.PURGED)
    _device_forgot(a, due, ["Aubin", "Montjaux", "Millau"])


def test_an_edit_the_server_refuses_as_purged_waits_in_the_conflict_inbox(
    sync_server: RunningServer, sync_admin: Admin, make_laptop: Callable[..., Laptop]
) -> None:
    a, c = make_laptop("a"), make_laptop("c")
    person_id = _file(a, "Maëlwenn", "Puechredon")
    assert a.sync().ok and c.sync().ok
    people = c.people()
    person = people.get(person_id)
    person.phone = "0611223344"
    people.update(person)
    erase_person(a.session, person_id, "demande orale, confirmée par courrier")
    assert a.sync().ok

    report = c.sync()
    assert report.ok, report.error_en
    assert report.rejected == 1  # pushed first: the server refused it as purged
    assert report.conflicts == 1
    kept = [(v.entity_id, v.field, v.local_value) for v in list_open(c.session)]
    assert kept == [(person_id, "phone", "0611223344")]
    assert c.pending() == 0
    with c.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert _refused(c) == []  # the refused entry went with the file
    needles = ["Puechredon", "réponse 3 de Maëlwenn"]
    assert traces(c.data_dir, c.session.data_key, needles) == {}
    _server_holds_only_the_tombstone(sync_server, sync_admin, person_id, set(), needles)
    again = c.sync()  # nothing loops: no new refusal, no new conflict
    assert again.ok and again.rejected == 0 and again.conflicts == 0
    assert len(list_open(c.session)) == 1
    _digests_agree(c)


def test_erasures_past_the_hourly_allowance_wait_for_the_administrator(
    sync_admin: Admin, sync_territory: str, make_laptop: Callable[..., Laptop]
) -> None:
    a = make_laptop("a")
    people = [_file(a, f"Prénom{n}", f"Nomdefamille{n}") for n in range(ALLOWANCE + 1)]
    assert a.sync().ok
    for person_id in people:
        erase_person(a.session, person_id, "demande de la personne")

    report = a.sync()
    assert report.ok, report.error_en
    assert report.pushed.get(PURGES) == ALLOWANCE
    assert any(HELD_FR in w for w in report.warnings_fr), report.warnings_fr
    assert not any("diffèrent" in w for w in report.warnings_fr), report.warnings_fr
    held_person = people[-1]
    _device_forgot(a, held_person, _needles(f"Prénom{ALLOWANCE}", f"Nomdefamille{ALLOWANCE}"))
    [(entity, why)] = _refused(a)
    assert entity == PURGES and why.startswith("deletion_held")
    again = a.sync()  # still waiting: said again, not sent again
    assert again.ok and again.rejected == 0
    assert any(HELD_FR in w for w in again.warnings_fr), again.warnings_fr

    with session_scope(sync_admin.engine) as session:
        held = [h for h in list_held(session, sync_territory) if h.entity == PURGES]
        assert [h.entity_id for h in held] == [held_person]
        decide_held(session, [h.id for h in held], None, approve=True)

    report = a.sync()
    assert report.ok, report.error_en
    assert not any(HELD_FR in w for w in report.warnings_fr), report.warnings_fr
    assert _refused(a) == [] and a.pending() == 0
    with a.session.uow(read_only=True) as uow:  # one tombstone of them: the server's
        assert purge.tombstoned_people(uow) >= set(people)
        rows = uow.session.execute(ENTITY_SPECS[PURGES].table.select()).all()
    assert len(rows) == len(people)
    _digests_agree(a)


def _refused(laptop: Laptop) -> list[tuple[str, str]]:
    """The device's changes the server refused: (entity, reason)."""
    c = OUTBOX.c
    with laptop.session.uow(read_only=True) as uow:
        rows = uow.session.execute(select(c.entity, c.error).where(c.status == ERROR)).all()
    return [(str(entity), str(error)) for entity, error in rows]
