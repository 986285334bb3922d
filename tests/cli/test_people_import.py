"""``spie-desktop people import FILE``, run as a process against a real store."""

from __future__ import annotations

from pathlib import Path

from tests.services.orientation_lists import ROWS, generated_rows, write_csv, write_xlsx

from .conftest import Run, assert_one_error_line


def _people(cli: Run, data_dir: Path) -> list[str]:
    result = cli("people", "list", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_import_prints_counts_and_rejections_and_reimport_changes_nothing(
    initialised: Path, cli: Run, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS] + [list(ROWS[0])]  # line 5 repeats line 2
    rows[1][2] = "31/02/1990"  # line 3: no such day
    path = write_csv(tmp_path / "liste.csv", rows, separator=";", encoding="cp1252")
    first = cli("people", "import", str(path), "--data-dir", str(initialised))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "Créées : 2",
        "Retrouvées (déjà dans l'outil) : 0",
        "Refusées : 2",
        "ligne 3 : La date de naissance « 31/02/1990 » n'est pas une date : écrivez-la "
        "jj/mm/aaaa (ex. 05/03/2024) ou aaaa-mm-jj.",
        "ligne 5 : doublon de la ligne 2 (même personne).",
    ]
    people = _people(cli, initialised)
    assert len(people) == 2
    again = cli("people", "import", str(path), "--data-dir", str(initialised))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[:3] == [
        "Créées : 0",
        "Retrouvées (déjà dans l'outil) : 2",
        "Refusées : 2",
    ]
    assert _people(cli, initialised) == people


def test_import_of_an_excel_workbook(initialised: Path, cli: Run, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx")
    result = cli("people", "import", str(path), "--data-dir", str(initialised))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Créées : 3"
    assert any("MÜLLER François" in line for line in _people(cli, initialised))


def test_a_list_refused_whole_fails_with_one_french_line_and_writes_nothing(
    initialised: Path, cli: Run, tmp_path: Path
) -> None:
    header = ["Identifiant", "Prénom", "Date d'orientation"]
    path = write_csv(tmp_path / "liste.csv", [r[:3] for r in generated_rows(3)], header=header)
    result = cli("people", "import", str(path), "--data-dir", str(initialised))
    assert_one_error_line(result, "Colonne obligatoire absente : « nom »")
    assert _people(cli, initialised) == []


def test_import_help_is_in_french(cli: Run) -> None:
    result = cli("people", "import", "--help")
    assert result.returncode == 0
    assert "liste d'orientation" in result.stdout or "orientées vers le SPIE" in result.stdout
