"""``timeline add`` / ``timeline list`` / ``situation`` end to end on a real store."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from spie_desktop.services import device
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService

from .conftest import PASSPHRASE, Run, assert_one_error_line


def add_person(data_dir: Path) -> tuple[uuid.UUID, date]:
    slot = device.resolve_account(data_dir, None)
    session = device.unlock(data_dir, slot.account_id, PASSPHRASE)
    try:
        person = PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 4, 12))
        return person.id, TimelineService(session).today()
    finally:
        session.close()


def test_add_list_and_the_point_de_situation(initialised: Path, cli: Run, tmp_path: Path) -> None:
    person, today = add_person(initialised)
    where = ("--data-dir", str(initialised))
    oriented = today - timedelta(days=50)
    result = cli(
        "timeline",
        "add",
        str(person),
        "--kind",
        "orientation",
        "--date",
        f"{oriented:%d/%m/%Y}",
        *where,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Étape enregistrée : ")

    # Oriented 50 days ago and never seen: the point de situation says so.
    result = cli("situation", "--alerts-only", *where)
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert line.split("\t")[:5] == [str(person), "Hélène LEFÈVRE", "Orientée", "-", "50 j"]
    assert "Orientée il y a 50 jours, pas encore reçue." in line

    contact = today - timedelta(days=20)
    result = cli(
        "timeline",
        "add",
        str(person),
        "--kind",
        "contact",
        "--channel",
        "phone",
        "--date",
        contact.isoformat(),
        "--note",
        "Premier appel",
        *where,
    )
    assert result.returncode == 0, result.stderr
    result = cli("timeline", "list", str(person), *where)
    assert result.stdout.splitlines() == [
        f"{oriented:%d/%m/%Y}\tOrientation",
        f"{contact:%d/%m/%Y}\tContact\t+30 j\t\tPremier appel",
    ]
    assert cli("situation", "--alerts-only", *where).stdout == ""

    out = tmp_path / "point.csv"
    result = cli("situation", "--csv", str(out), *where)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("identifiant;nom;prénom;structure;conseillers;étape")
    assert f"{person};Lefèvre;Hélène;" in text
    assert out.stat().st_mode & 0o077 == 0


def test_refusals_are_one_french_line(initialised: Path, cli: Run) -> None:
    person, today = add_person(initialised)
    where = ("--data-dir", str(initialised))
    start = today - timedelta(days=3)
    ok = cli(
        "timeline",
        "add",
        str(person),
        "--kind",
        "immersion_start",
        "--date",
        f"{start:%d/%m/%Y}",
        *where,
    )
    assert ok.returncode == 0, ok.stderr
    result = cli(
        "timeline",
        "add",
        str(person),
        "--kind",
        "immersion_end",
        "--date",
        f"{start - timedelta(days=1):%d/%m/%Y}",
        *where,
    )
    assert_one_error_line(result, "« Fin d'immersion » ne peut pas précéder « Début d'immersion »")
    future = f"{today + timedelta(days=5):%d/%m/%Y}"
    result = cli("timeline", "add", str(person), "--kind", "contact", "--date", future, *where)
    assert_one_error_line(result, "doit être marquée comme prévue")
    result = cli(
        "timeline", "add", str(person), "--kind", "contact", "--date", future, "--planned", *where
    )
    assert result.returncode == 0, result.stderr
    result = cli(
        "timeline",
        "add",
        str(person),
        "--kind",
        "return_to_work",
        "--date",
        future,
        "--planned",
        *where,
    )
    assert_one_error_line(result, "ne se planifie pas")
    result = cli(
        "timeline", "add", str(person), "--kind", "contact", "--date", "31/02/2026", *where
    )
    assert result.returncode == 2 and "JJ/MM/AAAA" in result.stderr
    listed = cli("timeline", "list", str(person), *where).stdout.splitlines()
    assert len(listed) == 2 and listed[1].endswith("prévue")
