"""Demo data: deterministic for a seed, realistic for the store's territory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spie_desktop.domain.people import PersonStatus
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_names import COMMUNES
from spie_desktop.services.session import Session

from .conftest import NADIA_PASSPHRASE, initialise

TODAY = date(2026, 11, 27)


def _demo_people(data_dir: Path, seed: int, territory: str = "12", count: int = 40) -> list[tuple]:
    setup = initialise(data_dir, territory)
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        assert populate_demo(session, count, seed, today=TODAY) == count
        with session.uow() as uow:
            people = [uow.people.get(s.id) for s in uow.people.iter_summaries()]
    return sorted(
        (p.id, p.first_name, p.last_name, p.birth_date, p.status, p.commune, p.phone)
        for p in people
        if p is not None
    )


def test_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    first = _demo_people(tmp_path / "a", seed=7)
    second = _demo_people(tmp_path / "b", seed=7)
    other = _demo_people(tmp_path / "c", seed=8)
    assert len(first) == 40
    assert first == second
    assert {row[0] for row in first}.isdisjoint(row[0] for row in other)


def test_demo_people_live_in_the_territory_and_are_of_working_age(tmp_path: Path) -> None:
    people = _demo_people(tmp_path / "guyane", seed=3, territory="973", count=60)
    for _id, _first, _last, born, _status, commune, phone in people:
        age = (TODAY - born).days / 365.25
        assert 18 <= age < 65
        assert commune in COMMUNES["973"]
        assert phone == "" or phone.startswith("06 94")
    assert len({row[4] for row in people}) >= 4  # every stage of the path is represented


def test_demo_interviews_have_answers_and_consents(session: Session) -> None:
    populate_demo(session, 30, seed=5, today=TODAY)
    with session.uow() as uow:
        summaries = list(uow.people.iter_summaries())
        underway = [s for s in summaries if s.status is not PersonStatus.NEW]
        assert underway
        for summary in underway:
            consent = uow.consents.latest_for(summary.id)
            assert consent is not None
            interviews = uow.interviews.list_for_person(summary.id)
            assert len(interviews) == 1
            keys = {a.key for a in uow.answers.list_for(interviews[0].id)}
            assert any(k.endswith(".barrier") for k in keys)
