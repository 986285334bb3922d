"""Erasure on request travels: device A erases a file, pushes the tombstone, and device B,
which held the file, forgets it at its next sync — nothing of the person left in its store's
pages, dump, WAL or logs. A device holding an unsynchronised edit of that person keeps the
edit in its conflict inbox, and forgets the rest."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from spie_desktop.config import store_path
from spie_desktop.services.conflicts import RecordForgotten, list_open, resolve
from spie_desktop.services.purge import erase_person
from spie_desktop.storage.entities import PURGES
from spie_desktop.storage.scrub import scrub_after_purge
from spie_desktop.sync.apply import ApplyCounts, Remote
from spie_desktop.sync.pull import store_page
from tests.services.forgetting import names, sql_dump, traces
from tests.sync.conftest import Laptop


def _needles(person_id: uuid.UUID) -> list[str]:
    return ["Gaëtane", "Roquefeuil", "1994-03-02", "réponse 3 de Gaëtane", "Rodez"]


def _only_tombstones_name(laptop: Laptop, person_id: uuid.UUID) -> None:
    dump = sql_dump(store_path(laptop.data_dir), laptop.session.data_key).splitlines()
    holding = [line for line in dump if names(line, person_id)]
    assert holding and all(PURGES in line for line in holding), holding


def test_an_erasure_on_one_device_is_forgotten_on_the_others(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    person_id = a.add_interview("Gaëtane", "Roquefeuil")
    assert a.sync().ok
    assert b.sync().ok
    assert set(traces(b.data_dir, b.session.data_key, _needles(person_id))) == set(
        _needles(person_id)
    )

    erase_person(a.session, person_id, "demande par courrier")
    pushed = a.sync()
    assert pushed.ok, pushed.error_en
    assert a.pending() == 0
    # The server (which may still hold the file) sends nothing back that A keeps.
    assert traces(a.data_dir, a.session.data_key, _needles(person_id)) == {}
    _only_tombstones_name(a, person_id)

    report = b.sync()
    assert report.ok, report.error_en
    with b.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert traces(b.data_dir, b.session.data_key, _needles(person_id)) == {}
    _only_tombstones_name(b, person_id)
    again = b.sync()  # nothing comes back (an integrity check included)
    assert again.ok, again.error_en
    assert traces(b.data_dir, b.session.data_key, _needles(person_id)) == {}


def _tombstone(person_id: uuid.UUID) -> Remote:
    fields: dict[str, Any] = {
        "person_id": str(person_id),
        "reason": "erasure",
        "purged_on": date.today().isoformat(),
        "updated_at": "2026-12-05T10:00:00+00:00",
        "updated_by": None,
    }
    return Remote(PURGES, uuid.uuid4(), 1, fields, "0000000001000:0000:server", False, "x")


def test_a_tombstone_keeps_a_local_unsynchronised_edit_in_the_conflict_inbox(
    make_laptop,
) -> None:
    a: Laptop = make_laptop("a")
    c: Laptop = make_laptop("c")
    person_id = a.add_interview("Gaëtane", "Roquefeuil")
    assert a.sync().ok
    assert c.sync().ok
    people = c.people()
    person = people.get(person_id)
    person.phone = "0655443322"
    people.update(person)
    assert c.pending() == 1

    # The page the server sends once A's erasure reached it, applied while the edit waits.
    counts = ApplyCounts()
    with c.session.uow() as uow:
        store_page(uow, [_tombstone(person_id)], {}, counts)
    scrub_after_purge(c.session, counts.forgotten)  # what the sync run does after its pages
    assert counts.conflicts == 1

    with c.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
        assert uow.outbox.count_pending() == 0
    kept = [(v.entity_id, v.field, v.local_value) for v in list_open(c.session)]
    assert kept == [(person_id, "phone", "0655443322")]
    assert traces(c.data_dir, c.session.data_key, ["réponse 3 de Gaëtane", "Roquefeuil"]) == {}

    assert traces(c.data_dir, c.session.data_key, ["0655443322"]) != {}  # kept for her
    [conflict] = list_open(c.session)
    with pytest.raises(RecordForgotten):
        resolve(c.session, conflict.id, "local")
    resolve(c.session, conflict.id, "server")  # the counsellor lets the edit go too
    assert list_open(c.session) == []
    c.session.store.checkpoint()
    assert traces(c.data_dir, c.session.data_key, ["0655443322"]) == {}
