"""``spie-server offers import``: valid records imported, every fault the schema forbids
rejected with the record and the field named, upserts by (source, id), one transaction per
file; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spie_server.admin.cli import main as server_cli
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.catalogue_helpers import counter, stored, write_csv, write_json
from tests.server.offers.records import faults, schema, valid


def run(server: RunningServer, *args: str) -> list[str]:
    where = ["--data-dir", str(server.settings.data_dir)]
    where += ["--database-url", server.settings.database_url]
    return [*args, *where]


def offers_import(
    server: RunningServer, capsys: pytest.CaptureFixture[str], territory: str, *files: Path
) -> tuple[int, list[str]]:
    code = server_cli(
        run(server, "offers", "import", *map(str, files), "--territory", territory)
        + ["--departement", "973"]
    )
    return code, capsys.readouterr().out.splitlines()


def structures_file(tmp_path: Path) -> Path:
    return write_json(tmp_path / "structures.json", [valid("structure", 1)])


@pytest.mark.parametrize("kind", ["structure", "service"])
def test_a_record_with_every_property_is_imported_as_published(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    record = valid(kind, 1)
    code, out = offers_import(server, capsys, territory, write_json(tmp_path / "a.json", [record]))
    assert code == 0, out
    assert out[0].endswith(
        f"{kind}s: 1 imported, 0 updated, 0 unchanged, 0 outside the territory, 0 rejected"
    )
    assert stored(admin, territory, kind)[record["id"]]["doc"] == record


@pytest.mark.parametrize("kind", ["structure", "service"])
def test_every_fault_is_rejected_with_its_record_and_field_and_the_good_ones_imported(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    broken = faults(kind)
    assert len(broken) > len(schema(kind)["properties"])  # types, enumerations, formats…
    records: list[Any] = [valid(kind, 0)]
    for number, fault in enumerate(broken, start=1):
        records.append(fault.apply(valid(kind, number)))
    records.append(valid(kind, 9999))
    code, out = offers_import(server, capsys, territory, write_json(tmp_path / "f.json", records))
    assert code == 0
    assert (
        f"2 imported, 0 updated, 0 unchanged, 0 outside the territory, {len(broken)} rejected"
        in out[0]
    )
    rejected = {int(line.split()[1][1:]): line for line in out[1:]}
    for number, fault in enumerate(broken, start=2):
        line = rejected.get(number)
        assert line is not None, f"{fault} was accepted"
        assert fault.field in line, (fault, line)
        if fault.field != "id":
            assert f"id=dora--{kind}-{number - 1}" in line
    assert set(stored(admin, territory, kind)) == {f"dora--{kind}-0", f"dora--{kind}-9999"}


def test_reasons_say_what_is_wrong(
    server: RunningServer,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = [
        valid("service", 1, thematiques=["mobilite--voler-une-voiture"]),
        valid("service", 2, latitude="quatre"),
        valid("service", 3, date_maj="hier"),
    ]
    del records[2]["description"]
    _code, out = offers_import(server, capsys, territory, write_json(tmp_path / "r.json", records))
    assert out[1:] == [
        "  rejected #1 id=dora--service-1: thematiques.0: unknown value "
        "'mobilite--voler-une-voiture'",
        "  rejected #2 id=dora--service-2: latitude: wrong type (string), expected number",
        "  rejected #3 id=dora--service-3: record: 'description' is a required property",
    ]


def test_a_duplicate_id_within_a_file_is_rejected_and_the_first_kept(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, again = valid("service", 1, nom="Premier"), valid("service", 1, nom="Second")
    _code, out = offers_import(
        server, capsys, territory, write_json(tmp_path / "d.json", [first, again])
    )
    assert out[1] == "  rejected #2 id=dora--service-1: duplicate id: record 1 has it too"
    assert stored(admin, territory)["dora--service-1"]["doc"]["nom"] == "Premier"


def test_a_file_mixing_structures_and_services_writes_nothing(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mixed = write_json(tmp_path / "m.json", [valid("service", 1), valid("structure", 1)])
    code, out = offers_import(server, capsys, territory, mixed)
    assert code == 1
    assert "nothing written" in out[0] and "separate files" in out[0]
    assert stored(admin, territory) == {} and counter(admin, territory) is None


def test_a_truncated_file_writes_nothing_and_the_other_files_are_imported(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = write_json(tmp_path / "good.json", [valid("service", 1)])
    whole = write_json(tmp_path / "cut.json", [valid("service", n) for n in range(2, 40)])
    whole.write_text(whole.read_text(encoding="utf-8")[:-500], encoding="utf-8")
    code, out = offers_import(server, capsys, territory, good, whole)
    assert code == 1
    assert out[0].startswith(f"{good}: services: 1 imported")
    assert out[1].startswith(f"{whole}: not imported, nothing written: truncated")
    assert set(stored(admin, territory)) == {"dora--service-1"}
    assert counter(admin, territory) == 1


@pytest.mark.parametrize("lists_as_json", [True, False], ids=["json-lists", "comma-lists"])
def test_csv_with_the_same_columns_imports_the_same_records(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lists_as_json: bool,
) -> None:
    records = [valid("service", n) for n in range(3)]
    records[1]["thematiques"] = ["mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"]
    records[2]["latitude"] = None
    csv_file = write_csv(tmp_path / "s.csv", records, lists_as_json)
    code, out = offers_import(server, capsys, territory, csv_file)
    assert code == 0 and "3 imported" in out[0], out
    docs = {k: v["doc"] for k, v in stored(admin, territory).items()}
    assert docs == {r["id"]: r for r in records}
    _code, again = offers_import(
        server, capsys, territory, write_json(tmp_path / "s.json", records)
    )
    assert "0 imported, 0 updated, 3 unchanged" in again[0]


def test_a_second_import_updates_only_what_changed_and_moves_only_its_sequence(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = [valid("service", n) for n in range(3)]
    offers_import(server, capsys, territory, write_json(tmp_path / "1.json", records))
    before = stored(admin, territory)
    records[1]["description"] = "Une description revue par la source"
    records.append(valid("service", 3))
    _code, out = offers_import(server, capsys, territory, write_json(tmp_path / "2.json", records))
    assert "1 imported, 1 updated, 2 unchanged" in out[0]
    after = stored(admin, territory)
    assert after["dora--service-0"]["seq"] == before["dora--service-0"]["seq"]
    assert after["dora--service-1"]["seq"] > max(v["seq"] for v in before.values())
    assert after["dora--service-1"]["doc"]["description"] == records[1]["description"]
    assert counter(admin, territory) == 5


def test_structures_are_imported_first_whatever_the_order_given(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A service with no zone and no address of its own is placed by its structure's, so the
    structures file must be read first."""
    service = valid("service", 1, zone_eligibilite=None, code_insee=None, code_postal=None)
    services = write_json(tmp_path / "services.json", [service])
    code, out = offers_import(server, capsys, territory, services, structures_file(tmp_path))
    assert code == 0
    assert out[0].startswith(f"{tmp_path / 'structures.json'}: structures: 1 imported")
    assert set(stored(admin, territory)) == {"dora--service-1"}
