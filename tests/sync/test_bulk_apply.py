"""A pulled page applied in bulk gives exactly the store that applying it record by record
gives (every merge rule kept), in a few statements per entity instead of a dozen per record,
and all or nothing: a failure mid-page leaves the store as it was before the page."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from spie_desktop.storage.entities import PURGES
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.repositories.documents import LocalDocumentRepository
from spie_desktop.storage.repositories.sync_inbox import PARENT, REFUSED, UNKNOWN_ENTITY
from spie_desktop.storage.store import Store
from spie_desktop.sync import bulk_apply, pull
from spie_desktop.sync.apply import ApplyCounts, Remote
from spie_desktop.sync.bulk_apply import apply_one_by_one
from tests.sync.bulk_pages import (
    ACTOR,
    as_remote,
    copy_store,
    deleted,
    interview_of,
    made_elsewhere,
    mark_synced,
    opened,
    person,
    snapshot,
)

PERSON, INTERVIEW, ANSWER = "people", "interviews", "answers"


@dataclass
class Device:
    """A device store holding synced records, two of them edited here and not pushed."""

    path: Path
    key: bytes
    ids: dict[str, uuid.UUID]


@pytest.fixture
def device(tmp_path: Path) -> Device:
    key, ids = new_data_key(), {}
    path = tmp_path / "device.db"
    with Store.create(path, key) as store:
        with store.unit_of_work(ACTOR) as uow:
            for name in ("newer", "older", "clash", "apart", "forgotten"):
                ids[name] = uow.people.add(person(name.capitalize(), "Karaïbe")).id
            ids["interview"] = uow.interviews.add(interview_of(ids["newer"])).id
            ids["forgotten_interview"] = uow.interviews.add(interview_of(ids["forgotten"])).id
            for name in ("gone", "twin", "kept"):
                answer = uow.answers.upsert(ids["interview"], f"q.{name}", f"ici {name}", ACTOR)
                ids[name] = answer.id
            uow.answers.upsert(ids["forgotten_interview"], "q.x", "à oublier", ACTOR)
            mark_synced(uow)
            older = uow.merge_base.base(PERSON, ids["older"])
            assert older is not None  # this device already holds a later version of it
            uow.merge_base.set_base(PERSON, ids["older"], 3, older.doc, False)
        with store.unit_of_work(ACTOR) as uow:  # edits made here, not pushed yet
            for name, field, value in (
                ("clash", "phone", "0694000001"),
                ("apart", "commune", "Grand-Santi"),
            ):
                someone = uow.people.get(ids[name])
                setattr(someone, field, value)
                uow.people.save(someone)
    return Device(path, key, ids)


def _mixed_page(device: Device, tmp_path: Path) -> list[Remote]:
    ids = device.ids
    page = made_elsewhere(tmp_path / "elsewhere.db", new_data_key(), answers=30)
    with opened(device.path, device.key) as store, store.unit_of_work(None) as uow:
        page += [
            as_remote(uow, PERSON, ids["newer"], 2, phone="0694999999"),
            as_remote(uow, PERSON, ids["older"], 2, phone="0694888888"),
            as_remote(uow, PERSON, ids["clash"], 2, phone="0694777777"),
            as_remote(uow, PERSON, ids["apart"], 2, first_name="Apartée"),
            as_remote(uow, ANSWER, ids["kept"], 2, value="là-bas"),
            deleted(ANSWER, ids["gone"], 2),
        ]
        twin = as_remote(uow, ANSWER, ids["twin"], 1, value="là-bas aussi")
        orphan = as_remote(uow, ANSWER, ids["kept"], 1, interview_id=str(uuid.uuid4()))
    page.append(Remote(ANSWER, uuid.uuid4(), 1, twin.fields, twin.hlc, False, "elsewhere"))
    page.append(Remote(ANSWER, uuid.uuid4(), 1, orphan.fields, orphan.hlc, False, "elsewhere"))
    purge_fields = {
        "person_id": str(ids["forgotten"]),
        "reason": "erasure",
        "purged_on": "2026-12-05",
        "updated_at": "2026-12-05T10:00:00+00:00",
        "updated_by": None,
    }
    page.append(Remote(PURGES, uuid.uuid4(), 1, purge_fields, twin.hlc, False, "x"))
    page.append(Remote("gadgets", uuid.uuid4(), 1, {"x": 1}, twin.hlc, False, "x"))
    random.Random(19).shuffle(page)  # the pull puts parents first itself
    return page


def _apply(
    path: Path,
    key: bytes,
    page: list[Remote],
    monkeypatch: pytest.MonkeyPatch,
    bulk: bool,
    falls_back: bool = False,
    only: set[str] | None = None,
) -> tuple[ApplyCounts, dict[str, int]]:
    """``falls_back``: the page has a record the store refuses, so the bulk attempt is
    rolled back and the page applied record by record; else it must not be."""
    counts = ApplyCounts()
    fallbacks: list[int] = []

    def one_by_one(*args: Any) -> dict[str, int]:
        fallbacks.append(len(args[1]))
        return apply_one_by_one(*args)

    with monkeypatch.context() as patch:
        patch.setattr(bulk_apply, "apply_one_by_one", one_by_one)
        if not bulk:
            patch.setattr(pull, "apply_page", apply_one_by_one)
        with opened(path, key) as store, store.unit_of_work(ACTOR) as uow:
            stored = pull.store_page(uow, page, {}, counts, only)
    assert bool(fallbacks) is (bulk and falls_back)
    return counts, stored


def _both_ways(
    device: Device,
    page: list[Remote],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    falls_back: bool = False,
    only: set[str] | None = None,
) -> tuple[Path, dict[str, int]]:
    bulk = copy_store(device.path, tmp_path / "bulk.db")
    alone = copy_store(device.path, tmp_path / "alone.db")
    bulk_counts, bulk_stored = _apply(bulk, device.key, page, monkeypatch, True, falls_back, only)
    alone_counts, alone_stored = _apply(alone, device.key, page, monkeypatch, False, only=only)
    assert bulk_stored == alone_stored
    assert bulk_counts == alone_counts
    with opened(bulk, device.key) as one, opened(alone, device.key) as other:
        assert snapshot(one) == snapshot(other)
    return bulk, bulk_stored


def test_a_mixed_page_in_bulk_gives_the_store_record_by_record_gives(
    device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _mixed_page(device, tmp_path)
    bulk, stored = _both_ways(device, page, tmp_path, monkeypatch)

    ids = device.ids  # and the page did what each of its records asks
    assert stored[ANSWER] >= 30 and stored["actions"] == 4
    with opened(bulk, device.key) as store, store.unit_of_work(None, read_only=True) as uow:
        assert uow.people.get(ids["newer"]).phone == "0694999999"
        assert uow.people.get(ids["older"]).phone == ""  # older than what is held: skipped
        assert uow.people.get(ids["clash"]).phone == "0694777777"  # the server's value…
        apart = uow.people.get(ids["apart"])
        assert (apart.first_name, apart.commune) == ("Apartée", "Grand-Santi")
        assert uow.documents.local_doc(ANSWER, ids["gone"]) is None
        assert uow.people.find(ids["forgotten"]) is None
        conflicts = {(c.entity_id, c.field, c.local_value) for c in uow.inbox.conflicts()}
        assert (ids["clash"], "phone", "0694000001") in conflicts  # …the local one kept
        assert any(c[1] == "value" and c[2] == "ici twin" for c in conflicts)
        parked = {(p.entity, p.reason) for p in uow.inbox.parked_records()}
        assert parked == {(ANSWER, PARENT), ("gadgets", UNKNOWN_ENTITY)}
        pending = {(e.entity, e.entity_id) for e in uow.outbox.pending(limit=1000)}
        assert (PERSON, ids["apart"]) in pending  # the merged edit goes out next


def test_a_record_the_store_refuses_is_parked_alone_either_way(
    device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = made_elsewhere(tmp_path / "elsewhere.db", new_data_key(), answers=10)
    [interview] = [r for r in page if r.entity == INTERVIEW]
    page.remove(interview)
    page.append(
        Remote(
            INTERVIEW,
            interview.entity_id,
            1,
            {**interview.fields, "status": "égaré"},
            interview.hlc,
            False,
            "elsewhere",
        )
    )
    bulk, stored = _both_ways(device, page, tmp_path, monkeypatch, falls_back=True)

    assert stored[PERSON] == 1 and INTERVIEW not in stored
    with opened(bulk, device.key) as store, store.unit_of_work(None, read_only=True) as uow:
        parked = {(p.entity, p.reason) for p in uow.inbox.parked_records()}
    assert (INTERVIEW, REFUSED) in parked and (ANSWER, PARENT) in parked


def test_an_integrity_repair_restores_missing_rows_of_its_entities_only_either_way(
    device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = device.ids
    with opened(device.path, device.key) as store, store.unit_of_work(ACTOR) as uow:
        page = [
            as_remote(uow, ANSWER, ids["kept"], 1),
            as_remote(uow, PERSON, ids["newer"], 1),
            as_remote(uow, ANSWER, ids["twin"], 2, value="réparée"),
        ]
        uow.documents.delete_local(ANSWER, ids["kept"])  # lost here, the base says held
        uow.documents.delete_local(PERSON, ids["forgotten"])
        page.append(as_remote(uow, PERSON, ids["forgotten"], 1))
    bulk, stored = _both_ways(device, page, tmp_path, monkeypatch, only={ANSWER})

    assert stored == {ANSWER: 2}
    with opened(bulk, device.key) as store, store.unit_of_work(None, read_only=True) as uow:
        assert uow.documents.local_doc(ANSWER, ids["kept"]) is not None  # restored
        assert uow.answers.get(ids["interview"], "q.twin").value == "réparée"  # type: ignore[union-attr]
        assert uow.people.find(ids["forgotten"]) is None  # not an entity being repaired


def test_a_page_costs_statements_per_entity_not_per_record(
    device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def statements_for(answers: int) -> int:
        page = made_elsewhere(tmp_path / f"elsewhere{answers}.db", new_data_key(), answers)
        target = copy_store(device.path, tmp_path / f"target{answers}.db")
        seen: list[str] = []
        with opened(target, device.key) as store, store.unit_of_work(ACTOR) as uow:
            connection = uow.session.connection()
            event.listen(connection, "before_cursor_execute", lambda *a: seen.append(a[2]))
            stored = pull.store_page(uow, page, {}, ApplyCounts())
        assert stored[ANSWER] == answers
        return len(seen)

    assert statements_for(200) == statements_for(20)


def test_a_failure_mid_page_leaves_the_store_as_before_the_page(
    device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _mixed_page(device, tmp_path)
    with opened(device.path, device.key) as store:
        before = snapshot(store)

    def broken(self: LocalDocumentRepository, entity: str, rows: list[dict[str, object]]) -> None:
        if entity == ANSWER:
            raise RuntimeError("disk pulled out mid-page")
        original(self, entity, rows)

    original = LocalDocumentRepository.insert_rows
    monkeypatch.setattr(LocalDocumentRepository, "insert_rows", broken)
    with (
        pytest.raises(RuntimeError),
        opened(device.path, device.key) as store,
        store.unit_of_work(ACTOR) as uow,
    ):
        pull.store_page(uow, page, {}, ApplyCounts())
    with opened(device.path, device.key) as store:
        assert snapshot(store) == before
