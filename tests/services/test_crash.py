"""A process killed right after an autosave loses nothing: the answer is on disk."""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
from datetime import date
from pathlib import Path

from spie_desktop.domain.people import ConsentScope
from spie_desktop.services import device
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from tests.child_launcher import command as launched

from .conftest import NADIA_PASSPHRASE, Device

CHILD = textwrap.dedent(
    """
    import sys, time, uuid
    from pathlib import Path
    from spie_desktop.services import device
    from spie_desktop.services.interview_session import InterviewSessionService

    import os
    data_dir, account, interview_id = Path(sys.argv[1]), uuid.UUID(sys.argv[2]), uuid.UUID(sys.argv[3])
    session = device.unlock(data_dir, account, os.environ["SPIE_PASSPHRASE"])
    InterviewSessionService(session).save_answer(interview_id, "mobilite.notes", "dépend du bus de 7h10")
    print("SAVED mobilite.notes", flush=True)
    time.sleep(60)
    """
)


# The child process unlocks the device through tests/child_launcher.py, at the suite's cheap
# Argon2id cost, as the device was set up.
def test_answer_saved_before_a_kill_is_there_after_reopening(ready_device: Device) -> None:
    data_dir, account = ready_device.data_dir, ready_device.setup.counsellor_id
    with device.unlock(data_dir, account, NADIA_PASSPHRASE) as session:
        people = PeopleService(session)
        person = people.create_person("Gisèle", "Costes", date(1970, 1, 8))
        people.record_consent(person.id, {ConsentScope.RECORD})
        interview = InterviewService(session).start_or_resume(person.id)

    child = subprocess.Popen(
        launched("-c", CHILD, str(data_dir), str(account), str(interview.id)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            "SPIE_PASSPHRASE": NADIA_PASSPHRASE,
        },
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "SAVED mobilite.notes", child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with device.unlock(data_dir, account, NADIA_PASSPHRASE) as session:
        answers = InterviewService(session).answers(interview.id)
    assert answers["mobilite.notes"].value == "dépend du bus de 7h10"
