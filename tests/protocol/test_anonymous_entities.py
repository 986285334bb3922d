"""An evaluation names no one on the wire either: the server's check refuses one that
carries a field outside its schema (a person id slipped in) or says who changed it, and the
purge's owner chain never reaches it."""

from __future__ import annotations

import pytest

from spie_protocol.entities import ANONYMOUS
from spie_protocol.schemas import SCHEMAS, check_fields
from spie_server.sync.purge import owner_references

EVALUATION = {
    "structure": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "month": "2027-03",
    "step": "interview",
    "token": "Zq3m4Xl0bP2v9sQk7N1cYw8aR5tU6eHd",
    "answers": {"clear": 4},
    "wants_groups": None,
    "suggestion": "",
    "created_at": "2027-03-02T10:00:00+00:00",
    "updated_at": "2027-03-02T10:00:00+00:00",
    "updated_by": None,
}


def test_an_evaluation_as_the_desktop_sends_it_is_accepted() -> None:
    assert "evaluations" in ANONYMOUS
    assert check_fields("evaluations", EVALUATION, creating=True) is None


@pytest.mark.parametrize(
    "extra",
    [
        {"person_id": "2b1e0c8e-93c4-4d8e-9a0f-0f2b0e6f7a11"},
        {"interview_id": "2b1e0c8e-93c4-4d8e-9a0f-0f2b0e6f7a11"},
        {"updated_by": "2b1e0c8e-93c4-4d8e-9a0f-0f2b0e6f7a11"},
    ],
)
def test_an_evaluation_that_names_someone_is_refused(extra: dict[str, str]) -> None:
    problem = check_fields("evaluations", {**EVALUATION, **extra}, creating=True)
    assert problem is not None
    assert "2b1e0c8e" not in problem.message


def test_no_schema_field_of_an_evaluation_names_a_record() -> None:
    assert not any(name.endswith("_id") for name in SCHEMAS["evaluations"])
    assert "evaluations" not in owner_references()
