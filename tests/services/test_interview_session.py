"""The interview workspace's use cases: open through the engine, autosave with authors,
resume at the step, the second counsellor joining, demo interviews that read back valid."""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from spie_desktop.domain.interview import Interview
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import ConsentScope
from spie_desktop.forms import AnswerRecord, DefinitionRegistry, builtin_registry, open_interview
from spie_desktop.forms.registry import BUILTIN_DIR
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_interviews import populate_demo_interviews
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.errors import WrongPassphrase
from spie_desktop.storage.session import Session

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, Device

TODAY = date(2026, 11, 27)


def _person(session: Session, *scopes: ConsentScope) -> uuid.UUID:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
    people.record_consent(person.id, {ConsentScope.RECORD, *scopes})
    return person.id


def _stored(
    session: Session, interview_id: uuid.UUID
) -> dict[str, tuple[object, uuid.UUID | None]]:
    with session.uow(read_only=True) as uow:
        return {a.key: (a.value, a.author_id) for a in uow.answers.list_for(interview_id)}


def test_open_reads_the_person_and_answers_the_consent_step_from_the_consent_record(
    session: Session,
) -> None:
    person_id = _person(session, ConsentScope.SHARE_CONSORTIUM)
    opened = InterviewSessionService(session).open(person_id)
    assert opened.person_name == "Josiane VERNHES"
    assert opened.commune == "Rodez"
    assert opened.age == date.today().year - 1979 - (
        (date.today().month, date.today().day) < (3, 14)
    )
    state = opened.state
    assert state.current_step.id == "accueil"
    assert state.value("accueil.consentement") is True
    assert state.value("accueil.partage_partenaires") is True
    assert state.value("accueil.donnees_sensibles") is False  # not agreed: kept out of print
    assert state.value("accueil.lieu") == "Rodez"
    assert state.can_advance()
    stored = _stored(session, opened.interview.id)
    assert stored["accueil.consentement"] == (True, session.counsellor.id)
    assert opened.owners[Field.SOCIAL].id == session.counsellor.id


def test_answers_steps_and_authors_survive_a_lock(ready_device: Device, session: Session) -> None:
    person_id = _person(session)
    service = InterviewSessionService(session)
    opened = service.open(person_id)
    interview_id = opened.interview.id
    state = opened.state
    me = session.counsellor.id
    for key, value in (("mobilite.barrier", "blocking"), ("logement.personnes_foyer", "trois")):
        state.set_answer(key, value, me)
        service.save_answer(interview_id, key, state.answers[key].value, me)
    service.save_answer(interview_id, "logement.notes", "à revoir", me)
    service.save_answer(interview_id, "logement.notes", None, me)  # cleared: deleted
    assert state.go_to("situation") == []
    service.save_step(interview_id, "situation")
    session.close()

    with device.unlock(
        ready_device.data_dir, ready_device.setup.counsellor_id, NADIA_PASSPHRASE
    ) as again:
        reopened = InterviewSessionService(again).open(person_id)
        stored = _stored(again, interview_id)
    assert reopened.interview.id == interview_id
    assert reopened.state.current_step.id == "situation"
    assert reopened.state.value("mobilite.barrier") == "blocking"
    # What was typed is kept, even invalid; the engine counts it as unanswered and says why.
    assert stored["logement.personnes_foyer"] == ("trois", me)
    error = reopened.state.field_error("logement.personnes_foyer")
    assert error is not None and error.message == "Nombre attendu."
    assert "logement.notes" not in stored


def test_the_author_is_the_pane_owner_once_they_have_joined(session: Session) -> None:
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    person_id = _person(session)
    service = InterviewSessionService(session)
    opened = service.open(person_id)
    state, nadia = opened.state, session.counsellor.id
    assert service.author_for(state, "emploi.dernier_emploi") == nadia  # Julien not here yet
    assert not service.owner_present(Field.EMPLOI)
    assert [a.display_name for a in service.other_accounts()] == ["Julien R."]

    with pytest.raises(WrongPassphrase):
        service.join_counsellor(opened.interview.id, julien.id, "pas le bon mot de passe")
    assert service.author_for(state, "emploi.dernier_emploi") == nadia

    joined = service.join_counsellor(opened.interview.id, julien.id, JULIEN_PASSPHRASE)
    assert joined.id == julien.id
    assert service.author_for(state, "emploi.dernier_emploi") == julien.id
    assert service.author_for(state, "mobilite.barrier") == nadia
    assert service.author_for(state, "priorites.projet") == nadia  # outside the panes
    with session.uow(read_only=True) as uow:
        interview = uow.interviews.get(opened.interview.id)
    assert (interview.social_counsellor_id, interview.emploi_counsellor_id) == (nadia, julien.id)
    # A new run (after a lock) forgets who joined: Julien must join again to sign his answers.
    later = InterviewSessionService(session)
    assert later.author_for(later.open(person_id).state, "emploi.dernier_emploi") == nadia


