"""Two devices evaluate the same person for the first time before either has synced: each
made a token. The server's stays on the person's record and no conflict is raised, since
resolving one would show the counsellor both tokens."""

from __future__ import annotations

from collections.abc import Callable

from spie_desktop.services.conflicts import list_open
from spie_desktop.services.evaluations import EvaluationStep, new_handle, start_evaluation
from spie_desktop.sync.merge import merge
from tests.services.evaluation_fixtures import evaluation_rows, identified_person, person_token
from tests.sync.conftest import Laptop

BASE = {"first_name": "Ana", "evaluation_token": None}


def test_a_token_made_on_both_sides_keeps_the_servers_without_a_conflict() -> None:
    result = merge(
        "people",
        BASE,
        {**BASE, "evaluation_token": "mine"},
        {**BASE, "evaluation_token": "theirs"},
    )
    assert result.doc["evaluation_token"] == "theirs"
    assert result.conflicts == [] and result.to_push == {}


def test_any_other_field_changed_on_both_sides_still_conflicts() -> None:
    result = merge("people", BASE, {**BASE, "first_name": "Anna"}, {**BASE, "first_name": "Ane"})
    assert [c.field for c in result.conflicts] == ["first_name"]


def test_two_devices_first_evaluating_the_same_person_end_with_one_token_and_no_conflict(
    make_laptop: Callable[..., Laptop],
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = identified_person(a.session)
    assert a.sync().ok and b.sync().ok
    start_evaluation(a.session, person.id, new_handle(EvaluationStep.INTERVIEW))
    start_evaluation(b.session, person.id, new_handle(EvaluationStep.INTERVIEW))
    assert person_token(a.session, person.id) != person_token(b.session, person.id)

    assert a.sync().ok and b.sync().ok and a.sync().ok
    token = person_token(a.session, person.id)
    assert person_token(b.session, person.id) == token
    assert list_open(a.session) == [] and list_open(b.session) == []
    for laptop in (a, b):
        assert len(evaluation_rows(laptop.session)) == 2  # both evaluations kept
