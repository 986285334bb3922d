"""Input files are read with a cap, outputs never replace special files, the store's own
files are bounded and bound to it, and bad numbers are refused at argument parsing."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest

from spie_desktop.input_limits import PASSPHRASE_FILE_MAX, PDF_FILE_MAX
from spie_desktop.services import device
from spie_desktop.services.people import PeopleService
from tests.child_launcher import command as launched

from .conftest import PASSPHRASE, ROOT, Run, assert_one_error_line

MEMORY_CAP = 1 << 30  # a process reading /dev/zero without limit dies here, not the machine


def _capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _cli_capped(*args: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    environ.update(PYTHONPATH=str(ROOT))
    return subprocess.run(
        launched("-m", "spie_desktop", *args),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environ,
        timeout=240,
        cwd=ROOT,
        preexec_fn=_capped_memory,
    )


def test_passphrase_file_from_dev_zero_is_refused(initialised: Path) -> None:
    result = _cli_capped(
        "people", "list", "--data-dir", str(initialised), "--passphrase-file", "/dev/zero"
    )
    assert_one_error_line(result, "Le fichier zero est trop grand", "4 KiB")


def test_oversized_passphrase_file_is_refused(initialised: Path, tmp_path: Path, cli: Run) -> None:
    big = tmp_path / "phrase.txt"
    big.write_text(PASSPHRASE + " " * PASSPHRASE_FILE_MAX)
    result = cli("people", "list", "--data-dir", str(initialised), "--passphrase-file", str(big))
    assert_one_error_line(result, "Le fichier phrase.txt est trop grand")


def test_plan_verify_of_dev_zero_stops_at_the_cap() -> None:
    result = _cli_capped("plan", "verify", "/dev/zero")
    assert result.returncode == 2, result.stderr
    assert "trop grand" in result.stderr and "Traceback" not in result.stderr


def test_plan_verify_of_an_oversized_file_stops_at_the_cap(tmp_path: Path, cli: Run) -> None:
    sparse = tmp_path / "huge.pdf"
    with sparse.open("wb") as handle:
        handle.truncate(PDF_FILE_MAX + 1)
    result = cli("plan", "verify", str(sparse))
    assert result.returncode == 2, result.stderr
    assert "trop grand" in result.stderr


def _person(data_dir: Path) -> str:
    account = device.resolve_account(data_dir, None).account_id
    with device.unlock(data_dir, account, PASSPHRASE) as session:
        return str(PeopleService(session).create_person("Gisèle", "Costes", date(1970, 1, 8)).id)


@pytest.mark.parametrize("kind", ["fifo", "char-device"])
def test_export_never_replaces_a_special_file(
    initialised: Path, tmp_path: Path, cli: Run, kind: str
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "full"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        if os.geteuid() != 0:
            reason = "making a device node needs root"
            if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
                pytest.fail(reason + " and SPIE_REQUIRE_ALL_TESTS=1 forbids skipping")
            pytest.skip(reason)
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # like /dev/full
    before = os.lstat(target).st_mode
    result = cli(
        "export",
        "--person",
        _person(initialised),
        "--out",
        str(target),
        "--data-dir",
        str(initialised),
    )
    assert_one_error_line(result, "pas un fichier ordinaire", "rien n'a été écrit")
    assert os.lstat(target).st_mode == before
    assert os.listdir(out_dir) == ["full"]  # no temporary copy of the export left behind


def test_config_territory_changed_under_the_store_is_refused(initialised: Path, cli: Run) -> None:
    config = initialised / "config.toml"
    config.write_text(config.read_text().replace('territory_code = "12"', 'territory_code = "973"'))
    result = cli("people", "list", "--data-dir", str(initialised))
    assert_one_error_line(result, "(config.toml) ne correspond pas", "territoire modifié")


def test_config_structure_changed_under_the_store_is_refused(initialised: Path, cli: Run) -> None:
    config = initialised / "config.toml"
    text = config.read_text()
    assert 'structure_name = "CCAS de Rodez"' in text
    config.write_text(text.replace("CCAS de Rodez", "CCAS de Millau"))
    result = cli("people", "list", "--data-dir", str(initialised))
    assert_one_error_line(result, "(config.toml) ne correspond pas", "structure modifiée")


def test_demo_twice_with_the_same_seed_is_a_clear_refusal(data_dir: Path, cli: Run) -> None:
    args = ("demo", "--people", "3", "--signed-plans", "0", "--seed", "5")
    first = cli(*args, "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    again = cli(*args, "--data-dir", str(data_dir))
    assert_one_error_line(again, "graine 5", "autre graine", "(option --seed)")
    other = cli(
        "demo", "--people", "3", "--signed-plans", "0", "--seed", "6", "--data-dir", str(data_dir)
    )
    assert other.returncode == 0, other.stderr


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "-inf", "soon"])
def test_sync_stall_timeout_is_checked_at_parsing(value: str, data_dir: Path, cli: Run) -> None:
    result = cli("sync", f"--stall-timeout={value}", "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert_one_error_line(result, "--stall-timeout", "secondes")
