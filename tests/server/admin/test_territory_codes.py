"""``spie-server territory add`` takes the shared territory list; servers set up with a former
code (973 before CTG) keep working."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from spie_server.admin.cli import main
from spie_server.dashboard.accounts import add_manager
from spie_server.db import make_engine, session_scope, upgrade
from spie_server.retention.local_calendar import territory_zone
from spie_server.server_key import load_or_create_secret
from spie_server.settings import Settings, sqlite_url
from spie_server.territory.enrolment import create_code
from spie_server.territory.territories import add_territory, get_territory, list_territories
from tests.server.offers.catalogue_helpers import write_json
from tests.server.offers.records import valid


def settings(data_dir: Path) -> Settings:
    return Settings(data_dir, sqlite_url(data_dir))


def listed(data_dir: Path) -> dict[str, str]:
    engine = make_engine(settings(data_dir).database_url)
    try:
        with session_scope(engine) as session:
            return {t.code: t.name for t in list_territories(session)}
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("69M", "Métropole de Lyon"),
        ("20R", "Collectivité de Corse"),
        ("75C", "Ville de Paris"),
        ("CTG", "Collectivité territoriale de Guyane"),
        ("CTM", "Collectivité territoriale de Martinique"),
        ("20R-AJA", "Pays Ajaccien"),
    ],
)
def test_a_listed_collectivity_is_added_under_its_name(
    tmp_path: Path, code: str, name: str
) -> None:
    assert main(["territory", "add", code.lower(), "--data-dir", str(tmp_path)]) == 0
    assert listed(tmp_path) == {code: name}


def test_a_former_code_adds_the_collectivity(tmp_path: Path) -> None:
    assert main(["territory", "add", "973", "--data-dir", str(tmp_path)]) == 0
    assert listed(tmp_path) == {"CTG": "Collectivité territoriale de Guyane"}
    assert main(["territory", "add", "CTG", "--data-dir", str(tmp_path)]) == 1


def test_a_code_outside_the_list_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["territory", "add", "99", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "not in the territory list" in err and len(err.strip().splitlines()) == 1
    assert main(["territory", "add", "69D", "--data-dir", str(tmp_path)]) == 1
    assert listed(tmp_path) == {}


def test_a_server_set_up_with_973_keeps_working(tmp_path: Path) -> None:
    """A territory row an earlier version created as ``973``: found as 973 and as CTG, in
    Guyane's time zone, and not created a second time."""
    engine = make_engine(settings(tmp_path).database_url)
    upgrade(engine)
    secret = load_or_create_secret(tmp_path)
    try:
        with session_scope(engine) as session:
            add_territory(session, "973", "Guyane", secret)  # as the earlier `territory add`
        with session_scope(engine) as session:
            assert get_territory(session, "CTG").code == "973"
            assert get_territory(session, "973").code == "973"
            assert create_code(session, "CTG", "Mission locale", timedelta(hours=1))
            assert add_manager(session, "CTG", "chef.guyane", "causse-rouge-42-brume").login
    finally:
        engine.dispose()
    assert territory_zone("973") == territory_zone("CTG") == "America/Cayenne"
    assert main(["territory", "add", "CTG", "--data-dir", str(tmp_path)]) == 1
    assert (
        main(
            [
                "enrolment-code",
                "--territory",
                "CTG",
                "--structure",
                "ML",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert listed(tmp_path) == {"973": "Guyane"}


def test_time_zones_come_from_the_shared_list() -> None:
    assert territory_zone("CTM") == "America/Martinique"
    assert territory_zone("976") == "Indian/Mayotte"
    assert territory_zone("69M") == "Europe/Paris"
    assert territory_zone("TEST1234") == "Europe/Paris"  # a test territory outside the list


def test_offers_of_a_collectivity_are_kept_by_its_departements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CTG is no département code: the list says it covers 973, so a Cayenne structure
    is kept without --departement."""
    options = ["--data-dir", str(tmp_path)]
    assert main(["territory", "add", "CTG", *options]) == 0
    records = write_json(tmp_path / "structures.json", [valid("structure", 1)])
    capsys.readouterr()
    assert main(["offers", "import", str(records), "--territory", "CTG", *options]) == 0
    assert "1 imported" in capsys.readouterr().out
