"""The real Linux bundle: built once per session by ``installer.build``, run with no Python.

Slow (the PyInstaller build takes 1–5 minutes on these machines) but part of ``make test``:
the bundle is what administrators ship, and only a built bundle shows a missing plugin,
library or data file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from installer.build import BuildResult, build, parse_args
from spie_desktop import __version__
from spie_desktop.provisioning import FILE_NAME

from .conftest import SERVER, territory_ca_pem
from .icu_helpers import icu_data_copy, without_collation

pytestmark = [
    pytest.mark.slow,
    pytest.mark.bundle,
    pytest.mark.timeout(1800),  # the first test also pays for the build
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle only"),
]
PASSPHRASE = "le viaduc dans la brume"


def require_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        reason = "PyInstaller is not installed (pip install -e '.[installer]', or make test)"
        if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason + " and SPIE_REQUIRE_ALL_TESTS=1 forbids skipping", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    require_pyinstaller()
    root = tmp_path_factory.mktemp("bundle-build")
    ca = root / "territory-ca.pem"
    ca.write_text(territory_ca_pem("12"), encoding="ascii")
    args = parse_args(
        [
            "--territory", "12", "--server", SERVER, "--ca", str(ca), "--name", "SPIE Aveyron",
            "--dist", str(root / "dist"), "--work", str(root / "work"),
        ]
    )  # fmt: skip
    return build(args)


def bare_env(tmp_path: Path) -> dict[str, str]:
    """No Python anywhere on PATH, a fresh home, no display, none of our variables."""
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": str(empty), "HOME": str(home), "LANG": "C.UTF-8"}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run(executable: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable), *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300,
        check=False,
    )  # fmt: skip


def linked_copy(bundle: Path, target: Path) -> Path:
    """A cheap copy of the bundle (hard links); replace files in it, never write through."""
    shutil.copytree(bundle, target, symlinks=True, copy_function=os.link)
    return target


def test_the_bundle_reports_its_version(built: BuildResult, tmp_path: Path) -> None:
    result = run(built.executable, "--version", env=bare_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"spie-desktop {__version__}\n"


def test_the_provisioned_bundle_passes_its_self_check(built: BuildResult, tmp_path: Path) -> None:
    env = bare_env(tmp_path)
    result = run(built.executable, "--self-check", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"spie-desktop {__version__} self-check (bundle, linux)"
    assert all(line.endswith(": OK") for line in lines[1:]), result.stdout
    assert "Qt 6" in lines[2] and "(offscreen, xcb)" in lines[2]
    assert lines[4].startswith("Text on screen (French collation, Arabic shaping, SVG")
    assert "preview rendered" in lines[6]
    assert lines[-1] == (
        "Provisioning (SPIE Aveyron): territory 12, server https://spie.aveyron.fr: OK"
    )
    assert not (Path(env["HOME"]) / ".local" / "share" / "spie-desktop").exists()


def test_a_tampered_provisioning_file_is_refused(built: BuildResult, tmp_path: Path) -> None:
    copy = linked_copy(built.bundle, tmp_path / "tampered")
    document = json.loads((copy / FILE_NAME).read_text(encoding="utf-8"))
    document["territory_code"] = "973"
    (copy / FILE_NAME).unlink()  # a hard link: replace it, do not write through it
    (copy / FILE_NAME).write_text(json.dumps(document), encoding="utf-8")
    env = bare_env(tmp_path)
    result = run(copy / "spie-desktop", "--self-check", env=env)
    assert result.returncode == 1
    assert "Provisioning: REFUSED — checksum mismatch (the file was altered)" in result.stdout
    init = run(
        copy / "spie-desktop", "init", "--data-dir", str(tmp_path / "device"),
        "--territory", "973", "--structure", "CD", "--counsellor", "Kévin", "--field", "emploi",
        env={**env, "SPIE_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert init.returncode != 0
    assert "provisionnement de cette installation est refusé" in init.stderr
    assert "somme de contrôle incorrecte" in init.stderr
    assert not (tmp_path / "device" / "store.db").exists()


def test_an_unprovisioned_bundle_says_so(built: BuildResult, tmp_path: Path) -> None:
    copy = linked_copy(built.bundle, tmp_path / "plain")
    (copy / FILE_NAME).unlink()
    result = run(copy / "spie-desktop", "--self-check", env=bare_env(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "Provisioning: none (unprovisioned bundle): OK" in result.stdout


def test_the_bundle_enforces_the_provisioned_territory(built: BuildResult, tmp_path: Path) -> None:
    env = {**bare_env(tmp_path), "SPIE_PASSPHRASE": PASSPHRASE}
    device = tmp_path / "device"
    common = ["--structure", "CD Aveyron", "--counsellor", "Nadia B.", "--field", "social"]
    elsewhere = run(
        built.executable, "init", "--data-dir", str(device), "--territory", "973", *common,
        env=env,
    )  # fmt: skip
    assert elsewhere.returncode != 0
    assert "réservé au territoire 12" in elsewhere.stderr
    here = run(
        built.executable, "init", "--data-dir", str(device), "--territory", "12", *common,
        env=env,
    )  # fmt: skip
    assert here.returncode == 0, here.stderr
    config = (device / "config.toml").read_text(encoding="utf-8")
    assert 'territory_code = "12"' in config and "territory_locked = true" in config
    assert f'server_url = "{SERVER}"' in config


def test_the_archive_installs_for_one_user(built: BuildResult, tmp_path: Path) -> None:
    assert built.archive is not None and built.archive.name == (
        f"spie-desktop-{__version__}-t12-linux-x86_64.tar.xz"
    )
    with tarfile.open(built.archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    top = tmp_path / "unpacked" / f"spie-desktop-{__version__}"
    env = bare_env(tmp_path)
    installed = subprocess.run(
        ["/bin/sh", str(top / "install.sh"), "--user", "--no-check"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**env, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    home = Path(env["HOME"])
    launcher = home / ".local" / "bin" / "spie-desktop"
    assert launcher.is_symlink()
    result = run(launcher, "--version", env=env)
    assert result.stdout == f"spie-desktop {__version__}\n"
    entry = (home / ".local/share/applications/spie-desktop.desktop").read_text(encoding="utf-8")
    assert "\nName=SPIE Aveyron\n" in entry
    assert f'Exec="{home}/.local/opt/spie-desktop/spie-desktop"' in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/spie-desktop.png").is_file()


def test_the_bundle_leaves_out_what_the_desktop_does_not_use(built: BuildResult) -> None:
    internal = built.bundle / "_internal"
    for absent in ("spie_server", "fastapi", "uvicorn", "weasyprint", "hypothesis", "pytest",
                   "lxml", "uharfbuzz", "pyphen", "tkinter"):  # fmt: skip
        assert not (internal / absent).exists(), absent
    qt = internal / "PySide6" / "Qt"
    assert not list(qt.glob("lib/libQt6Pdf*")) and not list(qt.glob("lib/libQt6Qml*"))
    assert sorted(p.name for p in (qt / "plugins" / "platforms").iterdir()) == [
        "libqminimal.so", "libqoffscreen.so", "libqwayland.so", "libqxcb.so",
    ]  # fmt: skip
    assert [p.name for p in (qt / "translations").iterdir()] == ["qtbase_fr.qm"]
    assert not list(internal.glob("libgtk*")) and not list(internal.glob("libpango*"))
    for absent in ("rich", "pygments", "setuptools", "pkg_resources"):
        assert not (internal / absent).exists(), absent
    assert not list(internal.glob("libcups*"))  # the print plugin uses the system's
    # ICU's data holds the application's languages only (31 MB with every locale).
    assert (qt / "lib" / "libicudata.so.73").stat().st_size < 6 * 1024 * 1024
    assert built.unpacked_bytes < 150 * 1024 * 1024  # the target (bench/bench_bundle.py)


def test_the_bundle_keeps_what_the_plan_preview_loads(built: BuildResult) -> None:
    """pdfium (loaded by ctypes, named by no library) and Qt's print support."""
    internal = built.bundle / "_internal"
    assert (internal / "pypdfium2_raw" / "libpdfium.so").is_file()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6PrintSupport.so.6").is_file()
    assert list((internal / "PySide6").glob("QtPrintSupport.*.so"))


def test_the_self_check_catches_icu_data_cut_too_far(built: BuildResult, tmp_path: Path) -> None:
    """The bundle's self-check sorts French words: without collation data, it fails."""
    copy = linked_copy(built.bundle, tmp_path / "no-collation")
    target = copy / "_internal" / "PySide6" / "Qt" / "lib" / "libicudata.so.73"
    target.unlink()  # a hard link: replace it, do not write through it
    shutil.copyfile(icu_data_copy(tmp_path / "icu", keep=without_collation), target)
    result = run(copy / "spie-desktop", "--self-check", env=bare_env(tmp_path))
    assert result.returncode == 1, result.stdout
    assert "Text on screen: FAILED — French words sort as" in result.stdout
