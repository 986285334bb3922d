"""Nothing personal reaches the disk in clear: not in the store file, not in the WAL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import Person
from spie_desktop.storage.store import Store

NAME = "Hélène Zébulon-Testname"
NOTE = "Suivi psychiatrique au CMP de Millau"


def scan(folder: Path, needles: list[bytes]) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            hits = [n for n in needles if n in raw]
            if hits:
                found[path.name] = hits
    return found


def needles_for(*texts: str) -> list[bytes]:
    out: list[bytes] = []
    for t in texts:
        out += [t.encode("utf-8"), t.encode("utf-16-le"), t.split()[-1].encode("utf-8")]
    return out


def write_sensitive_data(store: Store) -> None:
    first, last = NAME.split(" ", 1)
    actor = uuid.uuid4()
    with store.unit_of_work(actor) as uow:
        person = uow.people.add(Person(first_name=first, last_name=last, commune="Millau"))
        interview = uow.interviews.add(
            Interview(person_id=person.id, definition_id="spie", definition_version=1)
        )
        uow.answers.upsert(interview.id, "sante.notes", NOTE, actor)
    with store.unit_of_work(actor) as uow:
        uow.answers.upsert(interview.id, "sante.suivi", NOTE + " (2)", actor)
        p = uow.people.get(person.id)
        p.last_contact = datetime.now(UTC).date()
        uow.people.save(p)


def test_scan_finds_plaintext_when_it_is_there(data_dir: Path) -> None:
    """The scanner itself works: on a plain SQLite store it does find the name."""
    store = Store.create_unencrypted_for_benchmark(data_dir / "plain.db")
    write_sensitive_data(store)
    assert scan(data_dir, needles_for(NAME, NOTE))  # found while the WAL is live
    store.close()
    assert "plain.db" in scan(data_dir, needles_for(NAME, NOTE))


def test_no_plaintext_in_store_or_wal_while_open(store: Store, data_dir: Path) -> None:
    write_sensitive_data(store)
    wal = Path(f"{store.path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the changes are in the WAL right now
    assert scan(data_dir, needles_for(NAME, NOTE)) == {}


def test_no_plaintext_after_close(store: Store, data_dir: Path) -> None:
    write_sensitive_data(store)
    store.close()
    assert scan(data_dir, needles_for(NAME, NOTE)) == {}