def test_a_colleague_expected_after_a_lock_writes_nothing_until_confirmed(
    session: Session,
) -> None:
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    person_id = _person(session)
    first = InterviewSessionService(session)
    interview_id = first.open(person_id).interview.id
    first.join_counsellor(interview_id, julien.id, JULIEN_PASSPHRASE)
    assert first.joined() == {session.counsellor.id, julien.id}

    again = InterviewSessionService(session)  # the workspace opened again after the lock
    state = again.open(person_id).state
    again.expect(first.joined())
    assert again.owner_to_confirm(Field.EMPLOI) == julien.id
    assert again.owner_to_confirm(Field.SOCIAL) is None  # Nadia unlocked: she is here
    assert again.awaits_confirmation(state, "emploi.dernier_emploi")
    assert not again.awaits_confirmation(state, "mobilite.barrier")
    assert not again.awaits_confirmation(state, "priorites.projet")  # outside the panes
    with pytest.raises(WrongPassphrase):
        again.join_counsellor(interview_id, julien.id, "pas le bon mot de passe")
    assert again.owner_to_confirm(Field.EMPLOI) == julien.id
    again.join_counsellor(interview_id, julien.id, JULIEN_PASSPHRASE)
    assert again.owner_to_confirm(Field.EMPLOI) is None
    assert again.author_for(state, "emploi.dernier_emploi") == julien.id


def test_an_interview_taken_with_a_missing_definition_opens_read_only(session: Session) -> None:
    person_id = _person(session)
    with session.uow() as uow:
        uow.interviews.add(
            Interview(person_id=person_id, definition_id="socle-commun", definition_version=99)
        )
    opened = InterviewSessionService(session).open(person_id)
    assert opened.state.read_only
    assert "version 99" in (opened.state.read_only_reason or "")


def test_new_interviews_use_a_released_v2_while_a_v1_interview_still_opens_in_v1(
    session: Session, tmp_path: Path
) -> None:
    started_in_v1 = _person(session)
    definitions = tmp_path / "definitions"
    definitions.mkdir()
    shutil.copy(BUILTIN_DIR / "socle-commun.v1.yaml", definitions)
    InterviewSessionService(session, DefinitionRegistry(builtin_dir=definitions)).open(
        started_in_v1
    )
    v1 = (BUILTIN_DIR / "socle-commun.v1.yaml").read_text(encoding="utf-8")
    v2 = v1.replace("version: 1\n", "version: 2\n", 1)
    (definitions / "socle-commun.v2.yaml").write_text(v2, encoding="utf-8")
    with_v2 = DefinitionRegistry(builtin_dir=definitions)
    assert with_v2.problems == []

    service = InterviewSessionService(session, with_v2)
    reopened = service.open(started_in_v1)
    assert reopened.interview.definition_version == 1
    assert reopened.state.definition.version == 1 and not reopened.state.read_only
    people = PeopleService(session)
    newcomer = people.create_person("Mathis", "Fabre", date(1990, 6, 1), "Millau")
    people.record_consent(newcomer.id, {ConsentScope.RECORD})
    fresh = service.open(newcomer.id)
    assert (fresh.interview.definition_id, fresh.interview.definition_version) == (
        "socle-commun",
        2,
    )
    assert fresh.state.definition.version == 2


def test_demo_interviews_read_back_valid_at_different_stages(session: Session) -> None:
    populate_demo(session, 60, seed=11, today=TODAY)
    assert populate_demo_interviews(session, seed=11) > 0
    registry = builtin_registry()
    stages: Counter[str] = Counter()
    with session.uow(read_only=True) as uow:
        for summary in uow.people.iter_summaries():
            for interview in uow.interviews.list_for_person(summary.id):
                records = {
                    a.key: AnswerRecord(a.value, a.author_id)
                    for a in uow.answers.list_for(interview.id)
                }
                state = open_interview(
                    registry,
                    interview.definition_id,
                    interview.definition_version,
                    records,
                    current_step=interview.current_step,
                )
                assert not state.read_only
                assert interview.current_step == state.current_step.id  # a real step id
                assert set(records) <= set(state.definition.fields)
                assert [e for e in state.errors() if e.code != "required"] == []
                assert all(state.value(key) is not None for key in records)  # all valid
                for situation in records.get("mobilite.situations", AnswerRecord([])).value:
                    assert situation in state.definition.fields["mobilite.situations"].choices
                if state.current_step.id == "plan":
                    assert state.synthesis().project_text
                stages[state.current_step.id] += 1
    assert len(stages) >= 3, stages  # welcome, diagnostic, priorities, plan…
