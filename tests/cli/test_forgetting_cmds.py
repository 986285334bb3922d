"""``person erase`` and ``retention run`` end to end on a real store: one line per file naming
the person by id only, French refusals as one line."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from spie_desktop.config import logs_dir
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.services import device
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.repositories.base import OUTBOX

from .conftest import PASSPHRASE, Run, assert_one_error_line


def _person(data_dir: Path, *, ended: bool = False, synced: bool = False) -> uuid.UUID:
    slot = device.resolve_account(data_dir, None)
    session = device.unlock(data_dir, slot.account_id, PASSPHRASE)
    try:
        person = PeopleService(session).create_person(
            "Hélène", "Lefèvre", date(1979, 4, 12), allow_duplicates=True
        )
        with session.uow() as uow:
            if ended:
                uow.events.add(
                    FollowUpEvent(
                        person_id=person.id,
                        kind=FollowUpKind.END_OF_SUPPORT,
                        occurred_at=datetime.now(UTC) - timedelta(days=900),
                    )
                )
            if synced:
                uow.outbox.mark_sent(list(uow.session.execute(select(OUTBOX.c.op_id)).scalars()))
        return person.id
    finally:
        session.close()


def test_person_erase(initialised: Path, cli: Run) -> None:
    person = _person(initialised)
    where = ("--data-dir", str(initialised))
    refused = cli("person", "erase", str(person), "--reason", "  ", *where)
    assert_one_error_line(refused, "motif")
    result = cli("person", "erase", str(person), "--reason", "courrier du 2/12", *where)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{person}\teffacé\t")
    assert "Lefèvre" not in result.stdout + result.stderr
    again = cli("person", "erase", str(person), "--reason", "courrier du 2/12", *where)
    assert_one_error_line(again, "introuvable")


def test_retention_run_waits_then_forgets(initialised: Path, cli: Run) -> None:
    where = ("--data-dir", str(initialised))
    waiting = _person(initialised, ended=True)
    result = cli("retention", "run", *where)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Règle : 24 mois après la fin d'accompagnement")
    assert lines[1:] == [
        f"{waiting}\ten attente\t2 modification(s) pas encore envoyée(s) au serveur"
    ]

    due = _person(initialised, ended=True, synced=True)  # the server holds them all now
    dry = cli("retention", "run", "--dry-run", *where)
    assert dry.returncode == 0, dry.stderr
    assert sorted(dry.stdout.splitlines()[1:]) == sorted(
        [
            f"{waiting}\tà effacer (simulation)\tfin d'accompagnement ancienne",
            f"{due}\tà effacer (simulation)\tfin d'accompagnement ancienne",
        ]
    )
    done = cli("retention", "run", *where)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert "Lefèvre" not in done.stdout
    logs = [p for p in logs_dir(initialised).rglob("*") if p.is_file()]
    for text in (result.stderr + dry.stderr + done.stderr, *(p.read_text() for p in logs)):
        assert "Lefèvre" not in text and "Hélène" not in text
    assert cli("retention", "run", *where).stdout.splitlines()[1:] == ["Aucun dossier à effacer."]
