"""The person's reading language travels with their file, through a real server."""

from __future__ import annotations

from dataclasses import replace

from spie_desktop.domain.records import utc_now
from spie_desktop.storage.repositories.sync_rows import row_values
from tests.sync.conftest import Laptop


def test_the_persons_language_reaches_the_other_laptop_and_follows_a_change(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    person = a.add_person("Joana", "Pereira", language="pt-BR")
    assert a.people().get(person.id).language == "pt-BR"  # round trip through a's store
    assert a.sync().ok and b.sync().ok
    assert b.people().get(person.id).language == "pt-BR"

    read = b.people().get(person.id)
    b.people().update_identity(person.id, replace(read.identity, language="es"), read.version)
    assert b.sync().ok and a.sync().ok
    assert a.people().get(person.id).language == "es"


def test_a_person_from_a_device_without_languages_reads_french() -> None:
    doc = {
        "first_name": "Ana",
        "last_name": "Silva",
        "birth_date": None,
        "commune": "",
        "phone": "",
        "email": "",
        "status": "new",
        "last_contact": None,
        "created_at": "2026-12-01T10:00:00+00:00",
    }
    assert row_values("people", doc, utc_now())["language"] == "fr"
