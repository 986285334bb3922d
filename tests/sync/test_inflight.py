"""The batch in flight is the serialised PushBatch: every attempt, in this run or the next,
sends the same bytes; a batch stored by an older version, or an unreadable one, is handled."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from spie_desktop.storage.repositories.base import OUTBOX
from spie_desktop.sync import push
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.enrolment import enrolment_of
from spie_protocol.endpoints import PUSH
from spie_protocol.messages import PushBatch
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import Laptop
from tests.sync.fault_proxy import FaultProxy


@pytest.fixture
def push_proxy(sync_server: RunningServer) -> Iterator[FaultProxy]:
    """A bad link that only ever breaks pushes."""
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    running = FaultProxy(port, seed=3, only_paths=(PUSH.path,))
    yield running
    running.close()


def _stored(laptop: Laptop) -> tuple[str, str]:
    with laptop.session.uow(read_only=True) as uow:
        return uow.meta.get(push.INFLIGHT_KEY) or "", uow.meta.get(push.GROUPS_KEY) or ""


def _distinct_pending(laptop: Laptop) -> int:
    with laptop.session.uow(read_only=True) as uow:
        return len({(e.entity, e.entity_id) for e in uow.outbox.pending(limit=10_000)})


def test_a_retry_after_a_dropped_answer_sends_byte_identical_bodies(
    make_laptop, push_proxy: FaultProxy
) -> None:
    a: Laptop = make_laptop("a", url=push_proxy.url)
    a.add_interview("Réseau", "Coupé", answers=3)
    push_proxy.next("drop_response")  # the server applies the batch; its answer is lost
    report = a.sync()
    assert report.ok, report.error_en
    sent = push_proxy.bodies(PUSH.method, PUSH.path)
    assert len(sent) >= 2 and push_proxy.stats.faults == {"drop_response": 1}
    assert sent[1] == sent[0]
    PushBatch.model_validate_json(gzip.decompress(sent[0]))


def test_the_next_run_resends_the_stored_batch_byte_for_byte(
    make_laptop, push_proxy: FaultProxy, sync_admin: Admin
) -> None:
    a: Laptop = make_laptop("a", url=push_proxy.url)
    a.add_interview("Portable", "Éteint", answers=3)
    records = _distinct_pending(a)
    before = sync_admin.counts()[0]
    push_proxy.next("drop_response")
    assert not a.sync(attempts=1).ok  # the run ends with the batch applied but unanswered
    body, groups = _stored(a)
    first = push_proxy.bodies(PUSH.method, PUSH.path)
    assert len(first) == 1
    assert gzip.decompress(first[0]) == body.encode("utf-8")  # stored exactly as sent
    assert len(json.loads(groups)["groups"]) == len(PushBatch.model_validate_json(body).changes)

    report = a.sync()
    assert report.ok, report.error_en
    sent = push_proxy.bodies(PUSH.method, PUSH.path)
    assert sent[1] == sent[0]
    assert sum(report.pushed.values()) == records and a.pending() == 0
    assert sync_admin.counts()[0] == before + records  # applied once
    assert _stored(a) == ("", "")


def test_a_batch_stored_by_an_older_version_is_replayed_not_doubled(
    make_laptop, sync_admin: Admin
) -> None:
    a: Laptop = make_laptop("a")
    a.add_interview("Ancienne", "Version", answers=2)
    records = _distinct_pending(a)
    with a.session.uow() as uow:
        batch = push.form_batch(uow, 250, 128 * 1024)
    assert batch is not None
    enrolment = enrolment_of(a.session)
    assert enrolment is not None
    client = SyncClient(enrolment.server_url, enrolment.token)
    try:
        assert not client.push(batch.body).replayed  # applied; the answer "lost"
    finally:
        client.close()
    after_first = sync_admin.counts()
    legacy = {  # what versions before the typed contract kept under sync_inflight
        "batch_id": str(batch.message.batch_id),
        "changes": [c.model_dump(mode="json") for c in batch.changes],
        "groups": batch.groups,
        "blobs": batch.blobs,
        "blobs_done": batch.blobs_done,
    }
    with a.session.uow() as uow:
        uow.meta.set(push.INFLIGHT_KEY, json.dumps(legacy, separators=(",", ":")))
        uow.meta.set(push.GROUPS_KEY, "")

    report = a.sync()
    assert report.ok, report.error_en
    assert sum(report.pushed.values()) == records and a.pending() == 0
    assert sync_admin.counts() == after_first  # a replay: nothing stored twice, no new op


def test_an_unreadable_batch_in_flight_is_formed_again_from_the_outbox(
    make_laptop, sync_admin: Admin
) -> None:
    a: Laptop = make_laptop("a")
    a.add_interview("Batch", "Abîmé", answers=2)
    records = _distinct_pending(a)
    before = sync_admin.counts()[0]
    with a.session.uow() as uow:
        uow.meta.set(push.INFLIGHT_KEY, '{"batch_id": "pas un uuid", "changes": [')
    report = a.sync()
    assert report.ok, report.error_en
    assert sum(report.pushed.values()) == records and a.pending() == 0
    assert sync_admin.counts()[0] == before + records


def test_a_change_the_protocol_refuses_is_set_in_error_alone(make_laptop) -> None:
    """Formed into a PushBatch, a change that cannot be one (here a clock that is not an HLC)
    is marked in error by itself; it neither stops the sync nor holds back the others."""
    a: Laptop = make_laptop("a")
    a.add_interview("Horloge", "Cassée", answers=3)
    with a.session.uow() as uow:
        broken = uow.outbox.pending(limit=10_000)[-1].op_id
        uow.session.execute(
            update(OUTBOX).where(OUTBOX.c.op_id == broken).values(hlc="pas une horloge")
        )
    report = a.sync()
    assert report.ok, report.error_en
    assert a.pending() == 0
    with a.session.uow(read_only=True) as uow:
        rows = uow.session.execute(select(OUTBOX.c.op_id, OUTBOX.c.status, OUTBOX.c.error)).all()
    errors = [(r.op_id, r.error) for r in rows if r.status == "error"]
    assert len(errors) == 1 and errors[0][0] == broken
    assert str(errors[0][1]).startswith("invalid_change")
