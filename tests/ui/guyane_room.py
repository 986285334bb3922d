"""A device in Saint-Laurent-du-Maroni (Guyane, 973) for the issue's « done when » tests:
Nadia (volet social) at the mission locale, Julien (volet emploi) with his own account."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE

STRUCTURE = "Mission locale de Saint-Laurent-du-Maroni"
PLACE = "Saint-Laurent-du-Maroni"


def guyane_device(data_dir: Path) -> device.SetupResult:
    """Nadia's device in territory 973, Julien added on it."""
    setup = device.initialise_device(
        data_dir,
        territory_code="973",
        structure_name=STRUCTURE,
        structure_kind=StructureKind.MISSION_LOCALE,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        device.add_counsellor(
            session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
        )
    return setup


def shown_window(kind: type[QWidget]) -> QWidget | None:
    """The visible top-level window of this kind, if any."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def wait_for_window(qtbot: QtBot, kind: type[QWidget], timeout: int = 20_000) -> QWidget:
    qtbot.waitUntil(lambda: shown_window(kind) is not None, timeout=timeout)
    window = shown_window(kind)
    assert window is not None
    return window
