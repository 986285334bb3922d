"""Bad input and broken files: one clear line on stderr, a non-zero status, files untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import Run, assert_one_error_line


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase(initialised: Path, cli: Run) -> None:
    result = cli("people", "list", "--data-dir", str(initialised), passphrase="pas la bonne phrase")
    assert_one_error_line(result, "Phrase de passe incorrecte.")
    assert result.stdout == ""


def test_no_passphrase_and_no_terminal(initialised: Path, cli: Run) -> None:
    result = cli("people", "list", "--data-dir", str(initialised), passphrase=None)
    assert_one_error_line(result, "Aucune phrase de passe", "--passphrase-file", "SPIE_PASSPHRASE")


def test_missing_key_file(initialised: Path, cli: Run) -> None:
    before = _digest(initialised / "store.db")
    (initialised / "keyslots.json").unlink()
    result = cli("people", "list", "--data-dir", str(initialised))
    assert_one_error_line(result, "keyslots.json", "introuvable")
    assert _digest(initialised / "store.db") == before


def test_truncated_store(initialised: Path, cli: Run) -> None:
    store = initialised / "store.db"
    store.write_bytes(store.read_bytes()[:3000])
    before = _digest(store)
    result = cli("people", "list", "--data-dir", str(initialised))
    line = assert_one_error_line(result)
    assert "fichier de données" in line and ("endommagé" in line or "ne correspond pas" in line)
    assert _digest(store) == before


def test_unknown_territory(data_dir: Path, initialised: Path, cli: Run) -> None:
    fresh = data_dir.parent / "fresh"
    result = cli(
        "init",
        "--territory",
        "999",
        "--structure",
        "CCAS",
        "--counsellor",
        "Nadia B.",
        "--field",
        "social",
        "--data-dir",
        str(fresh),
    )
    assert_one_error_line(result, "Territoire inconnu")
    assert not (fresh / "store.db").exists() and not (fresh / "keyslots.json").exists()

    before = _digest(initialised / "store.db")
    again = cli(
        "demo",
        "--people",
        "3",
        "--territory",
        "999",
        "--data-dir",
        str(initialised),
    )
    assert_one_error_line(again, "Territoire inconnu")
    assert _digest(initialised / "store.db") == before


def test_init_twice_keeps_the_first_store(initialised: Path, cli: Run) -> None:
    before = _digest(initialised / "store.db"), _digest(initialised / "keyslots.json")
    result = cli(
        "init",
        "--territory",
        "12",
        "--structure",
        "CCAS",
        "--counsellor",
        "Autre",
        "--field",
        "emploi",
        "--data-dir",
        str(initialised),
    )
    assert_one_error_line(result, "contient déjà des données")
    assert (_digest(initialised / "store.db"), _digest(initialised / "keyslots.json")) == before


def test_store_of_an_uninitialised_dir(data_dir: Path, cli: Run) -> None:
    result = cli("people", "list", "--data-dir", str(data_dir))
    assert_one_error_line(result, "pas encore configuré", "spie-desktop init")


def test_bad_arguments_are_one_line_too(cli: Run, data_dir: Path) -> None:
    assert_one_error_line(
        cli("export", "--person", "not-a-uuid", "--out", "x.json"), "pas un identifiant de personne"
    )
    assert_one_error_line(
        cli("frobnicate", "--data-dir", str(data_dir)), "choix invalide : 'frobnicate'"
    )
    # argparse's own messages speak French too, like --help (issue 13, finding 7)
    assert_one_error_line(cli("people", "--data-dir", str(data_dir)), "(voir spie-desktop --help)")
    assert_one_error_line(cli("people"), "arguments obligatoires manquants : ACTION")
    assert_one_error_line(cli("export", "--person"), "argument --person : une valeur est attendue")
    assert_one_error_line(cli("people", "list", "--bogus"), "arguments non reconnus : --bogus")


def test_weak_passphrase_at_init(data_dir: Path, cli: Run) -> None:
    result = cli(
        "init",
        "--territory",
        "12",
        "--structure",
        "CCAS",
        "--counsellor",
        "Nadia B.",
        "--field",
        "social",
        "--data-dir",
        str(data_dir),
        passphrase="azerty",
    )
    assert_one_error_line(result, "Phrase de passe trop faible.")
    assert not (data_dir / "store.db").exists()
