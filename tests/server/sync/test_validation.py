"""The server stores only what the protocol's schemas allow, and refuses the rest per change.

Issue 11, finding 2: an ``audit_events`` record or a person with only a first name used to be
stored, and then stopped or slowed every desktop of the territory. Finding 6: NaN, infinities,
1e400 or a lone surrogate in a field gave a 500 (and on PostgreSQL put the batch's names in
the logs). Each bad change is now ``rejected`` with a stable code; the others of its batch
are applied; nothing of the bad one is stored.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.server.helpers import Admin, DeviceClient, change


def _push_raw(device: DeviceClient, changes_json: list[str]) -> list[dict[str, Any]]:
    """Push changes written as raw JSON text (for values ``json.dumps`` cannot write)."""
    body = f'{{"batch_id": "{uuid.uuid4()}", "changes": [{", ".join(changes_json)}]}}'
    response = device.http.post(
        "/v1/push", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _with_field(entity: str, name: str, raw_value: str) -> str:
    """A valid creation of ``entity`` whose field ``name`` holds ``raw_value`` (JSON text)."""
    text = json.dumps(change(entity, fields={name: "PLACEHOLDER"}))
    return text.replace('"PLACEHOLDER"', raw_value)


def _stored_ids(device: DeviceClient) -> set[str]:
    return {c["entity_id"] for c in device.pull_all()}


def test_an_entity_outside_the_registry_is_refused_alone(device: DeviceClient) -> None:
    good = change("people")
    audit = change("audit_events", fields={"action": "viewed", "at": "2026-11-27T10:00:00"})
    other = change("passwords", fields={"secret": "hunter2"})
    results = device.push_ok([audit, good, other])
    assert [r["status"] for r in results] == ["rejected", "applied", "rejected"]
    assert results[0]["reason"]["code"] == results[2]["reason"]["code"] == "unknown_entity"
    assert _stored_ids(device) == {good["entity_id"]}


def test_a_person_without_required_fields_is_refused(device: DeviceClient) -> None:
    only_first = change("people", fields={"first_name": "Ana"})
    only_first["fields"] = {"first_name": "Ana"}
    result = device.push_ok([only_first])[0]
    assert result["status"] == "rejected"
    assert result["reason"]["code"] == "missing_field"
    assert "last_name" in result["reason"]["message"] and "Ana" not in result["reason"]["message"]
    assert _stored_ids(device) == set()


def test_an_update_may_carry_only_the_changed_fields(device: DeviceClient) -> None:
    record = uuid.uuid4()
    device.push_ok([change("people", record)])
    result = device.push_ok([change("people", record, base=1, fields={"phone": "0600000000"})])
    assert result[0]["status"] == "applied"


@pytest.mark.parametrize(
    ("entity", "name", "raw", "code"),
    [
        ("people", "last_name", "42", "invalid_field"),
        ("people", "birth_date", '"yesterday"', "invalid_field"),
        ("people", "created_at", '"2026-13-40T99:00:00"', "invalid_field"),
        ("people", "first_name", "null", "invalid_field"),
        ("interviews", "definition_version", '"1"', "invalid_field"),
        ("interviews", "definition_version", "true", "invalid_field"),
        ("interviews", "person_id", '"not-a-uuid"', "invalid_field"),
        ("counsellors", "active", '"yes"', "invalid_field"),
        ("plan_pdfs", "size", "1e400", "invalid_number"),
        ("plan_pdfs", "size", "99999999999999999999", "invalid_number"),
        ("answers", "value", "NaN", "invalid_number"),
        ("answers", "value", "Infinity", "invalid_number"),
        ("answers", "value", "-Infinity", "invalid_number"),
        ("answers", "value", "1e400", "invalid_number"),
        ("answers", "value", '{"nested": [1, NaN]}', "invalid_number"),
        ("people", "score", "NaN", "invalid_number"),  # a field the schema does not name
        ("people", "last_name", '"\\ud800"', "invalid_text"),
        ("answers", "value", '["ok", "\\udfff"]', "invalid_text"),
        ("people", "note", '"a\\u0000b"', "invalid_text"),
    ],
)
def test_a_bad_value_is_refused_per_change_never_a_500(
    device: DeviceClient, admin: Admin, entity: str, name: str, raw: str, code: str
) -> None:
    good = change("people", fields={"first_name": "Marguerite", "last_name": "Yourcenar"})
    results = _push_raw(device, [json.dumps(good), _with_field(entity, name, raw)])
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "rejected", results[1]
    assert results[1]["reason"]["code"] == code
    assert _stored_ids(device) == {good["entity_id"]}


def test_a_lone_surrogate_in_a_field_name_or_entity_is_refused_alone(device: DeviceClient) -> None:
    good = change("people")
    bad_name = json.dumps(change("people")).replace('"commune"', '"\\ud800"', 1)
    bad_entity = json.dumps(change("people")).replace('"people"', '"\\ud800"', 1)
    results = _push_raw(device, [bad_name, json.dumps(good), bad_entity])
    assert [r["status"] for r in results] == ["rejected", "applied", "rejected"]
    assert results[0]["reason"]["code"] == "invalid_text"
    assert results[2]["reason"]["code"] == "unknown_entity"


def test_a_field_a_newer_device_adds_is_kept(device: DeviceClient) -> None:
    record = uuid.uuid4()
    device.push_ok([change("people", record, fields={"pronouns": "elle"})])
    (stored,) = device.pull_all()
    assert stored["fields"]["pronouns"] == "elle"
