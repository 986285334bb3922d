"""View-models without widgets: new person, consent, person file, status bar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.people import CONSENT_WORDING_VERSION, ConsentScope, Person
from spie_desktop.services import device
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import SetupResult
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.status import LAST_SYNC_KEY, StoreStatus, read_status
from spie_desktop.storage.session import Session
from spie_desktop.ui.consent_model import ConsentModel
from spie_desktop.ui.new_person_model import NewPersonModel, parse_birth_date
from spie_desktop.ui.person_file_model import PersonFileModel
from spie_desktop.ui.status_model import StatusModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE


@pytest.fixture
def context(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> Iterator[WindowContext]:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    yield WindowContext(session, runner)
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    session.close()


def session_of(context: WindowContext) -> Session:
    assert context.session is not None
    return context.session


def test_birth_dates_are_read_as_jj_mm_aaaa() -> None:
    today = date(2026, 11, 27)
    assert parse_birth_date("12/03/1979", today) == (date(1979, 3, 12), "")
    assert parse_birth_date(" 1-3-1979 ", today) == (date(1979, 3, 1), "")
    assert parse_birth_date("12.03.1979", today) == (date(1979, 3, 12), "")
    assert parse_birth_date("12031979", today) == (date(1979, 3, 12), "")
    assert parse_birth_date("", today) == (None, "")
    assert parse_birth_date("1979-03-12", today)[1] == "Date à écrire JJ/MM/AAAA (ex. 12/03/1979)."
    assert parse_birth_date("12/03/79", today)[1].startswith("Date à écrire")
    assert parse_birth_date("30/02/1980", today) == (None, "Cette date n'existe pas.")
    assert parse_birth_date("01/01/2027", today) == (
        None,
        "La date de naissance est dans le futur.",
    )


def test_new_person_model_warns_of_a_likely_duplicate_then_creates_anyway(
    qtbot: QtBot, context: WindowContext
) -> None:
    PeopleService(session_of(context)).create_person("Hélène", "Lefèvre", date(1979, 3, 12))
    model = NewPersonModel(context)
    assert not model.can_submit()
    model.update(first_name="Helene", last_name="Lefevre", birth_date="12/03/1979")
    assert model.can_submit() and model.birth_error == ""
    written: list[object] = []
    context.changed.connect(written.append)
    model.submit()
    assert model.busy
    qtbot.waitUntil(lambda: not model.busy, timeout=5000)
    assert len(model.candidates) == 1 and not written
    assert model.duplicate_text == (
        "Une fiche proche existe déjà : LEFÈVRE Hélène, né(e) le 12/03/1979."
    )
    model.update(commune="Rodez")  # not the identity: the warning stays
    assert model.candidates
    with qtbot.waitSignal(model.created, timeout=5000) as created:
        model.create_anyway()
    person = created.args[0]
    assert isinstance(person, Person) and person.commune == "Rodez"
    assert written == [frozenset({Change.PEOPLE})] and model.candidates == []
    assert len(PeopleService(session_of(context)).list_summaries()) == 2


def test_new_person_model_shows_the_birth_date_error_and_blocks_saving(
    qtbot: QtBot, context: WindowContext
) -> None:
    model = NewPersonModel(context)
    model.update(first_name="Paul", last_name="Martin", birth_date="32/01/1990")
    assert model.birth_error == "Cette date n'existe pas." and not model.can_submit()
    model.submit()
    assert not model.busy
    model.update(birth_date="")
    assert model.can_submit()  # the birth date may be unknown


def test_consent_model_records_only_what_was_ticked(qtbot: QtBot, context: WindowContext) -> None:
    person = PeopleService(session_of(context)).create_person("Paul", "Martin", None)
    model = ConsentModel(context, person.id)
    assert model.scopes == set() and "aucun entretien" in model.note
    assert model.wording_version == "2026-12.3" and "chiffré" in model.wording
    model.set_scope(ConsentScope.RECORD, True)
    model.set_scope(ConsentScope.EVALUATION, True)
    model.set_scope(ConsentScope.EVALUATION, False)
    assert model.note == ""
    with qtbot.waitSignal(model.recorded, timeout=5000) as recorded:
        model.submit()
    assert recorded.args[0].scopes == frozenset({ConsentScope.RECORD})
    latest = PeopleService(session_of(context)).latest_consent(person.id)
    assert latest is not None and latest.wording_version == "2026-12.3"
    assert latest.scopes == frozenset({ConsentScope.RECORD})


def test_person_file_model_words_the_timeline_in_the_territory_time_zone(
    qtbot: QtBot, context: WindowContext
) -> None:
    session = session_of(context)
    people = PeopleService(session)
    person = people.create_person("Paul", "Martin", date(1990, 6, 1), phone="06 00 00 00 00")
    model = PersonFileModel(context)
    model.open(person.id)
    qtbot.waitUntil(lambda: model.file is not None, timeout=5000)
    assert model.title == "Paul MARTIN"
    assert not model.may_interview and model.interview_button_text == "Démarrer l'entretien"
    assert model.consent_text.startswith("Consentement non recueilli")
    assert model.consent_button_text == "Recueillir le consentement"
    assert ("Date de naissance", "01/06/1990 (36 ans)") in model.identity(date(2026, 11, 27))

    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    InterviewService(session).start_or_resume(person.id)
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=person.id,
                kind=FollowUpKind.CONTACT,
                occurred_at=datetime(2030, 1, 15, 23, 30, tzinfo=UTC),
                note="Appel",
            )
        )
    model.reload()
    qtbot.waitUntil(lambda: model.may_interview, timeout=5000)
    assert model.interview_button_text == "Reprendre l'entretien"
    rows = model.timeline()
    assert [row.what for row in rows] == [
        "Contact",
        "Entretien de diagnostic",
        f"Consentement (version {CONSENT_WORDING_VERSION})",
    ]
    assert rows[0].when == "16/01/2030 00:30" and rows[0].detail == "Appel"  # Paris, UTC+1
    assert rows[1].detail == "En cours"
    assert rows[2].detail == "2 accords sur 5"
    assert model.consent_lines()[0] == "✓ Conserver mon dossier dans l'outil de la structure"
    model.clear()
    assert model.file is None and model.person_id == person.id and model.timeline() == []


def test_status_model_reads_pending_changes_and_last_sync_and_stops_when_locked(
    qtbot: QtBot, context: WindowContext
) -> None:
    session = session_of(context)
    with session.uow() as uow:
        uow.meta.set(LAST_SYNC_KEY, "2026-07-01T10:00:00+00:00")
    model = StatusModel(context)
    assert model.who_text == "Nadia B. — Volet social"
    assert model.territory == "Aveyron (12)" and model.lock_text == "Coffre déverrouillé"
    qtbot.waitUntil(lambda: model.pending is not None, timeout=5000)
    assert model.sync_text == "Dernière synchronisation : 01/07/2026 12:00"  # summer time
    count = model.pending or 0
    context.change(
        lambda s: PeopleService(s).create_person("Paul", "Martin", None), changes(Change.PEOPLE)
    )
    qtbot.waitUntil(lambda: (model.pending or 0) > count, timeout=5000)  # announced: no timer
    context.lock()
    assert model.lock_text == "Coffre verrouillé"
    context.unlock(session)
    assert model.lock_text == "Coffre déverrouillé"
    model.deleteLater()


def test_status_model_says_a_demo_store_is_never_synchronised(
    qtbot: QtBot, context: WindowContext
) -> None:
    session = session_of(context)
    PeopleService(session).create_person("Paul", "Martin", None)  # a change in the outbox
    assert read_status(session) == StoreStatus(read_status(session).pending_changes, None)
    with session.uow() as uow:
        uow.meta.mark_demo_store()
        uow.meta.set(LAST_SYNC_KEY, "2026-07-01T10:00:00+00:00")  # even if something wrote it
    assert read_status(session).demo_store
    model = StatusModel(context)
    assert model.sync_text == ""  # nothing said before the store is read: no "jamais" flash
    qtbot.waitUntil(lambda: model.pending is not None, timeout=5000)
    assert model.sync_text == "Coffre de démonstration — jamais synchronisé"
    assert model.pending_text == ""  # no "N modifications à synchroniser"
    model.deleteLater()
