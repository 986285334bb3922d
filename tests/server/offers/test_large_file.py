"""An export of 50,000 services with bad records among them: the bad ones reported, the good
ones imported, in one transaction."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from spie_server.admin.cli import main as server_cli
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.catalogue_helpers import counter, write_json
from tests.server.offers.records import valid
from tests.server.offers.test_import import run

ROWS = 50_000


@pytest.mark.slow
def test_fifty_thousand_rows_with_bad_ones_among_them(
    server: RunningServer,
    admin: Admin,
    territory: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    template = valid("service", 0)
    records = []
    for n in range(ROWS):
        record = copy.deepcopy(template)
        record["id"] = f"dora--{n}"
        if n % 1000 == 999:
            record["frais"] = "hors-de-prix"
        records.append(record)
    path = write_json(tmp_path / "services.json", records)
    where = ["--territory", territory, "--keep-all"]
    assert server_cli(run(server, "offers", "import", str(path), *where)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        "services: 49950 imported, 0 updated, 0 unchanged, 0 outside the territory, 50 rejected"
    )
    assert out[1] == "  rejected #1000 id=dora--999: frais: unknown value 'hors-de-prix'"
    assert len(out) == 51
    assert counter(admin, territory) == 49_950
