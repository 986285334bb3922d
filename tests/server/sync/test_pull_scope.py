"""Pull pages, territory scoping (read and write), and the integrity digest."""

from __future__ import annotations

import hashlib
import uuid

from tests.server.helpers import MINIMAL_FIELDS, Admin, DeviceClient, change


def test_pages_follow_the_sequence_and_resume_from_next_since(
    device: DeviceClient, enrol, territory: str
) -> None:
    pushed = device.push_ok([change("answers", fields={"n": i}) for i in range(25)])
    with enrol(territory) as reader:
        first = reader.pull(0, limit=10)
        assert len(first["changes"]) == 10 and first["has_more"] is True
        rest = reader.pull_all(first["next_since"], limit=10)
        seqs = [c["seq"] for c in first["changes"] + rest]
        assert seqs == sorted(seqs) == [r["seq"] for r in pushed]
        last = reader.pull(seqs[-1])
    assert last == {"changes": [], "next_since": seqs[-1], "has_more": False}


def test_a_record_appears_once_at_its_latest_version_with_its_origin(device: DeviceClient) -> None:
    record = uuid.uuid4()
    device.push_ok([change("people", record, fields={"first_name": "Ana", "city": "Rodez"})])
    device.push_ok([change("people", record, base=1, fields={"city": "Millau"})])
    mine = [c for c in device.pull_all() if c["entity_id"] == str(record)]
    assert len(mine) == 1
    assert mine[0]["version"] == 2
    assert mine[0]["fields"] == {**MINIMAL_FIELDS["people"], "first_name": "Ana", "city": "Millau"}
    assert mine[0]["origin_device"] == device.device_id
    assert mine[0]["entity"] == "people"


def test_a_device_reads_nothing_of_another_territory(admin: Admin, enrol) -> None:
    territory_a, territory_b = admin.territory(), admin.territory()
    with enrol(territory_a) as a, enrol(territory_b) as b:
        b.push_ok([change("people", fields={"first_name": "Secret"}) for _ in range(3)])
        a.push_ok([change("people")])
        seen_by_a = a.pull_all()
        seen_by_b = b.pull_all()
    assert len(seen_by_a) == 1 and seen_by_a[0]["origin_device"] == a.device_id
    assert len(seen_by_b) == 3 and all(c["origin_device"] == b.device_id for c in seen_by_b)


def test_a_device_cannot_write_into_another_territory(admin: Admin, enrol) -> None:
    territory_a, territory_b = admin.territory(), admin.territory()
    with enrol(territory_a) as a, enrol(territory_b) as b:
        record = uuid.uuid4()
        b.push_ok([change("people", record, fields={"city": "Cayenne"})])
        before = admin.counts()
        refused = a.push([change("people")], territory=territory_b)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "territory_mismatch"
        assert admin.counts() == before
        # The same record id written by A lands in A's own namespace: B's record is untouched.
        result = a.push_ok([change("people", record, base=1, fields={"city": "Rodez"})])[0]
        assert result["reason"]["code"] == "unknown_record"
        a.push_ok([change("people", record, fields={"city": "Rodez"})])
        b_view = [c for c in b.pull_all() if c["entity_id"] == str(record)]
    assert [(c["version"], c["fields"]["city"]) for c in b_view] == [(1, "Cayenne")]


def test_integrity_counts_live_records_and_hashes_ids_and_versions(device: DeviceClient) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    device.push_ok([change("people", i) for i in ids] + [change("consents")])
    device.push_ok(
        [
            change("people", ids[0], base=1, fields={"x": 1}),
            change("people", ids[2], base=1, deleted=True),
        ]
    )
    response = device.http.get("/v1/integrity")
    assert response.status_code == 200
    report = response.json()
    lines = sorted([f"{ids[0]}:2\n", f"{ids[1]}:1\n"])
    expected = hashlib.sha256("".join(lines).encode()).hexdigest()
    assert report["territory"] == device.territory
    assert report["entities"]["people"] == {"count": 2, "sha256": expected}
    assert report["entities"]["consents"]["count"] == 1
