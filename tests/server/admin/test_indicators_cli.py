"""``spie-server indicators export``: what an administrator publishes holds no one's identity,
and a usage mistake is one clear line with exit status 2. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spie_server.admin.cli import main
from spie_server.db import session_scope
from spie_server.indicators.table import computed_table
from tests.server.helpers import Admin, DeviceClient, RunningServer, change

#: Twelve people of one structure, each with a name, birth date and commune of their own.
PEOPLE = [
    (f"Prénomtest{n}", f"Nomtest{n}", f"19{60 + n}-0{1 + n % 9}-1{n % 10}", f"Communetest{n}")
    for n in range(12)
]


def _location(server: RunningServer) -> list[str]:
    return [
        "--data-dir",
        str(server.settings.data_dir),
        "--database-url",
        server.settings.database_url,
    ]


def run(server: RunningServer, *args: str) -> int:
    return main([*args, *_location(server)])


def _push_territory(device: DeviceClient) -> list[str]:
    """Each person oriented, contacted and interviewed in October 2026 by counsellors of the
    structure « CD Test » (whose structure is theirs); their ids."""
    ids: list[str] = []
    structure, social, emploi = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    changes: list[dict[str, Any]] = [
        change(
            "structures",
            structure,
            fields={"name": "CD Test", "kind": "conseil_departemental", "territory_code": "12"},
        ),
        *(
            change(
                "counsellors",
                counsellor,
                fields={"display_name": name, "field": field, "structure_id": str(structure)},
            )
            for counsellor, name, field in ((social, "A.", "social"), (emploi, "B.", "emploi"))
        ),
    ]
    for n, (first, last, born, commune) in enumerate(PEOPLE):
        person = uuid.uuid4()
        ids.append(str(person))
        changes.append(
            change(
                "people",
                person,
                fields={
                    "first_name": first,
                    "last_name": last,
                    "birth_date": born,
                    "commune": commune,
                },
            )
        )
        for kind, day in (("orientation", 1), ("first_contact", 3 + n % 5)):
            changes.append(
                change(
                    "follow_up_events",
                    fields={
                        "person_id": str(person),
                        "kind": kind,
                        "occurred_at": f"2026-10-{day:02d}T15:00:00+00:00",
                        "note": "",
                    },
                )
            )
        changes.append(
            change(
                "interviews",
                fields={
                    "person_id": str(person),
                    "status": "completed",
                    "social_counsellor_id": str(social),
                    "emploi_counsellor_id": str(emploi) if n % 2 else None,
                    "updated_at": f"2026-10-{20 + n % 5}T15:00:00+00:00",
                },
            )
        )
    device.push_ok(changes)
    return ids


def _identities(ids: list[str]) -> list[str]:
    """Every value that would tell who someone is: names, birth dates (two spellings),
    communes, person ids (two spellings)."""
    values = [value for person in PEOPLE for value in person] + ids
    values += [uuid.UUID(i).hex for i in ids]
    values += [born[8:10] + "/" + born[5:7] + "/" + born[:4] for _, _, born, _ in PEOPLE]
    return values


def test_the_computed_table_names_no_one(
    server: RunningServer, admin: Admin, enrol: Callable[..., AbstractContextManager[DeviceClient]]
) -> None:
    """Before suppression even: no label or category of a cell carries an identity."""
    territory = admin.territory()
    with enrol(territory, "CD Test") as device:
        ids = _push_territory(device)
    with session_scope(admin.engine) as session:
        table = computed_table(session, territory, date(2026, 10, 1), date(2026, 12, 31))
    done = [c for c in table.cells if c.indicator == "diagnostics_done" and not c.month]
    assert [(c.structure, c.people) for c in done if not c.category] == [("", 12), ("CD Test", 12)]
    text = repr(table)
    assert [value for value in _identities(ids) if value in text] == []


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_an_export_names_no_one(
    server: RunningServer,
    admin: Admin,
    enrol: Callable[..., AbstractContextManager[DeviceClient]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    territory = admin.territory()
    with enrol(territory, "CD Test") as device:
        ids = _push_territory(device)
    out = tmp_path / f"indicateurs{suffix}"
    code = run(
        server,
        "indicators",
        "export",
        "--territory",
        territory,
        "--from",
        "2026-10-01",
        "--to",
        "2026-12-31",
        "--out",
        str(out),
    )
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "diagnostics_done" in text  # the figures are there…
    assert [value for value in _identities(ids) if value in text] == []  # …and no one's identity
    if suffix == ".json":
        document = json.loads(text)
        diagnostics = [
            c
            for c in document["cells"]
            if c["indicator"] == "diagnostics_done" and not c["month"] and not c["category"]
        ]
        assert {(c["structure"], c["value"], c["suppressed"]) for c in diagnostics} == {
            ("", 12, False),
            ("CD Test", 12, False),
        }


def _export(server: RunningServer, territory: str, out: Path) -> None:
    period = ["--from", "2026-10-01", "--to", "2026-12-31"]
    args = ["indicators", "export", "--territory", territory, *period, "--out", str(out)]
    assert run(server, *args) == 0


def test_the_state_merges_the_exports_of_three_territories(
    server: RunningServer,
    admin: Admin,
    enrol: Callable[..., AbstractContextManager[DeviceClient]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files, ids = [], []
    codes = [admin.territory() for _ in range(3)]
    for code in codes:
        with enrol(code, "CD Test") as device:
            ids += _push_territory(device)
        files.append(tmp_path / f"{code}.json")
        _export(server, code, files[-1])
    out = tmp_path / "national.csv"
    assert run(server, "indicators", "merge", *map(str, files), "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8-sig")
    national = [
        line.split(";")
        for line in text.splitlines()
        if line.startswith(";") and ";diagnostics_done;" in line
    ]
    assert [row[10] for row in national if row[6:9] == ["", "", ""]] == ["36"]
    assert all(code in text for code in codes)
    assert [value for value in _identities(ids) if value in text] == []

    # An export of another schema version is refused, every file's version named.
    document = json.loads(files[0].read_text(encoding="utf-8"))
    document["schema_version"] = 99
    files[0].write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert run(server, "indicators", "merge", *map(str, files), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"99 ({files[0].name})" in err and f"1 ({files[1].name})" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--territory", "NOWHERE"], "unknown territory 'NOWHERE'"),
        (["--from", "2026-13-01"], "--from '2026-13-01' is not a day (expected YYYY-MM-DD)"),
        (["--to", "31/12/2026"], "--to '31/12/2026' is not a day (expected YYYY-MM-DD)"),
        (["--from", "2026-12-01", "--to", "2026-11-30"], "--from 2026-12-01 is after --to"),
        (["--from", "2999-01-01"], "--from 2999-01-01 is after today ("),
        (["--out", "figures.xlsx"], "--out 'figures.xlsx': the file must end in .csv or .json"),
    ],
)
def test_a_usage_mistake_is_one_line_and_exit_2(
    server: RunningServer,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    options = {"--territory": territory, "--out": str(tmp_path / "t.csv")}
    given = dict(zip(args[::2], args[1::2], strict=True))
    if "--out" in given:
        given["--out"] = str(tmp_path / given["--out"])
    options.update(given)
    flat = [part for pair in options.items() for part in pair]
    assert run(server, "indicators", "export", *flat) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "t.csv").exists()


def test_a_merge_of_a_missing_file_is_one_line_and_exit_2(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "guyane.json"
    out = tmp_path / "national.csv"
    assert run(server, "indicators", "merge", str(missing), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err == f"spie-server: error: {missing}: no such file\n"
    assert run(server, "indicators", "merge", str(missing), "--out", "national.ods") == 2
    assert "must end in .csv or .json" in capsys.readouterr().err
    assert not out.exists()
