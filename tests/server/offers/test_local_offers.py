"""``spie-server offers add-local`` / ``remove-local``: the territory's own offers from a
simple CSV, edited by re-importing it, removed with a tombstone."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_server.admin.cli import main as server_cli
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.catalogue_helpers import stored
from tests.server.offers.test_import import run

HEADER = (
    "id;Nom;Structure;Thématiques;Description;Commune;Code INSEE;Adresse;Téléphone;Courriel;"
    "Modes d'accueil;Modes de mobilisation"
)
GARAGE = (
    "garage-1;Garage solidaire;Roue Libre;Accéder à un véhicule, mobilite--preparer-un-permis;"
    "Réparations à prix réduit pour les personnes suivies;Saint-Laurent-du-Maroni;97311;"
    "2 rue du Port;0594 00 00 00;contact@roue-libre.fr;En présentiel;Téléphoner"
)


def add_local(
    server: RunningServer, territory: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    code = server_cli(run(server, "offers", "add-local", str(path), "--territory", territory))
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def test_local_offers_become_data_inclusion_services_of_the_territory(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    csv_file = tmp_path / "local.csv"
    csv_file.write_text(f"{HEADER}\n{GARAGE}\n", encoding="utf-8")
    code, out = add_local(server, territory, csv_file, capsys)
    assert code == 0, out
    assert "services: 1 imported" in out[0]
    doc = stored(admin, territory)["garage-1"]["doc"]
    assert doc["source"] == f"local:{territory}"
    assert doc["thematiques"] == ["mobilite--acceder-a-un-vehicule", "mobilite--preparer-un-permis"]
    assert doc["modes_accueil"] == ["en-presentiel"]
    assert doc["modes_mobilisation"] == ["telephoner"]
    assert doc["courriel"] == "contact@roue-libre.fr" and doc["code_insee"] == "97311"
    structure = stored(admin, territory, "structure")[doc["structure_id"]]["doc"]
    assert structure["nom"] == "Roue Libre" and structure["source"] == f"local:{territory}"


def test_re_importing_edits_and_remove_local_leaves_a_tombstone(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    csv_file = tmp_path / "local.csv"
    csv_file.write_text(f"{HEADER}\n{GARAGE}\n", encoding="utf-8")
    add_local(server, territory, csv_file, capsys)
    first = stored(admin, territory)["garage-1"]
    csv_file.write_text(f"{HEADER}\n{GARAGE.replace('0594 00 00 00', '0594 11 11 11')}\n")
    code, out = add_local(server, territory, csv_file, capsys)
    assert code == 0 and "0 imported, 1 updated" in out[0]
    edited = stored(admin, territory)["garage-1"]
    assert edited["doc"]["telephone"] == "0594 11 11 11" and edited["seq"] > first["seq"]

    where = ["--territory", territory]
    assert server_cli(run(server, "offers", "remove-local", "garage-1", *where)) == 0
    gone = stored(admin, territory)["garage-1"]
    assert gone["deleted"] and gone["seq"] > edited["seq"]
    assert server_cli(run(server, "offers", "remove-local", "garage-1", *where)) == 1
    assert "no local offer 'garage-1'" in capsys.readouterr().err


def test_a_bad_local_line_is_rejected_by_name_and_the_others_kept(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = GARAGE.replace("garage-1", "garage-2").replace("Accéder à un véhicule", "Voler")
    csv_file = tmp_path / "local.csv"
    csv_file.write_text(f"{HEADER}\n{GARAGE}\n{bad}\n", encoding="utf-8")
    code, out = add_local(server, territory, csv_file, capsys)
    assert code == 0
    assert "1 imported" in out[0] and "1 rejected" in out[0]
    assert out[1] == "  rejected #2 id=garage-2: thematiques.0: unknown value 'Voler'"
    assert set(stored(admin, territory)) == {"garage-1"}


def test_a_local_file_without_the_required_columns_writes_nothing(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    csv_file = tmp_path / "local.csv"
    csv_file.write_text("id;Nom\ngarage-1;Garage\n", encoding="utf-8")
    code, out = add_local(server, territory, csv_file, capsys)
    assert code == 1
    assert "missing column(s): description, structure" in out[-1]
    assert stored(admin, territory) == {}
