"""The command line end to end: version, init, demo, people list, export, counsellor add."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from spie_desktop.domain.situation import Stage
from spie_desktop.services import device

from .conftest import PASSPHRASE, Run, assert_one_error_line

UUID_LINE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\t")


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "spie-desktop 0.1.0"


def test_init_shows_the_recovery_key_once(data_dir: Path, cli: Run) -> None:
    result = cli(
        "init",
        "--territory",
        "973",
        "--structure",
        "Mission locale de l'Ouest guyanais",
        "--structure-kind",
        "mission_locale",
        "--counsellor",
        "Kévin A.",
        "--field",
        "emploi",
        "--data-dir",
        str(data_dir),  # accepted after the subcommand too
    )
    assert result.returncode == 0, result.stderr
    keys = re.findall(r"Clé de secours : ([0-9A-Z-]+)", result.stdout)
    assert len(keys) == 1 and len(keys[0].replace("-", "")) == 32
    assert "en lieu sûr" in result.stdout
    assert keys[0] not in "".join(
        p.read_text("utf-8", "replace") for p in data_dir.rglob("*") if p.is_file()
    )


def test_init_demo_list_export(initialised: Path, cli: Run, tmp_path: Path) -> None:
    data = ["--data-dir", str(initialised)]
    demo = cli("demo", "--people", "50", "--seed", "1", "--force", *data)
    assert demo.returncode == 0, demo.stderr

    listing = cli(*data, "people", "list")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert len(lines) == 50
    assert all(UUID_LINE.match(line) for line in lines), lines[:3]
    assert all(re.search(r"\t\d\d/\d\d/\d{4}\t", line) for line in lines)
    stages = {line.split("\t")[3] for line in lines}  # the stage the path gives
    assert stages <= {stage.value for stage in Stage} and len(stages) > 1, stages

    person_id = lines[0].split("\t")[0]
    out = tmp_path / "acces.json"
    export = cli("export", "--person", person_id, "--out", str(out), *data)
    assert export.returncode == 0, export.stderr
    document = json.loads(out.read_text("utf-8"))
    assert document["person"]["id"] == person_id
    assert lines[0].split("\t")[1].endswith(document["person"]["first_name"])
    assert out.stat().st_mode & 0o077 == 0  # readable by its owner only

    pdf = tmp_path / "acces.pdf"
    both = cli("export", "--person", person_id, "--out", str(out), "--pdf", str(pdf), *data)
    assert both.returncode == 0, both.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_mode & 0o077 == 0
    assert json.loads(out.read_text("utf-8"))["person"]["id"] == person_id
    inside = cli("export", "--person", person_id, "--out", str(out), "--pdf",
                 str(initialised / "x.pdf"), *data)  # fmt: skip
    assert_one_error_line(inside, "dans le dossier de données chiffrées")


def test_demo_refuses_a_store_set_up_by_init_unless_forced(initialised: Path, cli: Run) -> None:
    """``demo`` after ``init`` would flag a real store as a demo store for good (never
    enrolled nor synced) and add two signer accounts whose passphrase it prints."""
    data = ["--data-dir", str(initialised)]
    refused = cli("demo", "--people", "5", "--signed-plans", "0", *data)
    assert_one_error_line(refused, "créé pour un usage réel", "--force")
    assert "phrase de passe" not in refused.stdout
    slot = device.resolve_account(initialised, None)
    with device.unlock(initialised, slot.account_id, PASSPHRASE) as session:
        assert not session.store.is_demo
    assert cli("people", "list", *data).stdout == ""
    forced = cli("demo", "--people", "5", "--signed-plans", "0", "--force", *data)
    assert forced.returncode == 0, forced.stderr
    assert len(cli("people", "list", *data).stdout.splitlines()) == 5


def test_demo_on_an_empty_dir_creates_a_demo_store(data_dir: Path, cli: Run) -> None:
    result = cli("demo", "--people", "5", "--territory", "62", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Clé de secours :" in result.stdout
    listing = cli("people", "list", "--data-dir", str(data_dir))
    assert len(listing.stdout.splitlines()) == 5


def test_counsellor_add_then_unlock_as_the_new_account(initialised: Path, cli: Run) -> None:
    data = ["--data-dir", str(initialised)]
    added = cli(
        "counsellor",
        "add",
        "--name",
        "Julien R.",
        "--field",
        "emploi",
        "--as",
        "nadia b.",
        *data,
        SPIE_NEW_PASSPHRASE="Chouette aveyronnaise 42",
    )
    assert added.returncode == 0, added.stderr
    new_id = uuid.UUID(added.stdout.split()[-1])
    as_julien = cli(
        "people", "list", "--account", str(new_id), *data, passphrase="Chouette aveyronnaise 42"
    )
    assert as_julien.returncode == 0, as_julien.stderr
    wrong = cli("people", "list", "--account", "Julien R.", *data)  # Nadia's passphrase
    assert_one_error_line(wrong, "Phrase de passe incorrecte.")


def test_export_refuses_to_write_inside_the_data_dir(initialised: Path, cli: Run) -> None:
    result = cli(
        "export",
        "--person",
        str(uuid.uuid4()),
        "--out",
        str(initialised / "x.json"),
        "--data-dir",
        str(initialised),
    )
    assert_one_error_line(result, "dans le dossier de données chiffrées")
    assert not (initialised / "x.json").exists()


def test_export_of_an_unknown_person(initialised: Path, cli: Run, tmp_path: Path) -> None:
    result = cli(
        "export",
        "--person",
        str(uuid.uuid4()),
        "--out",
        str(tmp_path / "x.json"),
        "--data-dir",
        str(initialised),
    )
    assert_one_error_line(result, "Cette personne est introuvable.")
