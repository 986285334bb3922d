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
    assert page["next_since"] >= theirs[0]["seq"] > mine[-1]["seq"]
    assert page["has_more"] is False


def test_own_records_take_no_page_of_their_own(device: DeviceClient) -> None:
    """A device back from a week offline, with pages of its own records on the server, learns
    in one request that nothing is new (each page is a round trip on a 2G link)."""
    pushed = device.push_ok([change("answers", fields={"n": i}) for i in range(5)])
    response = device.http.get(
        "/v1/changes", params={"since": 0, "limit": 2, "exclude_own": "true"}
    )
    page = response.json()
    assert page["changes"] == [] and page["has_more"] is False
    assert page["next_since"] >= pushed[-1]["seq"]


def test_pages_fill_with_the_others_records_past_own_ones(
    device: DeviceClient, enrol, territory: str
) -> None:
    device.push_ok([change("answers", fields={"n": i}) for i in range(4)])
    with enrol(territory) as other:
        theirs = other.push_ok([change("answers", fields={"n": i}) for i in range(3)])
    device.push_ok([change("answers", fields={"n": i}) for i in range(4)])
    params = {"since": 0, "limit": 2, "exclude_own": "true"}
    first = device.http.get("/v1/changes", params=params).json()
    assert [c["seq"] for c in first["changes"]] == [r["seq"] for r in theirs[:2]]
    assert first["has_more"] is True and first["next_since"] == theirs[1]["seq"]
    params["since"] = first["next_since"]
    last = device.http.get("/v1/changes", params=params).json()
    assert [c["seq"] for c in last["changes"]] == [theirs[2]["seq"]]
    assert last["has_more"] is False
    params["since"] = last["next_since"]
    assert device.http.get("/v1/changes", params=params).json()["changes"] == []
