"""Qt's own words (standard buttons, file and print dialogs) are French in the application."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox
from spie_desktop.app import _application
app = _application([])
box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
print(box.button(QDialogButtonBox.StandardButton.Cancel).text())
print(QCoreApplication.translate("QFileDialog", "Look in:"))
"""


def test_the_wheel_ships_qtbase_fr() -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_fr.qm").is_file(), sorted(p.name for p in folder.glob("*_fr.qm"))


def test_the_application_speaks_qts_french() -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SPIE_", "LANG", "LC_"))}
    environ.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", LANG="C", LC_ALL="C")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    cancel, look_in = result.stdout.splitlines()
    assert cancel.replace("&", "") == "Annuler"
    assert look_in.replace("\xa0", " ") == "Voir dans :"
