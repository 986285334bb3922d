"""The sync benches set their devices up in one place (``bench/sync_devices.py``): an
unenrolled device for the apply bench, an enrolled one for the sync and catalogue benches."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.sync_devices import PASSPHRASE, unenrolled_device
from spie_desktop.services import device
from spie_desktop.sync.enrolment import NotEnrolled, require_enrolment

BENCH = Path(__file__).resolve().parents[2] / "bench"
#: Benches whose devices sync or apply what a sync brings.
SYNC_BENCHES = ("sync_apply.py", "sync_link.py", "bench_sync.py", "bench_offer_sync.py")


def test_an_unenrolled_bench_device_is_unlocked_and_enrolled_nowhere(tmp_path: Path) -> None:
    session = unenrolled_device(tmp_path / "device")
    try:
        assert session.is_open
        with pytest.raises(NotEnrolled):
            require_enrolment(session)
        account = session.counsellor.id
    finally:
        session.close()
    device.unlock(tmp_path / "device", account, PASSPHRASE).close()  # its passphrase opens it


@pytest.mark.parametrize("name", SYNC_BENCHES)
def test_the_sync_benches_set_no_device_up_by_hand(name: str) -> None:
    source = (BENCH / name).read_text("utf-8")
    assert "initialise_device(" not in source and "device.unlock(" not in source
