"""No name in the server's log nor in PostgreSQL's, whatever a push does.

The real ``spie-server run`` on a throwaway PostgreSQL cluster, its stderr in a file. Pushes
carry a person's first and last names next to a value PostgreSQL cannot store (NaN,
±Infinity, 1e400, a lone surrogate), then a push the database itself fails (a trigger raises
on the record). Before, the first gave a 500 whose log line held the batch's SQL parameters,
and PostgreSQL's own log quoted the JSON; now such values are refused per change, engines
hide parameters, and a log filter withholds the text of database errors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from spie_server.db import make_engine, upgrade
from spie_server.settings import Settings
from tests.server.conftest import GENEROUS
from tests.server.helpers import Admin, DeviceClient, change, enrolled
from tests.server.pg import Cluster, free_port

TRIGGER = """
CREATE FUNCTION refuse_marked_record() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'forced failure for the log test';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER refuse_marked_record BEFORE INSERT ON records FOR EACH ROW
  WHEN (NEW.hlc LIKE '%-FORCEFAILURE') EXECUTE FUNCTION refuse_marked_record();
"""
BAD_VALUES = ("NaN", "Infinity", "-Infinity", "1e400", '"\\ud800"', '["ok", "\\udfff"]')


@pytest.fixture
def pg_server(pg_cluster: Cluster, tmp_path: Path) -> Iterator[tuple[str, Admin, Path]]:
    """``spie-server run`` in its own process, on a fresh database; yields its log file."""
    url = pg_cluster.create_database("t_" + uuid.uuid4().hex[:12])
    settings = Settings(tmp_path / "server", url, GENEROUS)
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text(TRIGGER))
    log_path = tmp_path / "server.log"
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "import sys; from spie_server.admin.cli import main; sys.exit(main())",
        "--data-dir",
        str(settings.data_dir),
        "--database-url",
        url,
        "run",
        "--port",
        str(port),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=os.environ)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process)
        yield base_url, Admin(engine, settings), log_path
    finally:
        process.terminate()
        process.wait(timeout=30)
        engine.dispose()


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes]) -> None:
    while process.poll() is None:
        try:
            if httpx.get(base_url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("spie-server run exited before serving")


def _person(first: str, last: str, *, forced: bool = False) -> str:
    """A person's creation; ``forced``: its clock's node name makes the trigger fail it
    (documents are sealed at rest, so the trigger cannot look into them)."""
    person = change("people", fields={"first_name": first, "last_name": last})
    if forced:
        person["hlc"] = person["hlc"].rsplit("-", 1)[0] + "-FORCEFAILURE"
    return json.dumps(person)


def _push(device: DeviceClient, *changes: str) -> int:
    """The answer's status; 0 when the server cut the connection (what matters is the logs)."""
    body = f'{{"batch_id": "{uuid.uuid4()}", "changes": [{", ".join(changes)}]}}'
    headers = {"Content-Type": "application/json"}
    try:
        return device.http.post("/v1/push", content=body.encode(), headers=headers).status_code
    except httpx.TransportError:
        return 0


def test_no_name_reaches_the_server_log_or_the_postgresql_log(
    pg_server: tuple[str, Admin, Path], pg_cluster: Cluster
) -> None:
    base_url, admin, log_path = pg_server
    territory = admin.territory()
    tag = uuid.uuid4().hex[:8]
    first, last = f"Zephyrine{tag}", f"Quenault{tag}"
    with enrolled(base_url, admin, territory) as device:
        for raw in BAD_VALUES:
            # The name right before the bad value: PostgreSQL quotes what precedes an error.
            answer = change("answers", fields={"note": last, "value": "X"})
            bad = json.dumps(answer).replace('"X"', raw)
            _push(device, _person(first, last), bad)
            _push(device, _person(first, last).replace('"commune": ""', f'"commune": {raw}'))
        forced = _push(device, _person(first, last, forced=True))
    assert forced == 500  # the database failed the push: its error went through the logs

    server_log = log_path.read_text(encoding="utf-8", errors="replace")
    postgres_log = pg_cluster.log_file.read_text(encoding="utf-8", errors="replace")
    assert "unexpected_error" in server_log
    assert "forced failure for the log test" in postgres_log
    for name in (first, last):
        assert name not in server_log
        assert name not in postgres_log


def test_engines_never_put_parameters_in_an_exception(tmp_path: Path) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from spie_desktop.storage.engine import make_engine as make_store_engine
    from spie_server.settings import sqlite_url

    for engine in (make_engine(sqlite_url(tmp_path)), make_store_engine(tmp_path / "s.db", None)):
        with pytest.raises(SQLAlchemyError) as caught, engine.connect() as connection:
            connection.execute(text("SELECT * FROM no_such_table WHERE x = :v"), {"v": "Zoe"})
        assert "Zoe" not in str(caught.value)
        engine.dispose()


def test_the_filter_withholds_database_text_whatever_the_handler(tmp_path: Path) -> None:
    import logging

    from spie_server.log_redaction import DatabaseTextFilter

    engine = make_engine(f"sqlite:///{tmp_path / 'raw.db'}").execution_options()
    engine.hide_parameters = False  # as an engine made elsewhere might be
    record: logging.LogRecord | None = None
    name = " ".join(["Zoe", "Quenault"])  # not in a source line the traceback would quote
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT * FROM nope WHERE x = :v"), {"v": name})
    except Exception:
        record = logging.LogRecord(
            "uvicorn.error", logging.ERROR, __file__, 1, "failed: %s", None, sys.exc_info()
        )
        record.args = (str(sys.exc_info()[1]),)
    assert record is not None
    assert name in record.getMessage()  # what would have been logged
    DatabaseTextFilter().filter(record)
    text_out = logging.Formatter().format(record)
    assert name not in text_out and "[SQL:" not in text_out
    assert "sqlalchemy.exc.OperationalError" in text_out
    engine.dispose()
