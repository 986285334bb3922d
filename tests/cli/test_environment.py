"""A machine that refuses writes (read-only folder, full disk, permission, file size limit)
gets one plain line, never a traceback nor "unexpected internal error"; a log that cannot be
written never stops a command. The file-system cases run for real: a tmpfs in a private mount
namespace (``unshare -m``, as root), another user (``setpriv``), ``RLIMIT_FSIZE``."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.child_launcher import command as launched
from tests.conftest import require_tool

from .conftest import PASSPHRASE, ROOT, Run, assert_one_error_line

NOBODY = 65534


def _env() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    environ.update(PYTHONPATH=str(ROOT), SPIE_PASSPHRASE=PASSPHRASE, PYTHONDONTWRITEBYTECODE="1")
    return environ


def _cli(prefix: list[str], *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*prefix, *launched("-m", "spie_desktop", *args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=_env(),
        timeout=240,
        cwd=ROOT,
        **kwargs,
    )


def _require_root(reason: str) -> None:
    if os.geteuid() != 0:
        if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason + " and SPIE_REQUIRE_ALL_TESTS=1 forbids skipping", pytrace=False)
        pytest.skip(reason)


def _require_root_namespaces() -> None:
    require_tool("unshare")
    _require_root("mounting a tmpfs in a private namespace needs root")


def _in_tmpfs(initialised: Path, mount: Path, then: str, size: str = "4m") -> list[str]:
    """A prefix that copies the device into a fresh tmpfs at ``mount`` and runs ``then``."""
    script = (
        f"mount -t tmpfs -o size={size},mode=0755 tmpfs {mount} && "
        f'cp -a {initialised} {mount}/d && {then} && exec "$@"'
    )
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh"]


def test_unwritable_log_does_not_stop_a_command(initialised: Path, cli: Run) -> None:
    log_file = initialised / "logs" / "spie-desktop.log"
    log_file.unlink()
    log_file.mkdir()  # opening the log for writing now fails (IsADirectoryError)
    result = cli("people", "list", "--data-dir", str(initialised))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_read_only_data_dir_is_named(initialised: Path, tmp_path: Path) -> None:
    _require_root_namespaces()
    mount = tmp_path / "mnt"
    mount.mkdir()
    prefix = _in_tmpfs(initialised, mount, f"mount -o remount,ro {mount}")
    result = _cli(prefix, "people", "list", "--data-dir", str(mount / "d"))
    assert_one_error_line(result, "lecture seule")


def test_full_disk_is_named(initialised: Path, tmp_path: Path) -> None:
    _require_root_namespaces()
    mount = tmp_path / "mnt"
    mount.mkdir()
    fill = f"(dd if=/dev/zero of={mount}/filler bs=4096 2>/dev/null || true)"
    prefix = _in_tmpfs(initialised, mount, fill, size="2m")
    result = _cli(prefix, "people", "list", "--data-dir", str(mount / "d"))
    line = assert_one_error_line(result, "disque", "plein")
    assert "erreur interne" not in line


def test_permission_denied_is_named(initialised: Path) -> None:
    require_tool("setpriv")
    _require_root("running a command as another user needs root")
    os.chmod(initialised, 0o700)  # owned by root: another user may not enter it
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    result = _cli(prefix, "people", "list", "--data-dir", str(initialised))
    assert_one_error_line(result, "permission refusée")


def _small_file_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_file_too_large_is_named_and_leaves_no_device(data_dir: Path) -> None:
    args = ("init", "--territory", "12", "--structure", "CCAS", "--counsellor", "Nadia B.")
    result = _cli(
        [], *args, "--field", "social", "--data-dir", str(data_dir), preexec_fn=_small_file_limit
    )
    assert_one_error_line(result, "fichier trop volumineux")
    assert set(os.listdir(data_dir)) <= {"logs", ".setup-lock"}  # no store, slots or staging
    shutil.rmtree(data_dir)
