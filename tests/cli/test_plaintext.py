"""Nothing personal reaches the disk in clear: scan every byte and name under the data dir."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from tests.child_launcher import command as launched

from .conftest import PASSPHRASE, ROOT, Run, assert_one_error_line

SECRETS = (
    "Zéphyrine-Quenouille",
    "Quenouille",
    "Hélène Zéphyrine",
    "06 94 27 81 53",
    "0694278153",
    "dépend du bus de 7h10",
    "bus de 7h10",
)

SCRIPT = textwrap.dedent(
    """
    import os, sys, uuid
    from datetime import date
    from pathlib import Path
    from spie_desktop.domain.people import ConsentScope
    from spie_desktop.services import device
    from spie_desktop.services.interview_session import InterviewSessionService
    from spie_desktop.services.interviews import InterviewService
    from spie_desktop.services.people import PeopleService

    from spie_desktop.logging_setup import setup_logging

    data_dir = Path(sys.argv[1])
    setup_logging(data_dir)  # as the application does: the log is scanned too
    account = device.resolve_account(data_dir, None).account_id
    session = device.unlock(data_dir, account, os.environ["SPIE_PASSPHRASE"])
    people = PeopleService(session)
    person = people.create_person("Hélène", "Zéphyrine-Quenouille", date(1979, 4, 12), allow_duplicates=True,
                                  commune="Rodez", phone="06 94 27 81 53")
    people.record_consent(person.id, {ConsentScope.RECORD})
    interview = InterviewService(session).start_or_resume(person.id)
    InterviewSessionService(session).save_answer(interview.id, "mobilite.notes", "dépend du bus de 7h10")
    person = people.get(person.id)
    person.phone = "0694278153"
    people.update(person)
    print(person.id, flush=True)
    if sys.argv[2] == "close":
        session.close()
    else:
        sys.stdin.readline()  # keep the store open until the test has scanned it
    """
)


def _scan(data_dir: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(data_dir):
        for name in dirs + files:
            for secret in SECRETS:
                if secret.casefold() in name.casefold():
                    found.append(f"name {name}")
        for name in files:
            blob = (Path(root) / name).read_bytes()
            for secret in SECRETS:
                for encoding in ("utf-8", "utf-16-le"):
                    if secret.encode(encoding) in blob:
                        found.append(f"{name}: {secret!r} in {encoding}")
    return found


def test_no_personal_data_in_clear_open_or_closed(
    initialised: Path, cli: Run, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPIE_PASSPHRASE": PASSPHRASE}
    child = subprocess.Popen(
        launched("-c", SCRIPT, str(initialised), "keep-open"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None and child.stdin is not None
    person_id = child.stdout.readline().strip()
    try:
        assert person_id, child.stderr.read() if child.stderr else ""
        assert list(initialised.glob("store.db-wal")), "the scan should see a live WAL"
        assert _scan(initialised) == []
    finally:
        child.stdin.close()
        child.wait(timeout=60)

    closed = subprocess.run(
        launched("-c", SCRIPT, str(initialised), "close"),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert closed.returncode == 0, closed.stderr
    # The command line too: listing and exporting (to a file outside the data dir).
    data = ["--data-dir", str(initialised)]
    assert "ZÉPHYRINE-QUENOUILLE" in cli("people", "list", *data).stdout
    out = tmp_path / "export.json"
    assert cli("export", "--person", person_id, "--out", str(out), *data).returncode == 0
    assert "dépend du bus de 7h10" in out.read_text("utf-8")
    # Demo data never goes into a store holding real people (it would be flagged as a demo
    # store and could never sync): refused in one line that names no one.
    assert_one_error_line(cli("demo", "--people", "5", *data), "personnes réelles")
    # A failure written to the log must not carry the data either.
    cli("people", "list", *data, passphrase="Zéphyrine-Quenouille 7h10")

    assert (initialised / "logs" / "spie-desktop.log").stat().st_size > 0
    assert _scan(initialised) == []
