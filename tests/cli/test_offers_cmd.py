"""``offers load`` and ``offers search`` end to end on a real store."""

from __future__ import annotations

import json
from pathlib import Path

from tests.services.offer_records import CAYENNE, MANA, SAINT_LAURENT, service, structure

from .conftest import Run, assert_one_error_line


def _export(tmp_path: Path) -> tuple[Path, Path]:
    structures = tmp_path / "structures.json"
    services = tmp_path / "services.json"
    structures.write_text(
        json.dumps([structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)]),
        encoding="utf-8",
    )
    services.write_text(
        json.dumps(
            [
                service(1, "Auto-école sociale", SAINT_LAURENT),
                service(2, "Garage solidaire", CAYENNE),
                service(3, "Atelier mobilité", MANA, thematiques=("numerique",)),
            ]
        ),
        encoding="utf-8",
    )
    return structures, services


def test_load_then_search_nearest_first(initialised: Path, cli: Run, tmp_path: Path) -> None:
    where = ("--data-dir", str(initialised))
    result = cli("offers", "load", *map(str, _export(tmp_path)), *where)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Catalogue chargé : 1 structures, 3 services, 0 supprimés."

    result = cli("offers", "search", "", "--thematique", "mobilite", "--near", "97306", *where)
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [line[1] for line in lines] == ["Auto-école sociale", "Garage solidaire"]
    assert lines[0][0].endswith(" km") and lines[0][0].startswith("3")
    assert lines[0][2] == "Mission locale de l'Ouest guyanais"

    result = cli("offers", "search", "MOBILITES", "--limit", "1", *where)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[:2] == ["-", "Atelier mobilité"]


def test_an_unknown_commune_or_thematique_is_one_french_line(
    initialised: Path, cli: Run, tmp_path: Path
) -> None:
    where = ("--data-dir", str(initialised))
    cli("offers", "load", *map(str, _export(tmp_path)), *where)
    result = cli("offers", "search", "permis", "--near", "75056", *where)
    assert_one_error_line(result, "aucune offre géolocalisée")
    result = cli("offers", "search", "permis", "--thematique", "velo", *where)
    assert_one_error_line(result, "Thématique inconnue")
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    result = cli("offers", "load", str(broken), str(broken), *where)
    assert_one_error_line(result, "ne peut pas être lu")
