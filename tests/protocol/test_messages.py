"""The message models accept what the protocol document shows and refuse what it forbids."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from pydantic import ValidationError

from spie_protocol import (
    APPEND_ONLY,
    ENTITIES,
    Change,
    EnrolRequest,
    PullPage,
    PushBatch,
    PushResponse,
)
from spie_protocol.schemas import SCHEMAS, check_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"
DESKTOP_TABLES = {
    "structures",
    "counsellors",
    "people",
    "consents",
    "interviews",
    "answers",
    "plans",
    "objectives",
    "actions",
    "signatures",
    "plan_pdfs",
    "follow_up_events",
    "case_reviews",
    "case_review_cases",
    "purges",
    "immersions",
    "employers",
    "evaluations",
}


def _change(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "op_id": str(uuid.uuid4()),
        "entity": "people",
        "entity_id": str(uuid.uuid4()),
        "base_version": None,
        "version": 1,
        "fields": {"first_name": "Ana"},
        "hlc": "001764279000000-00000-9f2c4e1ab3d04c55",
    }
    return {**base, **overrides}


def test_entity_names_are_the_desktop_synced_tables_each_with_a_schema() -> None:
    assert set(ENTITIES) == DESKTOP_TABLES == set(SCHEMAS)
    assert set(ENTITIES) >= APPEND_ONLY


def test_a_change_from_the_outbox_parses() -> None:
    change = Change.model_validate(_change(base_version=3, version=4, deleted=False))
    assert change.base_version == 3 and change.fields == {"first_name": "Ana"}


@pytest.mark.parametrize(
    "overrides",
    [
        {"entity": ""},
        {"entity": "x" * 65},
        {"entity": 12},
        {"hlc": "2026-11-27T10:00:00Z"},
        {"hlc": "001764279000000-00000-node\x00"},
        {"version": 0},
        {"base_version": -1},
        {"op_id": "not-a-uuid"},
        {"fields": ["a", "b"]},
        {"fields": {"": 1}},
        {"unknown_key": 1},
    ],
)
def test_malformed_changes_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Change.model_validate(_change(**overrides))


def test_responses_ignore_keys_added_by_a_newer_minor_version() -> None:
    page = PullPage.model_validate(
        {"changes": [], "next_since": 4, "has_more": False, "cursor": "x"}
    )
    assert page.next_since == 4


def _json_examples(title: str) -> list[object]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"### {title}", 1)[1].split("\n### ", 1)[0]
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", section, re.S)]


def test_the_documented_examples_are_valid_messages() -> None:
    request, response = _json_examples("Push")
    batch = PushBatch.model_validate(request)
    for change in batch.changes:
        creating = not change.base_version
        assert check_fields(change.entity, change.fields, creating=creating) is None, change
    assert {r["status"] for r in PushResponse.model_validate(response).model_dump()["results"]} == {
        "applied",
        "duplicate",
        "conflict",
        "rejected",
    }
    page, unshared, last = _json_examples("Pull")
    PullPage.model_validate(page)
    assert PullPage.model_validate(unshared).unshared[0].seq == 1290
    status = PullPage.model_validate(last).status
    assert status is not None and status.offers_seq == 20417
    enrol_request, _ = _json_examples("Enrolment")
    EnrolRequest.model_validate(enrol_request)
