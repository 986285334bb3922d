"""Which records a territory keeps: by ``zone_eligibilite``, else by the service's address,
else by its structure's; ``--keep-all`` keeps everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_server.admin.cli import main as server_cli
from spie_server.offers.territory_filter import departement_of_insee, departement_of_postcode
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.catalogue_helpers import stored, write_json
from tests.server.offers.records import valid
from tests.server.offers.test_import import run

NO_PLACE = {"zone_eligibilite": None, "code_insee": None, "code_postal": None}


def catalogue(tmp_path: Path) -> tuple[Path, Path]:
    structures = [
        valid("structure", 1, code_insee="97311", code_postal=None),  # Saint-Laurent
        valid("structure", 2, code_insee="75111", code_postal=None),  # Paris
        valid("structure", 3, code_insee=None, code_postal="97300"),  # Cayenne
    ]
    services = [
        valid("service", 1, zone_eligibilite=["france"], code_insee="75111"),
        valid("service", 2, zone_eligibilite=["99100"], code_insee="75111"),
        valid("service", 3, zone_eligibilite=["973"], code_insee="75111"),
        valid("service", 4, zone_eligibilite=["97311"], code_insee="75111"),
        valid("service", 5, zone_eligibilite=["75", "92"], code_insee="97311"),
        valid("service", 6, **{**NO_PLACE, "code_insee": "97302"}),
        valid("service", 7, **{**NO_PLACE, "code_postal": "97320"}),
        valid("service", 8, **{**NO_PLACE, "code_postal": "75011"}),
        valid("service", 9, **{**NO_PLACE, "structure_id": "dora--structure-3"}),
        valid("service", 10, **{**NO_PLACE, "structure_id": "dora--structure-2"}),
        valid("service", 11, **NO_PLACE),  # structure 1 (the default), in Guyane
        # An EPCI names no département: placed by its structure (in Paris).
        valid(
            "service",
            12,
            **{**NO_PLACE, "zone_eligibilite": ["200027548"], "structure_id": "dora--structure-2"},
        ),
    ]
    return (
        write_json(tmp_path / "structures.json", structures),
        write_json(tmp_path / "services.json", services),
    )


def test_a_territory_keeps_what_serves_its_departements(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = catalogue(tmp_path)
    arguments = ["offers", "import", *map(str, files), "--territory", territory]
    assert server_cli(run(server, *arguments, "--departement", "973")) == 0
    out = capsys.readouterr().out.splitlines()
    assert "structures: 2 imported, 0 updated, 0 unchanged, 1 outside the territory" in out[0]
    assert "services: 8 imported, 0 updated, 0 unchanged, 4 outside the territory" in out[1]
    kept = {int(i.rsplit("-", 1)[1]) for i in stored(admin, territory)}
    assert kept == {1, 2, 3, 4, 6, 7, 9, 11}
    assert set(stored(admin, territory, "structure")) == {
        "dora--structure-1",
        "dora--structure-3",
    }


def test_keep_all_keeps_every_record(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = catalogue(tmp_path)
    arguments = ["offers", "import", *map(str, files), "--territory", territory, "--keep-all"]
    assert server_cli(run(server, *arguments)) == 0
    assert len(stored(admin, territory)) == 12
    assert len(stored(admin, territory, "structure")) == 3


def test_a_territory_that_is_not_a_departement_must_say_which(
    server: RunningServer,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = catalogue(tmp_path)
    assert server_cli(run(server, "offers", "import", str(files[1]), "--territory", territory)) == 1
    assert "--departement" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("insee", "departement"),
    [("97311", "973"), ("2A004", "2A"), ("2B033", "2B"), ("07186", "07"), ("99100", None)],
)
def test_departement_of_an_insee_code(insee: str, departement: str | None) -> None:
    assert departement_of_insee(insee) == departement


@pytest.mark.parametrize(
    ("postcode", "departement"),
    [("97320", "973"), ("20000", "2A"), ("20200", "2B"), ("75011", "75"), ("98000", None)],
)
def test_departement_of_a_postcode(postcode: str, departement: str | None) -> None:
    assert departement_of_postcode(postcode) == departement
