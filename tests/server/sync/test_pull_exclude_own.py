"""``exclude_own=true`` on pull: a device is not sent back what it wrote (slow links)."""

from __future__ import annotations

import uuid

from tests.server.helpers import DeviceClient, change


def test_own_records_are_left_out_but_the_checkpoint_moves_past_them(
    device: DeviceClient, enrol, territory: str
) -> None:
    shared = uuid.uuid4()
    mine = device.push_ok([change("people", fields={"n": i}) for i in range(3)])
    device.push_ok([change("people", shared, fields={"first_name": "Ana"})])
    with enrol(territory) as other:
        theirs = other.push_ok([change("people", shared, base=1, fields={"first_name": "Ann"})])
    response = device.http.get("/v1/changes", params={"since": 0, "exclude_own": "true"})
    assert response.status_code == 200, response.text
    page = response.json()
    assert [c["entity_id"] for c in page["changes"]] == [str(shared)]
    assert page["changes"][0]["version"] == 2
    assert page["next_since"] == theirs[0]["seq"] > mine[-1]["seq"]
    assert page["has_more"] is False


def test_a_page_of_only_own_records_is_empty_but_says_there_is_more(device: DeviceClient) -> None:
    pushed = device.push_ok([change("answers", fields={"n": i}) for i in range(4)])
    response = device.http.get(
        "/v1/changes", params={"since": 0, "limit": 2, "exclude_own": "true"}
    )
    page = response.json()
    assert page == {"changes": [], "next_since": pushed[1]["seq"], "has_more": True}
