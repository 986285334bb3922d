"""The autosave hot path: one answer, one upsert, one outbox entry, committed at once."""

from __future__ import annotations

import uuid

import pytest

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import Person
from spie_desktop.storage.store import Store


@pytest.fixture
def interview(store: Store, person: Person) -> Interview:
    with store.unit_of_work(None) as uow:
        return uow.interviews.add(
            Interview(person_id=person.id, definition_id="spie", definition_version=1)
        )


def answer_entries(store: Store) -> list[tuple[str, int, int | None, dict[str, object]]]:
    with store.unit_of_work(None) as uow:
        return [
            (e.op, e.version, e.base_version, e.fields)
            for e in uow.outbox.pending(1000)
            if e.entity == "answers"
        ]


def test_upsert_inserts_then_updates_the_same_row(
    store: Store, interview: Interview, actor: uuid.UUID
) -> None:
    other = uuid.uuid4()
    with store.unit_of_work(actor) as uow:
        first = uow.answers.upsert(interview.id, "mobilite.permis", ["B"], actor)
    with store.unit_of_work(other) as uow:
        second = uow.answers.upsert(interview.id, "mobilite.permis", ["B", "AM"], other)
    assert second.id == first.id
    assert (first.version, second.version) == (1, 2)
    assert second.author_id == other and second.updated_by == other
    with store.unit_of_work(None) as uow:
        [stored] = uow.answers.list_for(interview.id)
    assert stored == second and stored.value == ["B", "AM"]
    entries = answer_entries(store)
    assert [(op, v, b) for op, v, b, _ in entries] == [("upsert", 1, None), ("upsert", 2, 1)]
    assert entries[0][3]["key"] == "mobilite.permis" and entries[0][3]["value"] == ["B"]
    assert entries[1][3]["value"] == ["B", "AM"] and "key" not in entries[1][3]


@pytest.mark.parametrize(
    "value", ["texte libre, « guillemets » é", 3, True, None, ["a", "b"], {"k": 1}]
)
def test_json_values_roundtrip(store: Store, interview: Interview, value: object) -> None:
    with store.unit_of_work(None) as uow:
        uow.answers.upsert(interview.id, "q", value, None)
    with store.unit_of_work(None) as uow:
        answer = uow.answers.get(interview.id, "q")
    assert answer is not None and answer.value == value


def test_same_value_again_writes_nothing(store: Store, interview: Interview) -> None:
    with store.unit_of_work(None) as uow:
        uow.answers.upsert(interview.id, "logement.situation", "hébergé", None)
    with store.unit_of_work(None) as uow:
        again = uow.answers.upsert(interview.id, "logement.situation", "hébergé", None)
    assert again.version == 1 and again.value == "hébergé"
    assert len(answer_entries(store)) == 1


def test_delete_removes_the_answer_and_journals_it(store: Store, interview: Interview) -> None:
    with store.unit_of_work(None) as uow:
        answer = uow.answers.upsert(interview.id, "sante.notes", "à effacer", None)
    with store.unit_of_work(None) as uow:
        assert uow.answers.delete(interview.id, "sante.notes") is True
        assert uow.answers.delete(interview.id, "sante.notes") is False
    with store.unit_of_work(None) as uow:
        assert uow.answers.list_for(interview.id) == []
        last = uow.outbox.pending(1000)[-1]
    assert (last.op, last.entity_id, last.version, last.base_version) == ("delete", answer.id, 2, 1)


def test_answer_for_unknown_interview_is_refused(store: Store) -> None:
    with pytest.raises(NotFound), store.unit_of_work(None) as uow:
        uow.answers.upsert(uuid.uuid4(), "q", "x", None)


def test_autosave_is_durable_once_the_unit_of_work_returns(
    store: Store, interview: Interview, data_key: bytes
) -> None:
    with store.unit_of_work(None) as uow:
        uow.answers.upsert(interview.id, "projet.mots", "aide à domicile", None)
    # A second, independent store object (another process would be the same) sees it.
    other = Store.open(store.path, data_key, verify=False)
    try:
        with other.unit_of_work(None) as uow:
            answer = uow.answers.get(interview.id, "projet.mots")
        assert answer is not None and answer.value == "aide à domicile"
    finally:
        other.close()
