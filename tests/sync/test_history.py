"""Deletions against the real server: a refused deletion comes back on the desktop, and a
device that deleted a territory's records is undone with one command, the others converging."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.interviews import InterviewService
from spie_desktop.sync.enrolment import enroll
from spie_server.admin.undo import undo_device
from spie_server.db import session_scope
from spie_server.settings import DEFAULT_DELETIONS_PER_HOUR
from spie_server.sync.held_deletions import decide_held
from tests.server.helpers import Admin, RunningServer, change, enrolled
from tests.sync.conftest import Laptop, Template

SPIE_SERVER = str(Path(sys.executable).with_name("spie-server"))
ERASED = ("people", "interviews", "answers")


def interview_of(laptop: Laptop, person_id: uuid.UUID) -> uuid.UUID:
    return InterviewService(laptop.session).start_or_resume(person_id).id


def answers_of(laptop: Laptop) -> dict[str, dict[str, Any]]:
    return laptop.snapshot()["answers"]


def delete_answers(laptop: Laptop, interview_id: uuid.UUID, keys: list[str]) -> None:
    with laptop.session.uow() as uow:
        for key in keys:
            assert uow.answers.delete(interview_id, key)


def other_structure_laptop(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_server: RunningServer,
    sync_territory: str,
    template: Template,
) -> Laptop:
    laptop = make_laptop("outsider", enrol=False)
    code = sync_admin.code(sync_territory, "Mission locale de Rodez")
    enrolment = enroll(
        laptop.session,
        sync_server.base_url,
        code,
        key=template.signing_key,
        ca_fingerprint=sync_admin.ca_fingerprint(sync_territory),
    )
    laptop.device_id = str(enrolment.device_id)
    return laptop


def test_a_deletion_refused_to_another_structure_comes_back_on_its_desktop(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_server: RunningServer,
    sync_territory: str,
    laptop_template: Template,
) -> None:
    owner = make_laptop("owner")
    person = owner.add_interview("Nadia", "Benali", answers=3)
    # Shared with the territory's other structures: the outsider's laptop receives the file.
    owner.people().record_consent(person, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    owner.sync()
    outsider = other_structure_laptop(
        make_laptop, sync_admin, sync_server, sync_territory, laptop_template
    )
    assert outsider.sync().ok
    before = answers_of(outsider)
    assert len(before) == 3
    delete_answers(outsider, interview_of(outsider, person), ["theme.q0", "theme.q1"])
    assert len(answers_of(outsider)) == 1

    report = outsider.sync()
    assert report.ok, report.error_en
    assert answers_of(outsider) == before
    assert report.kept == {"not_owner": 2}
    assert any("seule la structure qui a créé" in w for w in report.warnings_fr)
    assert outsider.pending() == 0
    again = outsider.sync()  # no loop: nothing is sent again, nothing is refused again
    assert again.ok and again.rejected == 0 and not again.kept
    owner.sync()
    assert answers_of(owner) == before


def test_a_mass_deletion_is_held_then_approved_without_losing_the_records_meanwhile(
    make_laptop: Callable[..., Laptop], sync_admin: Admin
) -> None:
    laptop, other = make_laptop("counsellor"), make_laptop("colleague")
    total = DEFAULT_DELETIONS_PER_HOUR + 3
    person = laptop.add_interview("Julien", "Roux", answers=total)
    laptop.sync()
    other.sync()
    keys = sorted(answers_of(laptop)[i]["key"] for i in answers_of(laptop))
    delete_answers(laptop, interview_of(laptop, person), keys)

    report = laptop.sync()
    assert report.ok, report.error_en
    assert len(answers_of(laptop)) == 3  # held: put back here, still on the server
    assert report.kept == {"deletion_held": 3}
    assert any("attend l'accord d'un administrateur" in w for w in report.warnings_fr)
    other.sync()
    assert answers_of(other) == answers_of(laptop)
    assert laptop.sync().rejected == 0  # no loop

    with session_scope(sync_admin.engine) as session:
        assert decide_held(session, [], laptop.device_id, approve=True) == (3, 3)
    laptop.sync()
    other.sync()
    assert answers_of(laptop) == answers_of(other) == {}


def test_undo_of_a_device_that_erased_the_territory_brings_every_desktop_back(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_server: RunningServer,
    sync_territory: str,
) -> None:
    first, second = make_laptop("first"), make_laptop("second")
    first.add_interview("Nadia", "Benali", answers=3)
    first.add_interview("Julien", "Roux", answers=3)
    second.add_interview("Ana", "Silva", answers=3)
    for laptop in (first, second, first):
        assert laptop.sync().ok
    full = first.snapshot()
    assert second.snapshot() == full
    assert len(full["people"]) == 3 and len(full["answers"]) == 9

    # A third laptop of the same structure, stolen before it is revoked, erases everything.
    url = sync_server.base_url
    with enrolled(url, sync_admin, sync_territory, "CD Aveyron") as thief:
        live = [r for r in thief.pull_all() if not r["deleted"] and r["entity"] in ERASED]
        deletions = [
            change(r["entity"], uuid.UUID(r["entity_id"]), base=r["version"], deleted=True)
            for r in sorted(live, key=lambda r: -ERASED.index(r["entity"]))
        ]
        assert len(deletions) == 15 <= DEFAULT_DELETIONS_PER_HOUR
        results = thief.push_ok(deletions)
        assert {r["status"] for r in results} == {"applied"}
        thief_id = thief.device_id
    for laptop in (first, second):
        laptop.sync()
        assert not laptop.snapshot()["answers"]  # the harm reached both desktops

    undo = subprocess.run(
        [
            SPIE_SERVER,
            "--data-dir",
            str(sync_server.settings.data_dir),
            "--database-url",
            sync_server.settings.database_url,
            "device",
            "undo",
            thief_id,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert undo.returncode == 0, undo.stderr
    assert "15 records restored" in undo.stdout

    for laptop in (first, second):
        report = laptop.sync()
        assert report.ok, report.error_en
        assert report.parked == 0
    for laptop in (first, second):
        assert laptop.snapshot() == full
    with session_scope(sync_admin.engine) as session:
        assert undo_device(session, thief_id).restored == 0  # nothing left to undo
