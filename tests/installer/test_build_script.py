"""The build script's own logic (no PyInstaller run): arguments, names, what is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from installer.build import BuildError, parse_args, provision, provisioning_from_args
from installer.bundle_filter import EXCLUDED_MODULES, keep_entry
from installer.elf_prune import is_root
from installer.linux_package import archive_name, desktop_entry
from spie_desktop import __version__
from spie_desktop.provisioning import FILE_NAME, read_file

from .conftest import SERVER


def test_no_arguments_build_an_unprovisioned_bundle() -> None:
    assert provisioning_from_args(parse_args([])) is None


def test_partial_provisioning_is_refused_before_building() -> None:
    with pytest.raises(BuildError, match="missing: --ca, --server"):
        provisioning_from_args(parse_args(["--territory", "12"]))


def test_bad_values_are_refused_before_building(tmp_path: Path, ca_pem: str) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text(ca_pem, encoding="ascii")
    with pytest.raises(BuildError, match="unknown territory"):
        provisioning_from_args(
            parse_args(["--territory", "99", "--server", SERVER, "--ca", str(ca)])
        )
    with pytest.raises(BuildError, match="cannot read the CA"):
        provisioning_from_args(
            parse_args(["--territory", "12", "--server", SERVER, "--ca", str(tmp_path / "x")])
        )


def test_provisioning_is_written_beside_the_executable_and_removed_when_unprovisioned(
    tmp_path: Path, ca_pem: str
) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text(ca_pem, encoding="ascii")
    args = parse_args(
        ["--territory", "12", "--server", SERVER, "--ca", str(ca), "--name", "SPIE Aveyron"]
    )
    wanted = provisioning_from_args(args)
    bundle = tmp_path / "spie-desktop"
    bundle.mkdir()
    assert provision(bundle, wanted) == bundle / FILE_NAME
    assert read_file(bundle / FILE_NAME) == wanted
    provision(bundle, None)
    assert not (bundle / FILE_NAME).exists()


def test_archive_and_menu_names() -> None:
    assert archive_name(__version__).startswith(f"spie-desktop-{__version__}-linux-")
    assert f"-{__version__}-t12-linux-" in archive_name(__version__, "12")
    assert "\nName=SPIE Aveyron\n" in desktop_entry("SPIE Aveyron")
    assert "\nName=SPIE\n" in desktop_entry()


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("spie_desktop/forms/definitions/socle-commun.v1.yaml", True),
        # The plan preview prints: Qt's print support and its CUPS plugin, the system's libcups.
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("libcups.so.2", False),
    ],
)
def test_the_bundle_filter(path: str, kept: bool) -> None:
    assert keep_entry(path) is kept


def test_the_modules_the_plan_preview_imports_are_not_excluded() -> None:
    assert "PySide6.QtPrintSupport" not in EXCLUDED_MODULES
    assert "pypdfium2" not in EXCLUDED_MODULES


@pytest.mark.parametrize(
    ("dest", "root"),
    [
        ("pypdfium2_raw/libpdfium.so", True),  # loaded by ctypes: no library needs it
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so", True),
        ("libssl.so.3", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("pillow.libs/libjpeg-6dc8d115.so.62.4.0", False),
    ],
)
def test_libraries_loaded_by_ctypes_are_pruning_roots(dest: str, root: bool) -> None:
    assert is_root(dest) is root
