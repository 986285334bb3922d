"""Push: per-change results, idempotent replays, conflicts, rejections that block nothing."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.server.helpers import MINIMAL_FIELDS, Admin, DeviceClient, change


def test_new_records_are_applied_with_increasing_sequence_numbers(device: DeviceClient) -> None:
    results = device.push_ok([change("people"), change("interviews"), change("answers")])
    assert [r["status"] for r in results] == ["applied"] * 3
    seqs = [r["seq"] for r in results]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert all(r["version"] == 1 for r in results)


def test_replaying_every_batch_changes_nothing(device: DeviceClient, admin: Admin) -> None:
    person = uuid.uuid4()
    batches = [
        (str(uuid.uuid4()), [change("people", person, fields={"first_name": "A"})]),
        (
            str(uuid.uuid4()),
            [change("people", person, base=1, fields={"first_name": "B"}), change("consents")],
        ),
        (str(uuid.uuid4()), [change("consents", uuid.uuid4(), base=1)]),  # rejected: unknown record
    ]
    first = [device.push_ok(changes, batch_id) for batch_id, changes in batches]
    before = admin.snapshot(), admin.counts()
    for (batch_id, changes), original in zip(batches, first, strict=True):
        response = device.push(changes, batch_id)
        assert response.status_code == 200
        assert response.json()["replayed"] is True
        for again, was in zip(response.json()["results"], original, strict=True):
            assert again["status"] == "duplicate"
            assert again["previous"] == was["status"]
            assert (again["seq"], again["version"], again["reason"]) == (
                was["seq"],
                was["version"],
                was["reason"],
            )
    # The same changes in a new batch are duplicates too.
    assert {r["status"] for r in device.push_ok(batches[1][1])} == {"duplicate"}
    assert (admin.snapshot(), admin.counts()) == before


def test_a_stale_base_version_gets_a_conflict_with_the_server_record(
    device: DeviceClient, enrol, territory: str
) -> None:
    record = uuid.uuid4()
    device.push_ok([change("people", record, fields={"first_name": "Ana", "city": "Rodez"})])
    with enrol(territory) as other:
        won = other.push_ok([change("people", record, base=1, fields={"city": "Millau"})])
        assert won[0]["status"] == "applied" and won[0]["version"] == 2, won[0]["reason"]
        lost = device.push_ok([change("people", record, base=1, fields={"city": "Albi"})])
    assert lost[0]["status"] == "conflict"
    current = lost[0]["current"]
    assert current["version"] == 2
    assert current["fields"] == {**MINIMAL_FIELDS["people"], "first_name": "Ana", "city": "Millau"}
    assert current["origin_device"] == other.device_id
    # Resolved against version 2, the change applies as version 3.
    again = device.push_ok([change("people", record, base=2, fields={"city": "Albi"})])
    assert (again[0]["status"], again[0]["version"]) == ("applied", 3)


def test_a_rejected_change_never_blocks_the_rest_of_the_batch(device: DeviceClient) -> None:
    consent = uuid.uuid4()
    device.push_ok([change("consents", consent, fields={"given": True})])
    results = device.push_ok(
        [
            change("people"),
            change("consents", consent, base=1, fields={"given": False}),
            change("people", fields={"id": "smuggled"}),
            change("actions"),
        ]
    )
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "applied"]
    assert results[1]["reason"]["code"] == "immutable"
    assert results[2]["reason"]["code"] == "reserved_field"


def test_append_only_records_cannot_be_deleted(device: DeviceClient) -> None:
    event = uuid.uuid4()
    device.push_ok([change("follow_up_events", event)])
    result = device.push_ok([change("follow_up_events", event, base=1, deleted=True)])[0]
    assert (result["status"], result["reason"]["code"]) == ("rejected", "immutable")


def test_a_signed_plan_only_becomes_superseded(device: DeviceClient) -> None:
    plan = uuid.uuid4()
    device.push_ok([change("plans", plan, fields={"status": "draft", "contract": "CER"})])
    device.push_ok([change("plans", plan, base=1, fields={"status": "signed"})])
    edit = device.push_ok([change("plans", plan, base=2, fields={"contract": "PPAE"})])[0]
    assert (edit["status"], edit["reason"]["code"]) == ("rejected", "plan_signed")
    supersede = device.push_ok([change("plans", plan, base=2, fields={"status": "superseded"})])[0]
    assert supersede["status"] == "applied"


def test_changes_to_one_record_within_a_batch_apply_in_order(device: DeviceClient) -> None:
    record = uuid.uuid4()
    results = device.push_ok(
        [
            change("actions", record, fields={"label": "a", "status": "planned"}),
            change("actions", record, base=1, fields={"status": "done"}),
            change("actions", record, base=2, deleted=True),
        ]
    )
    assert [(r["status"], r["version"]) for r in results] == [
        ("applied", 1),
        ("applied", 2),
        ("applied", 3),
    ]
    pulled = [c for c in device.pull_all() if c["entity_id"] == str(record)]
    assert len(pulled) == 1 and pulled[0]["deleted"] is True and pulled[0]["fields"] == {}


def test_an_op_id_reused_for_another_change_is_rejected(device: DeviceClient) -> None:
    first = change("people")
    device.push_ok([first])
    forged = {**first, "fields": {"label": "other"}}
    result = device.push_ok([forged])[0]
    assert (result["status"], result["reason"]["code"]) == ("rejected", "op_id_reused")


def test_a_batch_id_reused_for_other_changes_is_refused(device: DeviceClient, admin: Admin) -> None:
    batch_id = str(uuid.uuid4())
    device.push_ok([change("people")], batch_id)
    before = admin.counts()
    response = device.push([change("people")], batch_id)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "batch_id_reused"
    assert admin.counts() == before


def test_updating_a_record_the_server_never_had_is_rejected(device: DeviceClient) -> None:
    result = device.push_ok([change("people", base=3)])[0]
    assert (result["status"], result["reason"]["code"]) == ("rejected", "unknown_record")


def test_concurrent_creations_of_one_record_give_one_winner(enrol, territory: str) -> None:
    record = uuid.uuid4()
    with enrol(territory) as a, enrol(territory) as b:
        clients = [a, b] * 4
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda c: c.push([change("people", record)]), clients))
    assert all(r.status_code == 200 for r in results), [r.text for r in results]
    statuses = sorted(r.json()["results"][0]["status"] for r in results)
    assert statuses == ["applied"] + ["conflict"] * 7


def test_the_same_batch_sent_twice_at_once_is_applied_once(
    device: DeviceClient, admin: Admin
) -> None:
    batch_id = str(uuid.uuid4())
    changes = [change("people") for _ in range(20)]
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: device.push(changes, batch_id), range(4)))
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
    statuses = [[c["status"] for c in r.json()["results"]] for r in responses]
    assert statuses.count(["applied"] * 20) == 1
    assert statuses.count(["duplicate"] * 20) == 3


def test_text_with_a_nul_character_is_rejected_not_a_server_error(device: DeviceClient) -> None:
    """PostgreSQL cannot store U+0000: the change is refused alone, with a reason."""
    results = device.push_ok(
        [change("people", fields={"last_name": "a\x00b"}), change("people", fields={"x": ["ok"]})]
    )
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["reason"]["code"] == "invalid_text"
